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
;; @midimon_module_descriptor = local_unnamed_addr constant { i64, i64, ptr, i64, i64, ptr, ptr, ptr, i64, i64 } { i64 94099835581647181, i64 1, ptr @wasm_skeleton, i64 74, i64 4, ptr @wasm_functions, ptr @wasm_entries, ptr null, i64 144, i64 0 }, align 8
;;
;; ; Function Attrs: nounwind
;; define internal i32 @wasm_f0(ptr %vmctx, i32 %0, i32 %1) #0 {
;; entry:
;;   %store = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %2 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit = load i64, ptr %2, align 4
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %3 = ptrtoint ptr %sp to i64
;;   %4 = icmp ugt i64 %stack.limit, %3
;;   br i1 %4, label %"call stack exhausted", label %"call stack exhausted.skip", !prof !1
;;
;; "call stack exhausted.skip":                      ; preds = %entry
;;   %5 = icmp eq i32 %1, 0
;;   br i1 %5, label %"integer divide by zero", label %"integer divide by zero.skip", !prof !1
;;
;; "integer divide by zero.skip":                    ; preds = %"call stack exhausted.skip"
;;   %6 = icmp eq i32 %0, -2147483648
;;   %7 = icmp eq i32 %1, -1
;;   %8 = and i1 %6, %7
;;   br i1 %8, label %"integer overflow", label %"integer overflow.skip", !prof !1
;;
;; "integer overflow.skip":                          ; preds = %"integer divide by zero.skip"
;;   %9 = sdiv i32 %0, %1
;;   ret i32 %9
;;
;; "integer divide by zero":                         ; preds = %"call stack exhausted.skip"
;;   %10 = getelementptr i8, ptr %vmctx, i64 16
;;   %11 = load ptr, ptr %10, align 8, !invariant.load !0
;;   %12 = load ptr, ptr %11, align 8, !invariant.load !0
;;   call void %12(ptr nonnull %vmctx, i32 2, i32 83) #3
;;   unreachable
;;
;; "integer overflow":                               ; preds = %"integer divide by zero.skip"
;;   %13 = getelementptr i8, ptr %vmctx, i64 16
;;   %14 = load ptr, ptr %13, align 8, !invariant.load !0
;;   %15 = load ptr, ptr %14, align 8, !invariant.load !0
;;   call void %15(ptr nonnull %vmctx, i32 3, i32 83) #3
;;   unreachable
;;
;; "call stack exhausted":                           ; preds = %entry
;;   %16 = getelementptr i8, ptr %vmctx, i64 16
;;   %17 = load ptr, ptr %16, align 8, !invariant.load !0
;;   %18 = load ptr, ptr %17, align 8, !invariant.load !0
;;   call void %18(ptr nonnull %vmctx, i32 10, i32 77) #3
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
;;   %2 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit = load i64, ptr %2, align 4
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %3 = ptrtoint ptr %sp to i64
;;   %4 = icmp ugt i64 %stack.limit, %3
;;   br i1 %4, label %"call stack exhausted", label %"call stack exhausted.skip", !prof !1
;;
;; "call stack exhausted.skip":                      ; preds = %entry
;;   %5 = icmp eq i64 %1, 0
;;   br i1 %5, label %"integer divide by zero", label %"integer divide by zero.skip", !prof !1
;;
;; "integer divide by zero.skip":                    ; preds = %"call stack exhausted.skip"
;;   %6 = icmp eq i64 %1, -1
;;   %7 = select i1 %6, i64 1, i64 %1
;;   %8 = srem i64 %0, %7
;;   ret i64 %8
;;
;; "integer divide by zero":                         ; preds = %"call stack exhausted.skip"
;;   %9 = getelementptr i8, ptr %vmctx, i64 16
;;   %10 = load ptr, ptr %9, align 8, !invariant.load !0
;;   %11 = load ptr, ptr %10, align 8, !invariant.load !0
;;   call void %11(ptr nonnull %vmctx, i32 2, i32 91) #3
;;   unreachable
;;
;; "call stack exhausted":                           ; preds = %entry
;;   %12 = getelementptr i8, ptr %vmctx, i64 16
;;   %13 = load ptr, ptr %12, align 8, !invariant.load !0
;;   %14 = load ptr, ptr %13, align 8, !invariant.load !0
;;   call void %14(ptr nonnull %vmctx, i32 10, i32 85) #3
;;   unreachable
;; }
;;
;; ; Function Attrs: nounwind
;; define internal range(i32 0, 429496730) i32 @wasm_f2(ptr %vmctx, i32 %0) #0 {
;; entry:
;;   %store = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %1 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit = load i64, ptr %1, align 4
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %2 = ptrtoint ptr %sp to i64
;;   %3 = icmp ugt i64 %stack.limit, %2
;;   br i1 %3, label %"call stack exhausted", label %"call stack exhausted.skip", !prof !1
;;
;; "call stack exhausted.skip":                      ; preds = %entry
;;   %4 = udiv i32 %0, 10
;;   ret i32 %4
;;
;; "call stack exhausted":                           ; preds = %entry
;;   %5 = getelementptr i8, ptr %vmctx, i64 16
;;   %6 = load ptr, ptr %5, align 8, !invariant.load !0
;;   %7 = load ptr, ptr %6, align 8, !invariant.load !0
;;   call void %7(ptr nonnull %vmctx, i32 10, i32 93) #3
;;   unreachable
;; }
;;
;; ; Function Attrs: nounwind
;; define internal i32 @wasm_f3(ptr %vmctx, i32 %0, i32 %1) #0 {
;; entry:
;;   %store = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %2 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit = load i64, ptr %2, align 4
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %3 = ptrtoint ptr %sp to i64
;;   %4 = icmp ugt i64 %stack.limit, %3
;;   br i1 %4, label %"call stack exhausted", label %"call stack exhausted.skip", !prof !1
;;
;; "call stack exhausted.skip":                      ; preds = %entry
;;   %5 = and i32 %1, 31
;;   %6 = shl i32 %0, %5
;;   ret i32 %6
;;
;; "call stack exhausted":                           ; preds = %entry
;;   %7 = getelementptr i8, ptr %vmctx, i64 16
;;   %8 = load ptr, ptr %7, align 8, !invariant.load !0
;;   %9 = load ptr, ptr %8, align 8, !invariant.load !0
;;   call void %9(ptr nonnull %vmctx, i32 10, i32 101) #3
;;   unreachable
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry0(ptr %0, ptr nocapture %1) #2 {
;; entry:
;;   %2 = load i32, ptr %1, align 4
;;   %3 = getelementptr i8, ptr %1, i64 8
;;   %4 = load i32, ptr %3, align 4
;;   %store.i = load ptr, ptr %0, align 8, !invariant.load !0
;;   %5 = getelementptr i8, ptr %store.i, i64 8
;;   %stack.limit.i = load i64, ptr %5, align 4
;;   %sp.i = tail call ptr @llvm.stacksave.p0()
;;   %6 = ptrtoint ptr %sp.i to i64
;;   %7 = icmp ugt i64 %stack.limit.i, %6
;;   br i1 %7, label %"call stack exhausted.i", label %"call stack exhausted.skip.i", !prof !1
;;
;; "call stack exhausted.skip.i":                    ; preds = %entry
;;   %8 = icmp eq i32 %4, 0
;;   br i1 %8, label %"integer divide by zero.i", label %"integer divide by zero.skip.i", !prof !1
;;
;; "integer divide by zero.skip.i":                  ; preds = %"call stack exhausted.skip.i"
;;   %9 = icmp eq i32 %2, -2147483648
;;   %10 = icmp eq i32 %4, -1
;;   %11 = and i1 %9, %10
;;   br i1 %11, label %"integer overflow.i", label %wasm_f0.exit, !prof !1
;;
;; "integer divide by zero.i":                       ; preds = %"call stack exhausted.skip.i"
;;   %12 = getelementptr i8, ptr %0, i64 16
;;   %13 = load ptr, ptr %12, align 8, !invariant.load !0
;;   %14 = load ptr, ptr %13, align 8, !invariant.load !0
;;   tail call void %14(ptr nonnull %0, i32 2, i32 83) #3
;;   unreachable
;;
;; "integer overflow.i":                             ; preds = %"integer divide by zero.skip.i"
;;   %15 = getelementptr i8, ptr %0, i64 16
;;   %16 = load ptr, ptr %15, align 8, !invariant.load !0
;;   %17 = load ptr, ptr %16, align 8, !invariant.load !0
;;   tail call void %17(ptr nonnull %0, i32 3, i32 83) #3
;;   unreachable
;;
;; "call stack exhausted.i":                         ; preds = %entry
;;   %18 = getelementptr i8, ptr %0, i64 16
;;   %19 = load ptr, ptr %18, align 8, !invariant.load !0
;;   %20 = load ptr, ptr %19, align 8, !invariant.load !0
;;   tail call void %20(ptr nonnull %0, i32 10, i32 77) #3
;;   unreachable
;;
;; wasm_f0.exit:                                     ; preds = %"integer divide by zero.skip.i"
;;   %21 = sdiv i32 %2, %4
;;   store i32 %21, ptr %1, align 4
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry1(ptr %0, ptr nocapture %1) #2 {
;; entry:
;;   %2 = load i64, ptr %1, align 4
;;   %3 = getelementptr i8, ptr %1, i64 8
;;   %4 = load i64, ptr %3, align 4
;;   %store.i = load ptr, ptr %0, align 8, !invariant.load !0
;;   %5 = getelementptr i8, ptr %store.i, i64 8
;;   %stack.limit.i = load i64, ptr %5, align 4
;;   %sp.i = tail call ptr @llvm.stacksave.p0()
;;   %6 = ptrtoint ptr %sp.i to i64
;;   %7 = icmp ugt i64 %stack.limit.i, %6
;;   br i1 %7, label %"call stack exhausted.i", label %"call stack exhausted.skip.i", !prof !1
;;
;; "call stack exhausted.skip.i":                    ; preds = %entry
;;   %8 = icmp eq i64 %4, 0
;;   br i1 %8, label %"integer divide by zero.i", label %wasm_f1.exit, !prof !1
;;
;; "integer divide by zero.i":                       ; preds = %"call stack exhausted.skip.i"
;;   %9 = getelementptr i8, ptr %0, i64 16
;;   %10 = load ptr, ptr %9, align 8, !invariant.load !0
;;   %11 = load ptr, ptr %10, align 8, !invariant.load !0
;;   tail call void %11(ptr nonnull %0, i32 2, i32 91) #3
;;   unreachable
;;
;; "call stack exhausted.i":                         ; preds = %entry
;;   %12 = getelementptr i8, ptr %0, i64 16
;;   %13 = load ptr, ptr %12, align 8, !invariant.load !0
;;   %14 = load ptr, ptr %13, align 8, !invariant.load !0
;;   tail call void %14(ptr nonnull %0, i32 10, i32 85) #3
;;   unreachable
;;
;; wasm_f1.exit:                                     ; preds = %"call stack exhausted.skip.i"
;;   %15 = icmp eq i64 %4, -1
;;   %16 = select i1 %15, i64 1, i64 %4
;;   %17 = srem i64 %2, %16
;;   store i64 %17, ptr %1, align 4
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry2(ptr %0, ptr nocapture %1) #2 {
;; entry:
;;   %2 = load i32, ptr %1, align 4
;;   %store.i = load ptr, ptr %0, align 8, !invariant.load !0
;;   %3 = getelementptr i8, ptr %store.i, i64 8
;;   %stack.limit.i = load i64, ptr %3, align 4
;;   %sp.i = tail call ptr @llvm.stacksave.p0()
;;   %4 = ptrtoint ptr %sp.i to i64
;;   %5 = icmp ugt i64 %stack.limit.i, %4
;;   br i1 %5, label %"call stack exhausted.i", label %wasm_f2.exit, !prof !1
;;
;; "call stack exhausted.i":                         ; preds = %entry
;;   %6 = getelementptr i8, ptr %0, i64 16
;;   %7 = load ptr, ptr %6, align 8, !invariant.load !0
;;   %8 = load ptr, ptr %7, align 8, !invariant.load !0
;;   tail call void %8(ptr nonnull %0, i32 10, i32 93) #3
;;   unreachable
;;
;; wasm_f2.exit:                                     ; preds = %entry
;;   %9 = udiv i32 %2, 10
;;   store i32 %9, ptr %1, align 4
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry3(ptr %0, ptr nocapture %1) #2 {
;; entry:
;;   %2 = load i32, ptr %1, align 4
;;   %3 = getelementptr i8, ptr %1, i64 8
;;   %4 = load i32, ptr %3, align 4
;;   %store.i = load ptr, ptr %0, align 8, !invariant.load !0
;;   %5 = getelementptr i8, ptr %store.i, i64 8
;;   %stack.limit.i = load i64, ptr %5, align 4
;;   %sp.i = tail call ptr @llvm.stacksave.p0()
;;   %6 = ptrtoint ptr %sp.i to i64
;;   %7 = icmp ugt i64 %stack.limit.i, %6
;;   br i1 %7, label %"call stack exhausted.i", label %wasm_f3.exit, !prof !1
;;
;; "call stack exhausted.i":                         ; preds = %entry
;;   %8 = getelementptr i8, ptr %0, i64 16
;;   %9 = load ptr, ptr %8, align 8, !invariant.load !0
;;   %10 = load ptr, ptr %9, align 8, !invariant.load !0
;;   tail call void %10(ptr nonnull %0, i32 10, i32 101) #3
;;   unreachable
;;
;; wasm_f3.exit:                                     ; preds = %entry
;;   %11 = and i32 %4, 31
;;   %12 = shl i32 %2, %11
;;   store i32 %12, ptr %1, align 4
;;   ret void
;; }
;;
;; attributes #0 = { nounwind "disable-tail-calls"="true" "no-builtins" }
;; attributes #1 = { mustprogress nocallback nofree nosync nounwind willreturn }
;; attributes #2 = { nounwind "no-builtins" }
;; attributes #3 = { cold noreturn nounwind }
;;
;; !0 = !{}
;; !1 = !{!"branch_weights", i32 1, i32 2000}
