;;! opt-level = 2
;; Division traps on a zero divisor and on INT_MIN / -1; rem_s divides by 1 when the divisor
;; is -1; shifts mask their count.
(module
  (func (export "div_s") (param i32 i32) (result i32) (i32.div_s (local.get 0) (local.get 1)))
  (func (export "rem_s") (param i64 i64) (result i64) (i64.rem_s (local.get 0) (local.get 1)))
  (func (export "div_u_const") (param i32) (result i32) (i32.div_u (local.get 0) (i32.const 10)))
  (func (export "shl") (param i32 i32) (result i32) (i32.shl (local.get 0) (local.get 1))))

;; ---- expected IR ----
;; @wasm_skeleton = private constant [74 x i8] c"\00asm\01\00\00\00\01\12\03`\02\7F\7F\01\7F`\02~~\01~`\01\7F\01\7F\03\05\04\00\01\02\00\07%\04\05div_s\00\00\05rem_s\00\01\0Bdiv_u_const\00\02\03shl\00\03"
;; @wasm_functions = private constant [4 x ptr] [ptr @wasm_f0, ptr @wasm_f1, ptr @wasm_f2, ptr @wasm_f3], align 8
;; @wasm_entries = private constant [4 x ptr] [ptr @wasm_entry0, ptr @wasm_entry1, ptr @wasm_entry2, ptr @wasm_entry3], align 8
;; @wasm_body_offsets = private constant [4 x i32] [i32 77, i32 85, i32 93, i32 101], align 8
;; @midimon_module_descriptor = local_unnamed_addr constant { i64, i64, ptr, i64, i64, ptr, ptr, ptr, i64, i64, ptr } { i64 94099835581647181, i64 2, ptr @wasm_skeleton, i64 74, i64 4, ptr @wasm_functions, ptr @wasm_entries, ptr null, i64 144, i64 1, ptr @wasm_body_offsets }, align 8
;;
;; ; Function Attrs: nounwind
;; define internal i32 @wasm_f0(ptr %vmctx, i32 %0, i32 %1) #0 {
;; entry:
;;   %store = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %2 = load i64, ptr %store, align 4
;;   %fuel = add i64 %2, -1
;;   %3 = icmp slt i64 %fuel, 0
;;   br i1 %3, label %"out of fuel", label %"out of fuel.skip", !prof !1
;;
;; "out of fuel.skip":                               ; preds = %entry
;;   %4 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit = load atomic i64, ptr %4 monotonic, align 8
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %5 = ptrtoint ptr %sp to i64
;;   %6 = icmp ugt i64 %stack.limit, %5
;;   br i1 %6, label %stack.check.failed, label %stack.check.ok, !prof !1
;;
;; stack.check.failed:                               ; preds = %"out of fuel.skip"
;;   %7 = icmp eq i64 %stack.limit, -1
;;   store i64 %fuel, ptr %store, align 4
;;   %8 = getelementptr i8, ptr %vmctx, i64 16
;;   %9 = load ptr, ptr %8, align 8, !invariant.load !0
;;   %10 = load ptr, ptr %9, align 8, !invariant.load !0
;;   br i1 %7, label %"deadline exceeded", label %"deadline exceeded.skip", !prof !1
;;
;; stack.check.ok:                                   ; preds = %"out of fuel.skip"
;;   %11 = icmp eq i32 %1, 0
;;   br i1 %11, label %"integer divide by zero", label %"integer divide by zero.skip", !prof !1
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   call void %10(ptr nonnull %vmctx, i32 10, i32 77) #4
;;   unreachable
;;
;; "integer divide by zero.skip":                    ; preds = %stack.check.ok
;;   %12 = icmp eq i32 %0, -2147483648
;;   %13 = icmp eq i32 %1, -1
;;   %14 = and i1 %12, %13
;;   br i1 %14, label %"integer overflow", label %"integer overflow.skip", !prof !1
;;
;; "integer overflow.skip":                          ; preds = %"integer divide by zero.skip"
;;   %15 = sdiv i32 %0, %1
;;   %fuel12 = add i64 %2, -4
;;   store i64 %fuel12, ptr %store, align 4
;;   ret i32 %15
;;
;; "integer divide by zero":                         ; preds = %stack.check.ok
;;   %16 = add i64 %2, -4
;;   store i64 %16, ptr %store, align 4
;;   %17 = getelementptr i8, ptr %vmctx, i64 16
;;   %18 = load ptr, ptr %17, align 8, !invariant.load !0
;;   %19 = load ptr, ptr %18, align 8, !invariant.load !0
;;   call void %19(ptr nonnull %vmctx, i32 2, i32 83) #4
;;   unreachable
;;
;; "integer overflow":                               ; preds = %"integer divide by zero.skip"
;;   %20 = add i64 %2, -4
;;   store i64 %20, ptr %store, align 4
;;   %21 = getelementptr i8, ptr %vmctx, i64 16
;;   %22 = load ptr, ptr %21, align 8, !invariant.load !0
;;   %23 = load ptr, ptr %22, align 8, !invariant.load !0
;;   call void %23(ptr nonnull %vmctx, i32 3, i32 83) #4
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   store i64 %fuel, ptr %store, align 4
;;   %24 = getelementptr i8, ptr %vmctx, i64 16
;;   %25 = load ptr, ptr %24, align 8, !invariant.load !0
;;   %26 = load ptr, ptr %25, align 8, !invariant.load !0
;;   call void %26(ptr nonnull %vmctx, i32 11, i32 77) #4
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   call void %10(ptr nonnull %vmctx, i32 12, i32 77) #4
;;   unreachable
;; }
;;
;; ; Function Attrs: mustprogress nocallback nofree nosync nounwind willreturn
;; declare ptr @llvm.stacksave.p0() #1
;;
;; ; Function Attrs: nounwind
;; define internal range(i64 -9223372036854775807, -9223372036854775808) i64 @wasm_f1(ptr %vmctx, i64 %0, i64 %1) #0 {
;; entry:
;;   %store = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %2 = load i64, ptr %store, align 4
;;   %fuel = add i64 %2, -1
;;   %3 = icmp slt i64 %fuel, 0
;;   br i1 %3, label %"out of fuel", label %"out of fuel.skip", !prof !1
;;
;; "out of fuel.skip":                               ; preds = %entry
;;   %4 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit = load atomic i64, ptr %4 monotonic, align 8
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %5 = ptrtoint ptr %sp to i64
;;   %6 = icmp ugt i64 %stack.limit, %5
;;   br i1 %6, label %stack.check.failed, label %stack.check.ok, !prof !1
;;
;; stack.check.failed:                               ; preds = %"out of fuel.skip"
;;   %7 = icmp eq i64 %stack.limit, -1
;;   store i64 %fuel, ptr %store, align 4
;;   %8 = getelementptr i8, ptr %vmctx, i64 16
;;   %9 = load ptr, ptr %8, align 8, !invariant.load !0
;;   %10 = load ptr, ptr %9, align 8, !invariant.load !0
;;   br i1 %7, label %"deadline exceeded", label %"deadline exceeded.skip", !prof !1
;;
;; stack.check.ok:                                   ; preds = %"out of fuel.skip"
;;   %11 = icmp eq i64 %1, 0
;;   br i1 %11, label %"integer divide by zero", label %"integer divide by zero.skip", !prof !1
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   call void %10(ptr nonnull %vmctx, i32 10, i32 85) #4
;;   unreachable
;;
;; "integer divide by zero.skip":                    ; preds = %stack.check.ok
;;   %12 = icmp eq i64 %1, -1
;;   %13 = select i1 %12, i64 1, i64 %1
;;   %14 = srem i64 %0, %13
;;   %fuel10 = add i64 %2, -4
;;   store i64 %fuel10, ptr %store, align 4
;;   ret i64 %14
;;
;; "integer divide by zero":                         ; preds = %stack.check.ok
;;   %15 = add i64 %2, -4
;;   store i64 %15, ptr %store, align 4
;;   %16 = getelementptr i8, ptr %vmctx, i64 16
;;   %17 = load ptr, ptr %16, align 8, !invariant.load !0
;;   %18 = load ptr, ptr %17, align 8, !invariant.load !0
;;   call void %18(ptr nonnull %vmctx, i32 2, i32 91) #4
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   store i64 %fuel, ptr %store, align 4
;;   %19 = getelementptr i8, ptr %vmctx, i64 16
;;   %20 = load ptr, ptr %19, align 8, !invariant.load !0
;;   %21 = load ptr, ptr %20, align 8, !invariant.load !0
;;   call void %21(ptr nonnull %vmctx, i32 11, i32 85) #4
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   call void %10(ptr nonnull %vmctx, i32 12, i32 85) #4
;;   unreachable
;; }
;;
;; ; Function Attrs: nounwind
;; define internal range(i32 0, 429496730) i32 @wasm_f2(ptr %vmctx, i32 %0) #0 {
;; entry:
;;   %store = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %1 = load i64, ptr %store, align 4
;;   %fuel = add i64 %1, -1
;;   %2 = icmp slt i64 %fuel, 0
;;   br i1 %2, label %"out of fuel", label %"out of fuel.skip", !prof !1
;;
;; "out of fuel.skip":                               ; preds = %entry
;;   %3 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit = load atomic i64, ptr %3 monotonic, align 8
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %4 = ptrtoint ptr %sp to i64
;;   %5 = icmp ugt i64 %stack.limit, %4
;;   br i1 %5, label %stack.check.failed, label %stack.check.ok, !prof !1
;;
;; stack.check.failed:                               ; preds = %"out of fuel.skip"
;;   %6 = icmp eq i64 %stack.limit, -1
;;   store i64 %fuel, ptr %store, align 4
;;   %7 = getelementptr i8, ptr %vmctx, i64 16
;;   %8 = load ptr, ptr %7, align 8, !invariant.load !0
;;   %9 = load ptr, ptr %8, align 8, !invariant.load !0
;;   br i1 %6, label %"deadline exceeded", label %"deadline exceeded.skip", !prof !1
;;
;; stack.check.ok:                                   ; preds = %"out of fuel.skip"
;;   %10 = udiv i32 %0, 10
;;   %fuel10 = add i64 %1, -4
;;   store i64 %fuel10, ptr %store, align 4
;;   ret i32 %10
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   call void %9(ptr nonnull %vmctx, i32 10, i32 93) #4
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   store i64 %fuel, ptr %store, align 4
;;   %11 = getelementptr i8, ptr %vmctx, i64 16
;;   %12 = load ptr, ptr %11, align 8, !invariant.load !0
;;   %13 = load ptr, ptr %12, align 8, !invariant.load !0
;;   call void %13(ptr nonnull %vmctx, i32 11, i32 93) #4
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   call void %9(ptr nonnull %vmctx, i32 12, i32 93) #4
;;   unreachable
;; }
;;
;; ; Function Attrs: nounwind
;; define internal i32 @wasm_f3(ptr %vmctx, i32 %0, i32 %1) #0 {
;; entry:
;;   %store = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %2 = load i64, ptr %store, align 4
;;   %fuel = add i64 %2, -1
;;   %3 = icmp slt i64 %fuel, 0
;;   br i1 %3, label %"out of fuel", label %"out of fuel.skip", !prof !1
;;
;; "out of fuel.skip":                               ; preds = %entry
;;   %4 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit = load atomic i64, ptr %4 monotonic, align 8
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %5 = ptrtoint ptr %sp to i64
;;   %6 = icmp ugt i64 %stack.limit, %5
;;   br i1 %6, label %stack.check.failed, label %stack.check.ok, !prof !1
;;
;; stack.check.failed:                               ; preds = %"out of fuel.skip"
;;   %7 = icmp eq i64 %stack.limit, -1
;;   store i64 %fuel, ptr %store, align 4
;;   %8 = getelementptr i8, ptr %vmctx, i64 16
;;   %9 = load ptr, ptr %8, align 8, !invariant.load !0
;;   %10 = load ptr, ptr %9, align 8, !invariant.load !0
;;   br i1 %7, label %"deadline exceeded", label %"deadline exceeded.skip", !prof !1
;;
;; stack.check.ok:                                   ; preds = %"out of fuel.skip"
;;   %11 = and i32 %1, 31
;;   %12 = shl i32 %0, %11
;;   %fuel8 = add i64 %2, -4
;;   store i64 %fuel8, ptr %store, align 4
;;   ret i32 %12
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   call void %10(ptr nonnull %vmctx, i32 10, i32 101) #4
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   store i64 %fuel, ptr %store, align 4
;;   %13 = getelementptr i8, ptr %vmctx, i64 16
;;   %14 = load ptr, ptr %13, align 8, !invariant.load !0
;;   %15 = load ptr, ptr %14, align 8, !invariant.load !0
;;   call void %15(ptr nonnull %vmctx, i32 11, i32 101) #4
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   call void %10(ptr nonnull %vmctx, i32 12, i32 101) #4
;;   unreachable
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry0(ptr %0, ptr nocapture %1) #2 {
;; entry:
;;   %2 = load i32, ptr %1, align 4
;;   %3 = getelementptr i8, ptr %1, i64 8
;;   %4 = load i32, ptr %3, align 4
;;   %5 = tail call i32 @wasm_f0(ptr %0, i32 %2, i32 %4)
;;   store i32 %5, ptr %1, align 4
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry1(ptr %0, ptr nocapture %1) #3 {
;; entry:
;;   %2 = load i64, ptr %1, align 4
;;   %3 = getelementptr i8, ptr %1, i64 8
;;   %4 = load i64, ptr %3, align 4
;;   %store.i = load ptr, ptr %0, align 8, !invariant.load !0
;;   %5 = load i64, ptr %store.i, align 4
;;   %fuel.i = add i64 %5, -1
;;   %6 = icmp slt i64 %fuel.i, 0
;;   br i1 %6, label %"out of fuel.i", label %"out of fuel.skip.i", !prof !1
;;
;; "out of fuel.skip.i":                             ; preds = %entry
;;   %7 = getelementptr i8, ptr %store.i, i64 8
;;   %stack.limit.i = load atomic i64, ptr %7 monotonic, align 8
;;   %sp.i = tail call ptr @llvm.stacksave.p0()
;;   %8 = ptrtoint ptr %sp.i to i64
;;   %9 = icmp ugt i64 %stack.limit.i, %8
;;   br i1 %9, label %stack.check.failed.i, label %stack.check.ok.i, !prof !1
;;
;; stack.check.failed.i:                             ; preds = %"out of fuel.skip.i"
;;   %10 = icmp eq i64 %stack.limit.i, -1
;;   store i64 %fuel.i, ptr %store.i, align 4
;;   %11 = getelementptr i8, ptr %0, i64 16
;;   %12 = load ptr, ptr %11, align 8, !invariant.load !0
;;   %13 = load ptr, ptr %12, align 8, !invariant.load !0
;;   br i1 %10, label %"deadline exceeded.i", label %"deadline exceeded.skip.i", !prof !1
;;
;; stack.check.ok.i:                                 ; preds = %"out of fuel.skip.i"
;;   %14 = icmp eq i64 %4, 0
;;   br i1 %14, label %"integer divide by zero.i", label %wasm_f1.exit, !prof !1
;;
;; "deadline exceeded.skip.i":                       ; preds = %stack.check.failed.i
;;   tail call void %13(ptr nonnull %0, i32 10, i32 85) #4
;;   unreachable
;;
;; "integer divide by zero.i":                       ; preds = %stack.check.ok.i
;;   %15 = add i64 %5, -4
;;   store i64 %15, ptr %store.i, align 4
;;   %16 = getelementptr i8, ptr %0, i64 16
;;   %17 = load ptr, ptr %16, align 8, !invariant.load !0
;;   %18 = load ptr, ptr %17, align 8, !invariant.load !0
;;   tail call void %18(ptr nonnull %0, i32 2, i32 91) #4
;;   unreachable
;;
;; "out of fuel.i":                                  ; preds = %entry
;;   store i64 %fuel.i, ptr %store.i, align 4
;;   %19 = getelementptr i8, ptr %0, i64 16
;;   %20 = load ptr, ptr %19, align 8, !invariant.load !0
;;   %21 = load ptr, ptr %20, align 8, !invariant.load !0
;;   tail call void %21(ptr nonnull %0, i32 11, i32 85) #4
;;   unreachable
;;
;; "deadline exceeded.i":                            ; preds = %stack.check.failed.i
;;   tail call void %13(ptr nonnull %0, i32 12, i32 85) #4
;;   unreachable
;;
;; wasm_f1.exit:                                     ; preds = %stack.check.ok.i
;;   %22 = icmp eq i64 %4, -1
;;   %23 = select i1 %22, i64 1, i64 %4
;;   %24 = srem i64 %2, %23
;;   %fuel10.i = add i64 %5, -4
;;   store i64 %fuel10.i, ptr %store.i, align 4
;;   store i64 %24, ptr %1, align 4
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry2(ptr %0, ptr nocapture %1) #3 {
;; entry:
;;   %2 = load i32, ptr %1, align 4
;;   %store.i = load ptr, ptr %0, align 8, !invariant.load !0
;;   %3 = load i64, ptr %store.i, align 4
;;   %fuel.i = add i64 %3, -1
;;   %4 = icmp slt i64 %fuel.i, 0
;;   br i1 %4, label %"out of fuel.i", label %"out of fuel.skip.i", !prof !1
;;
;; "out of fuel.skip.i":                             ; preds = %entry
;;   %5 = getelementptr i8, ptr %store.i, i64 8
;;   %stack.limit.i = load atomic i64, ptr %5 monotonic, align 8
;;   %sp.i = tail call ptr @llvm.stacksave.p0()
;;   %6 = ptrtoint ptr %sp.i to i64
;;   %7 = icmp ugt i64 %stack.limit.i, %6
;;   br i1 %7, label %stack.check.failed.i, label %wasm_f2.exit, !prof !1
;;
;; stack.check.failed.i:                             ; preds = %"out of fuel.skip.i"
;;   %8 = icmp eq i64 %stack.limit.i, -1
;;   store i64 %fuel.i, ptr %store.i, align 4
;;   %9 = getelementptr i8, ptr %0, i64 16
;;   %10 = load ptr, ptr %9, align 8, !invariant.load !0
;;   %11 = load ptr, ptr %10, align 8, !invariant.load !0
;;   br i1 %8, label %"deadline exceeded.i", label %"deadline exceeded.skip.i", !prof !1
;;
;; "deadline exceeded.skip.i":                       ; preds = %stack.check.failed.i
;;   tail call void %11(ptr nonnull %0, i32 10, i32 93) #4
;;   unreachable
;;
;; "out of fuel.i":                                  ; preds = %entry
;;   store i64 %fuel.i, ptr %store.i, align 4
;;   %12 = getelementptr i8, ptr %0, i64 16
;;   %13 = load ptr, ptr %12, align 8, !invariant.load !0
;;   %14 = load ptr, ptr %13, align 8, !invariant.load !0
;;   tail call void %14(ptr nonnull %0, i32 11, i32 93) #4
;;   unreachable
;;
;; "deadline exceeded.i":                            ; preds = %stack.check.failed.i
;;   tail call void %11(ptr nonnull %0, i32 12, i32 93) #4
;;   unreachable
;;
;; wasm_f2.exit:                                     ; preds = %"out of fuel.skip.i"
;;   %15 = udiv i32 %2, 10
;;   %fuel10.i = add i64 %3, -4
;;   store i64 %fuel10.i, ptr %store.i, align 4
;;   store i32 %15, ptr %1, align 4
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry3(ptr %0, ptr nocapture %1) #3 {
;; entry:
;;   %2 = load i32, ptr %1, align 4
;;   %3 = getelementptr i8, ptr %1, i64 8
;;   %4 = load i32, ptr %3, align 4
;;   %store.i = load ptr, ptr %0, align 8, !invariant.load !0
;;   %5 = load i64, ptr %store.i, align 4
;;   %fuel.i = add i64 %5, -1
;;   %6 = icmp slt i64 %fuel.i, 0
;;   br i1 %6, label %"out of fuel.i", label %"out of fuel.skip.i", !prof !1
;;
;; "out of fuel.skip.i":                             ; preds = %entry
;;   %7 = getelementptr i8, ptr %store.i, i64 8
;;   %stack.limit.i = load atomic i64, ptr %7 monotonic, align 8
;;   %sp.i = tail call ptr @llvm.stacksave.p0()
;;   %8 = ptrtoint ptr %sp.i to i64
;;   %9 = icmp ugt i64 %stack.limit.i, %8
;;   br i1 %9, label %stack.check.failed.i, label %wasm_f3.exit, !prof !1
;;
;; stack.check.failed.i:                             ; preds = %"out of fuel.skip.i"
;;   %10 = icmp eq i64 %stack.limit.i, -1
;;   store i64 %fuel.i, ptr %store.i, align 4
;;   %11 = getelementptr i8, ptr %0, i64 16
;;   %12 = load ptr, ptr %11, align 8, !invariant.load !0
;;   %13 = load ptr, ptr %12, align 8, !invariant.load !0
;;   br i1 %10, label %"deadline exceeded.i", label %"deadline exceeded.skip.i", !prof !1
;;
;; "deadline exceeded.skip.i":                       ; preds = %stack.check.failed.i
;;   tail call void %13(ptr nonnull %0, i32 10, i32 101) #4
;;   unreachable
;;
;; "out of fuel.i":                                  ; preds = %entry
;;   store i64 %fuel.i, ptr %store.i, align 4
;;   %14 = getelementptr i8, ptr %0, i64 16
;;   %15 = load ptr, ptr %14, align 8, !invariant.load !0
;;   %16 = load ptr, ptr %15, align 8, !invariant.load !0
;;   tail call void %16(ptr nonnull %0, i32 11, i32 101) #4
;;   unreachable
;;
;; "deadline exceeded.i":                            ; preds = %stack.check.failed.i
;;   tail call void %13(ptr nonnull %0, i32 12, i32 101) #4
;;   unreachable
;;
;; wasm_f3.exit:                                     ; preds = %"out of fuel.skip.i"
;;   %17 = and i32 %4, 31
;;   %18 = shl i32 %2, %17
;;   %fuel8.i = add i64 %5, -4
;;   store i64 %fuel8.i, ptr %store.i, align 4
;;   store i32 %18, ptr %1, align 4
;;   ret void
;; }
;;
;; attributes #0 = { nounwind "disable-tail-calls"="true" "no-builtins" "probe-stack"="inline-asm" }
;; attributes #1 = { mustprogress nocallback nofree nosync nounwind willreturn }
;; attributes #2 = { nounwind "no-builtins" }
;; attributes #3 = { nounwind "no-builtins" "probe-stack"="inline-asm" }
;; attributes #4 = { cold noreturn nounwind }
;;
;; !0 = !{}
;; !1 = !{!"branch_weights", i32 1, i32 2000}
