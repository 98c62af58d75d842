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
;; @wasm_functions = private constant [4 x ptr] [ptr @wasm_host_f0, ptr @wasm_host_f1, ptr @wasm_host_f2, ptr @wasm_host_f3], align 8
;; @wasm_entries = private constant [4 x ptr] [ptr @wasm_entry0, ptr @wasm_entry1, ptr @wasm_entry2, ptr @wasm_entry3], align 8
;; @wasm_body_offsets = private constant [4 x i32] [i32 77, i32 85, i32 93, i32 101], align 8
;; @midimon_module_descriptor = local_unnamed_addr constant { i64, i64, ptr, i64, i64, ptr, ptr, ptr, i64, i64, ptr } { i64 94099835581647181, i64 3, ptr @wasm_skeleton, i64 74, i64 4, ptr @wasm_functions, ptr @wasm_entries, ptr null, i64 144, i64 1, ptr @wasm_body_offsets }, align 8
;;
;; ; Function Attrs: mustprogress nocallback nofree nosync nounwind willreturn
;; declare ptr @llvm.stacksave.p0() #0
;;
;; ; Function Attrs: nounwind
;; define internal i32 @wasm_host_f0(ptr %0, i32 %1, i32 %2) #1 {
;; entry:
;;   %store = load ptr, ptr %0, align 8
;;   %fuel = load i64, ptr %store, align 4
;;   %fuel.i = add i64 %fuel, -1
;;   %3 = icmp slt i64 %fuel.i, 0
;;   br i1 %3, label %"out of fuel.i", label %"out of fuel.skip.i", !prof !0
;;
;; "out of fuel.skip.i":                             ; preds = %entry
;;   %4 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit.i = load atomic i64, ptr %4 monotonic, align 8
;;   %sp.i = call ptr @llvm.stacksave.p0()
;;   %5 = ptrtoint ptr %sp.i to i64
;;   %6 = icmp ugt i64 %stack.limit.i, %5
;;   br i1 %6, label %stack.check.failed.i, label %stack.check.ok.i, !prof !0
;;
;; stack.check.failed.i:                             ; preds = %"out of fuel.skip.i"
;;   %7 = icmp eq i64 %stack.limit.i, -1
;;   store i64 %fuel.i, ptr %store, align 4
;;   %8 = getelementptr i8, ptr %0, i64 16
;;   %9 = load ptr, ptr %8, align 8, !invariant.load !1
;;   %10 = load ptr, ptr %9, align 8, !invariant.load !1
;;   br i1 %7, label %"deadline exceeded.i", label %"deadline exceeded.skip.i", !prof !0
;;
;; stack.check.ok.i:                                 ; preds = %"out of fuel.skip.i"
;;   %11 = icmp eq i32 %2, 0
;;   br i1 %11, label %"integer divide by zero.i", label %"integer divide by zero.skip.i", !prof !0
;;
;; "deadline exceeded.skip.i":                       ; preds = %stack.check.failed.i
;;   call void %10(ptr nonnull %0, i32 10, i32 77) #4
;;   unreachable
;;
;; "integer divide by zero.skip.i":                  ; preds = %stack.check.ok.i
;;   %12 = icmp eq i32 %1, -2147483648
;;   %13 = icmp eq i32 %2, -1
;;   %14 = and i1 %12, %13
;;   br i1 %14, label %"integer overflow.i", label %wasm_f0.exit, !prof !0
;;
;; "integer divide by zero.i":                       ; preds = %stack.check.ok.i
;;   %15 = add i64 %fuel, -4
;;   store i64 %15, ptr %store, align 4
;;   %16 = getelementptr i8, ptr %0, i64 16
;;   %17 = load ptr, ptr %16, align 8, !invariant.load !1
;;   %18 = load ptr, ptr %17, align 8, !invariant.load !1
;;   call void %18(ptr nonnull %0, i32 2, i32 83) #4
;;   unreachable
;;
;; "integer overflow.i":                             ; preds = %"integer divide by zero.skip.i"
;;   %19 = add i64 %fuel, -4
;;   store i64 %19, ptr %store, align 4
;;   %20 = getelementptr i8, ptr %0, i64 16
;;   %21 = load ptr, ptr %20, align 8, !invariant.load !1
;;   %22 = load ptr, ptr %21, align 8, !invariant.load !1
;;   call void %22(ptr nonnull %0, i32 3, i32 83) #4
;;   unreachable
;;
;; "out of fuel.i":                                  ; preds = %entry
;;   store i64 %fuel.i, ptr %store, align 4
;;   %23 = getelementptr i8, ptr %0, i64 16
;;   %24 = load ptr, ptr %23, align 8, !invariant.load !1
;;   %25 = load ptr, ptr %24, align 8, !invariant.load !1
;;   call void %25(ptr nonnull %0, i32 11, i32 77) #4
;;   unreachable
;;
;; "deadline exceeded.i":                            ; preds = %stack.check.failed.i
;;   call void %10(ptr nonnull %0, i32 12, i32 77) #4
;;   unreachable
;;
;; wasm_f0.exit:                                     ; preds = %"integer divide by zero.skip.i"
;;   %26 = sdiv i32 %1, %2
;;   %fuel12.i = add i64 %fuel, -4
;;   store i64 %fuel12.i, ptr %store, align 4
;;   ret i32 %26
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry0(ptr %0, ptr nocapture %1) #2 {
;; entry:
;;   %2 = load i32, ptr %1, align 4
;;   %3 = getelementptr i8, ptr %1, i64 8
;;   %4 = load i32, ptr %3, align 4
;;   %5 = tail call i32 @wasm_host_f0(ptr %0, i32 %2, i32 %4)
;;   store i32 %5, ptr %1, align 4
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal range(i64 -9223372036854775807, -9223372036854775808) i64 @wasm_host_f1(ptr %0, i64 %1, i64 %2) #1 {
;; entry:
;;   %store = load ptr, ptr %0, align 8
;;   %fuel = load i64, ptr %store, align 4
;;   %fuel.i = add i64 %fuel, -1
;;   %3 = icmp slt i64 %fuel.i, 0
;;   br i1 %3, label %"out of fuel.i", label %"out of fuel.skip.i", !prof !0
;;
;; "out of fuel.skip.i":                             ; preds = %entry
;;   %4 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit.i = load atomic i64, ptr %4 monotonic, align 8
;;   %sp.i = call ptr @llvm.stacksave.p0()
;;   %5 = ptrtoint ptr %sp.i to i64
;;   %6 = icmp ugt i64 %stack.limit.i, %5
;;   br i1 %6, label %stack.check.failed.i, label %stack.check.ok.i, !prof !0
;;
;; stack.check.failed.i:                             ; preds = %"out of fuel.skip.i"
;;   %7 = icmp eq i64 %stack.limit.i, -1
;;   store i64 %fuel.i, ptr %store, align 4
;;   %8 = getelementptr i8, ptr %0, i64 16
;;   %9 = load ptr, ptr %8, align 8, !invariant.load !1
;;   %10 = load ptr, ptr %9, align 8, !invariant.load !1
;;   br i1 %7, label %"deadline exceeded.i", label %"deadline exceeded.skip.i", !prof !0
;;
;; stack.check.ok.i:                                 ; preds = %"out of fuel.skip.i"
;;   %11 = icmp eq i64 %2, 0
;;   br i1 %11, label %"integer divide by zero.i", label %wasm_f1.exit, !prof !0
;;
;; "deadline exceeded.skip.i":                       ; preds = %stack.check.failed.i
;;   call void %10(ptr nonnull %0, i32 10, i32 85) #4
;;   unreachable
;;
;; "integer divide by zero.i":                       ; preds = %stack.check.ok.i
;;   %12 = add i64 %fuel, -4
;;   store i64 %12, ptr %store, align 4
;;   %13 = getelementptr i8, ptr %0, i64 16
;;   %14 = load ptr, ptr %13, align 8, !invariant.load !1
;;   %15 = load ptr, ptr %14, align 8, !invariant.load !1
;;   call void %15(ptr nonnull %0, i32 2, i32 91) #4
;;   unreachable
;;
;; "out of fuel.i":                                  ; preds = %entry
;;   store i64 %fuel.i, ptr %store, align 4
;;   %16 = getelementptr i8, ptr %0, i64 16
;;   %17 = load ptr, ptr %16, align 8, !invariant.load !1
;;   %18 = load ptr, ptr %17, align 8, !invariant.load !1
;;   call void %18(ptr nonnull %0, i32 11, i32 85) #4
;;   unreachable
;;
;; "deadline exceeded.i":                            ; preds = %stack.check.failed.i
;;   call void %10(ptr nonnull %0, i32 12, i32 85) #4
;;   unreachable
;;
;; wasm_f1.exit:                                     ; preds = %stack.check.ok.i
;;   %19 = icmp eq i64 %2, -1
;;   %20 = select i1 %19, i64 1, i64 %2
;;   %21 = srem i64 %1, %20
;;   %fuel10.i = add i64 %fuel, -4
;;   store i64 %fuel10.i, ptr %store, align 4
;;   ret i64 %21
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry1(ptr %0, ptr nocapture %1) #3 {
;; entry:
;;   %2 = load i64, ptr %1, align 4
;;   %3 = getelementptr i8, ptr %1, i64 8
;;   %4 = load i64, ptr %3, align 4
;;   %store.i = load ptr, ptr %0, align 8
;;   %fuel.i = load i64, ptr %store.i, align 4
;;   %fuel.i.i = add i64 %fuel.i, -1
;;   %5 = icmp slt i64 %fuel.i.i, 0
;;   br i1 %5, label %"out of fuel.i.i", label %"out of fuel.skip.i.i", !prof !0
;;
;; "out of fuel.skip.i.i":                           ; preds = %entry
;;   %6 = getelementptr i8, ptr %store.i, i64 8
;;   %stack.limit.i.i = load atomic i64, ptr %6 monotonic, align 8
;;   %sp.i.i = tail call ptr @llvm.stacksave.p0()
;;   %7 = ptrtoint ptr %sp.i.i to i64
;;   %8 = icmp ugt i64 %stack.limit.i.i, %7
;;   br i1 %8, label %stack.check.failed.i.i, label %stack.check.ok.i.i, !prof !0
;;
;; stack.check.failed.i.i:                           ; preds = %"out of fuel.skip.i.i"
;;   %9 = icmp eq i64 %stack.limit.i.i, -1
;;   store i64 %fuel.i.i, ptr %store.i, align 4
;;   %10 = getelementptr i8, ptr %0, i64 16
;;   %11 = load ptr, ptr %10, align 8, !invariant.load !1
;;   %12 = load ptr, ptr %11, align 8, !invariant.load !1
;;   br i1 %9, label %"deadline exceeded.i.i", label %"deadline exceeded.skip.i.i", !prof !0
;;
;; stack.check.ok.i.i:                               ; preds = %"out of fuel.skip.i.i"
;;   %13 = icmp eq i64 %4, 0
;;   br i1 %13, label %"integer divide by zero.i.i", label %wasm_host_f1.exit, !prof !0
;;
;; "deadline exceeded.skip.i.i":                     ; preds = %stack.check.failed.i.i
;;   tail call void %12(ptr nonnull %0, i32 10, i32 85) #4
;;   unreachable
;;
;; "integer divide by zero.i.i":                     ; preds = %stack.check.ok.i.i
;;   %14 = add i64 %fuel.i, -4
;;   store i64 %14, ptr %store.i, align 4
;;   %15 = getelementptr i8, ptr %0, i64 16
;;   %16 = load ptr, ptr %15, align 8, !invariant.load !1
;;   %17 = load ptr, ptr %16, align 8, !invariant.load !1
;;   tail call void %17(ptr nonnull %0, i32 2, i32 91) #4
;;   unreachable
;;
;; "out of fuel.i.i":                                ; preds = %entry
;;   store i64 %fuel.i.i, ptr %store.i, align 4
;;   %18 = getelementptr i8, ptr %0, i64 16
;;   %19 = load ptr, ptr %18, align 8, !invariant.load !1
;;   %20 = load ptr, ptr %19, align 8, !invariant.load !1
;;   tail call void %20(ptr nonnull %0, i32 11, i32 85) #4
;;   unreachable
;;
;; "deadline exceeded.i.i":                          ; preds = %stack.check.failed.i.i
;;   tail call void %12(ptr nonnull %0, i32 12, i32 85) #4
;;   unreachable
;;
;; wasm_host_f1.exit:                                ; preds = %stack.check.ok.i.i
;;   %21 = icmp eq i64 %4, -1
;;   %22 = select i1 %21, i64 1, i64 %4
;;   %23 = srem i64 %2, %22
;;   %fuel10.i.i = add i64 %fuel.i, -4
;;   store i64 %fuel10.i.i, ptr %store.i, align 4
;;   store i64 %23, ptr %1, align 4
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal range(i32 0, 429496730) i32 @wasm_host_f2(ptr %0, i32 %1) #1 {
;; entry:
;;   %store = load ptr, ptr %0, align 8
;;   %fuel = load i64, ptr %store, align 4
;;   %fuel.i = add i64 %fuel, -1
;;   %2 = icmp slt i64 %fuel.i, 0
;;   br i1 %2, label %"out of fuel.i", label %"out of fuel.skip.i", !prof !0
;;
;; "out of fuel.skip.i":                             ; preds = %entry
;;   %3 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit.i = load atomic i64, ptr %3 monotonic, align 8
;;   %sp.i = call ptr @llvm.stacksave.p0()
;;   %4 = ptrtoint ptr %sp.i to i64
;;   %5 = icmp ugt i64 %stack.limit.i, %4
;;   br i1 %5, label %stack.check.failed.i, label %wasm_f2.exit, !prof !0
;;
;; stack.check.failed.i:                             ; preds = %"out of fuel.skip.i"
;;   %6 = icmp eq i64 %stack.limit.i, -1
;;   store i64 %fuel.i, ptr %store, align 4
;;   %7 = getelementptr i8, ptr %0, i64 16
;;   %8 = load ptr, ptr %7, align 8, !invariant.load !1
;;   %9 = load ptr, ptr %8, align 8, !invariant.load !1
;;   br i1 %6, label %"deadline exceeded.i", label %"deadline exceeded.skip.i", !prof !0
;;
;; "deadline exceeded.skip.i":                       ; preds = %stack.check.failed.i
;;   call void %9(ptr nonnull %0, i32 10, i32 93) #4
;;   unreachable
;;
;; "out of fuel.i":                                  ; preds = %entry
;;   store i64 %fuel.i, ptr %store, align 4
;;   %10 = getelementptr i8, ptr %0, i64 16
;;   %11 = load ptr, ptr %10, align 8, !invariant.load !1
;;   %12 = load ptr, ptr %11, align 8, !invariant.load !1
;;   call void %12(ptr nonnull %0, i32 11, i32 93) #4
;;   unreachable
;;
;; "deadline exceeded.i":                            ; preds = %stack.check.failed.i
;;   call void %9(ptr nonnull %0, i32 12, i32 93) #4
;;   unreachable
;;
;; wasm_f2.exit:                                     ; preds = %"out of fuel.skip.i"
;;   %13 = udiv i32 %1, 10
;;   %fuel10.i = add i64 %fuel, -4
;;   store i64 %fuel10.i, ptr %store, align 4
;;   ret i32 %13
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry2(ptr %0, ptr nocapture %1) #3 {
;; entry:
;;   %2 = load i32, ptr %1, align 4
;;   %store.i = load ptr, ptr %0, align 8
;;   %fuel.i = load i64, ptr %store.i, align 4
;;   %fuel.i.i = add i64 %fuel.i, -1
;;   %3 = icmp slt i64 %fuel.i.i, 0
;;   br i1 %3, label %"out of fuel.i.i", label %"out of fuel.skip.i.i", !prof !0
;;
;; "out of fuel.skip.i.i":                           ; preds = %entry
;;   %4 = getelementptr i8, ptr %store.i, i64 8
;;   %stack.limit.i.i = load atomic i64, ptr %4 monotonic, align 8
;;   %sp.i.i = tail call ptr @llvm.stacksave.p0()
;;   %5 = ptrtoint ptr %sp.i.i to i64
;;   %6 = icmp ugt i64 %stack.limit.i.i, %5
;;   br i1 %6, label %stack.check.failed.i.i, label %wasm_host_f2.exit, !prof !0
;;
;; stack.check.failed.i.i:                           ; preds = %"out of fuel.skip.i.i"
;;   %7 = icmp eq i64 %stack.limit.i.i, -1
;;   store i64 %fuel.i.i, ptr %store.i, align 4
;;   %8 = getelementptr i8, ptr %0, i64 16
;;   %9 = load ptr, ptr %8, align 8, !invariant.load !1
;;   %10 = load ptr, ptr %9, align 8, !invariant.load !1
;;   br i1 %7, label %"deadline exceeded.i.i", label %"deadline exceeded.skip.i.i", !prof !0
;;
;; "deadline exceeded.skip.i.i":                     ; preds = %stack.check.failed.i.i
;;   tail call void %10(ptr nonnull %0, i32 10, i32 93) #4
;;   unreachable
;;
;; "out of fuel.i.i":                                ; preds = %entry
;;   store i64 %fuel.i.i, ptr %store.i, align 4
;;   %11 = getelementptr i8, ptr %0, i64 16
;;   %12 = load ptr, ptr %11, align 8, !invariant.load !1
;;   %13 = load ptr, ptr %12, align 8, !invariant.load !1
;;   tail call void %13(ptr nonnull %0, i32 11, i32 93) #4
;;   unreachable
;;
;; "deadline exceeded.i.i":                          ; preds = %stack.check.failed.i.i
;;   tail call void %10(ptr nonnull %0, i32 12, i32 93) #4
;;   unreachable
;;
;; wasm_host_f2.exit:                                ; preds = %"out of fuel.skip.i.i"
;;   %14 = udiv i32 %2, 10
;;   %fuel10.i.i = add i64 %fuel.i, -4
;;   store i64 %fuel10.i.i, ptr %store.i, align 4
;;   store i32 %14, ptr %1, align 4
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal i32 @wasm_host_f3(ptr %0, i32 %1, i32 %2) #1 {
;; entry:
;;   %store = load ptr, ptr %0, align 8
;;   %fuel = load i64, ptr %store, align 4
;;   %fuel.i = add i64 %fuel, -1
;;   %3 = icmp slt i64 %fuel.i, 0
;;   br i1 %3, label %"out of fuel.i", label %"out of fuel.skip.i", !prof !0
;;
;; "out of fuel.skip.i":                             ; preds = %entry
;;   %4 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit.i = load atomic i64, ptr %4 monotonic, align 8
;;   %sp.i = call ptr @llvm.stacksave.p0()
;;   %5 = ptrtoint ptr %sp.i to i64
;;   %6 = icmp ugt i64 %stack.limit.i, %5
;;   br i1 %6, label %stack.check.failed.i, label %wasm_f3.exit, !prof !0
;;
;; stack.check.failed.i:                             ; preds = %"out of fuel.skip.i"
;;   %7 = icmp eq i64 %stack.limit.i, -1
;;   store i64 %fuel.i, ptr %store, align 4
;;   %8 = getelementptr i8, ptr %0, i64 16
;;   %9 = load ptr, ptr %8, align 8, !invariant.load !1
;;   %10 = load ptr, ptr %9, align 8, !invariant.load !1
;;   br i1 %7, label %"deadline exceeded.i", label %"deadline exceeded.skip.i", !prof !0
;;
;; "deadline exceeded.skip.i":                       ; preds = %stack.check.failed.i
;;   call void %10(ptr nonnull %0, i32 10, i32 101) #4
;;   unreachable
;;
;; "out of fuel.i":                                  ; preds = %entry
;;   store i64 %fuel.i, ptr %store, align 4
;;   %11 = getelementptr i8, ptr %0, i64 16
;;   %12 = load ptr, ptr %11, align 8, !invariant.load !1
;;   %13 = load ptr, ptr %12, align 8, !invariant.load !1
;;   call void %13(ptr nonnull %0, i32 11, i32 101) #4
;;   unreachable
;;
;; "deadline exceeded.i":                            ; preds = %stack.check.failed.i
;;   call void %10(ptr nonnull %0, i32 12, i32 101) #4
;;   unreachable
;;
;; wasm_f3.exit:                                     ; preds = %"out of fuel.skip.i"
;;   %14 = and i32 %2, 31
;;   %15 = shl i32 %1, %14
;;   %fuel8.i = add i64 %fuel, -4
;;   store i64 %fuel8.i, ptr %store, align 4
;;   ret i32 %15
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry3(ptr %0, ptr nocapture %1) #3 {
;; entry:
;;   %2 = load i32, ptr %1, align 4
;;   %3 = getelementptr i8, ptr %1, i64 8
;;   %4 = load i32, ptr %3, align 4
;;   %store.i = load ptr, ptr %0, align 8
;;   %fuel.i = load i64, ptr %store.i, align 4
;;   %fuel.i.i = add i64 %fuel.i, -1
;;   %5 = icmp slt i64 %fuel.i.i, 0
;;   br i1 %5, label %"out of fuel.i.i", label %"out of fuel.skip.i.i", !prof !0
;;
;; "out of fuel.skip.i.i":                           ; preds = %entry
;;   %6 = getelementptr i8, ptr %store.i, i64 8
;;   %stack.limit.i.i = load atomic i64, ptr %6 monotonic, align 8
;;   %sp.i.i = tail call ptr @llvm.stacksave.p0()
;;   %7 = ptrtoint ptr %sp.i.i to i64
;;   %8 = icmp ugt i64 %stack.limit.i.i, %7
;;   br i1 %8, label %stack.check.failed.i.i, label %wasm_host_f3.exit, !prof !0
;;
;; stack.check.failed.i.i:                           ; preds = %"out of fuel.skip.i.i"
;;   %9 = icmp eq i64 %stack.limit.i.i, -1
;;   store i64 %fuel.i.i, ptr %store.i, align 4
;;   %10 = getelementptr i8, ptr %0, i64 16
;;   %11 = load ptr, ptr %10, align 8, !invariant.load !1
;;   %12 = load ptr, ptr %11, align 8, !invariant.load !1
;;   br i1 %9, label %"deadline exceeded.i.i", label %"deadline exceeded.skip.i.i", !prof !0
;;
;; "deadline exceeded.skip.i.i":                     ; preds = %stack.check.failed.i.i
;;   tail call void %12(ptr nonnull %0, i32 10, i32 101) #4
;;   unreachable
;;
;; "out of fuel.i.i":                                ; preds = %entry
;;   store i64 %fuel.i.i, ptr %store.i, align 4
;;   %13 = getelementptr i8, ptr %0, i64 16
;;   %14 = load ptr, ptr %13, align 8, !invariant.load !1
;;   %15 = load ptr, ptr %14, align 8, !invariant.load !1
;;   tail call void %15(ptr nonnull %0, i32 11, i32 101) #4
;;   unreachable
;;
;; "deadline exceeded.i.i":                          ; preds = %stack.check.failed.i.i
;;   tail call void %12(ptr nonnull %0, i32 12, i32 101) #4
;;   unreachable
;;
;; wasm_host_f3.exit:                                ; preds = %"out of fuel.skip.i.i"
;;   %16 = and i32 %4, 31
;;   %17 = shl i32 %2, %16
;;   %fuel8.i.i = add i64 %fuel.i, -4
;;   store i64 %fuel8.i.i, ptr %store.i, align 4
;;   store i32 %17, ptr %1, align 4
;;   ret void
;; }
;;
;; attributes #0 = { mustprogress nocallback nofree nosync nounwind willreturn }
;; attributes #1 = { nounwind "disable-tail-calls"="true" "no-builtins" "probe-stack"="inline-asm" }
;; attributes #2 = { nounwind "no-builtins" }
;; attributes #3 = { nounwind "no-builtins" "probe-stack"="inline-asm" }
;; attributes #4 = { cold noreturn nounwind }
;;
;; !0 = !{!"branch_weights", i32 1, i32 2000}
;; !1 = !{}
