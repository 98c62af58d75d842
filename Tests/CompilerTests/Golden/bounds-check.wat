;;! opt-level = 0
;; Explicit bounds checks: the address is zero-extended, the offset and access size added in
;; 64 bits, and the sum compared with the memory size kept in a local; the check stays for a
;; load whose value is dropped.
(module
  (memory 1)
  (func (export "load") (param i32) (result i32)
    (i32.load offset=16 (local.get 0)))
  (func (export "store8") (param i32 i32)
    (i32.store8 offset=4294967295 (local.get 0) (local.get 1)))
  (func (export "unused") (param i32)
    (drop (i64.load (local.get 0)))))

;; ---- expected IR ----
;; @wasm_skeleton = private constant [64 x i8] c"\00asm\01\00\00\00\01\0F\03`\01\7F\01\7F`\02\7F\7F\00`\01\7F\00\03\04\03\00\01\02\05\03\01\00\01\07\1A\03\04load\00\00\06store8\00\01\06unused\00\02"
;; @wasm_functions = private constant [3 x ptr] [ptr @wasm_f0, ptr @wasm_f1, ptr @wasm_f2], align 8
;; @wasm_entries = private constant [3 x ptr] [ptr @wasm_entry0, ptr @wasm_entry1, ptr @wasm_entry2], align 8
;; @midimon_module_descriptor = constant { i64, i64, ptr, i64, i64, ptr, ptr, ptr, i64, i64 } { i64 94099835581647181, i64 1, ptr @wasm_skeleton, i64 64, i64 3, ptr @wasm_functions, ptr @wasm_entries, ptr null, i64 120, i64 0 }, align 8
;;
;; ; Function Attrs: nounwind
;; define internal i32 @wasm_f0(ptr %vmctx, i32 %0) #0 {
;; entry:
;;   %1 = alloca i32, align 4
;;   store i32 %0, ptr %1, align 4
;;   %2 = getelementptr i8, ptr %vmctx, i64 8
;;   %memory = load ptr, ptr %2, align 8, !invariant.load !0
;;   %memory.base = load ptr, ptr %memory, align 8, !invariant.load !0
;;   %memory.size.slot = alloca i64, align 8
;;   %3 = getelementptr i8, ptr %memory, i64 8
;;   %memory.size = load i64, ptr %3, align 4
;;   store i64 %memory.size, ptr %memory.size.slot, align 4
;;   %store = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %4 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit = load i64, ptr %4, align 4
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %5 = ptrtoint ptr %sp to i64
;;   %6 = icmp ult i64 %5, %stack.limit
;;   br i1 %6, label %"call stack exhausted", label %"call stack exhausted.skip", !prof !1
;;
;; return:                                           ; preds = %"out of bounds memory access.skip"
;;   %7 = phi i32 [ %14, %"out of bounds memory access.skip" ]
;;   ret i32 %7
;;
;; "call stack exhausted.skip":                      ; preds = %entry
;;   %8 = load i32, ptr %1, align 4
;;   %9 = zext i32 %8 to i64
;;   %10 = add nuw i64 %9, 16
;;   %11 = add nuw i64 %10, 4
;;   %memory.size1 = load i64, ptr %memory.size.slot, align 4
;;   %12 = icmp ugt i64 %11, %memory.size1
;;   br i1 %12, label %"out of bounds memory access", label %"out of bounds memory access.skip", !prof !1
;;
;; "out of bounds memory access.skip":               ; preds = %"call stack exhausted.skip"
;;   %13 = getelementptr i8, ptr %memory.base, i64 %10
;;   %14 = load i32, ptr %13, align 1
;;   br label %return
;;
;; "out of bounds memory access":                    ; preds = %"call stack exhausted.skip"
;;   %site2 = phi i32 [ 71, %"call stack exhausted.skip" ]
;;   %15 = getelementptr i8, ptr %vmctx, i64 16
;;   %16 = load ptr, ptr %15, align 8, !invariant.load !0
;;   %17 = load ptr, ptr %16, align 8, !invariant.load !0
;;   call void %17(ptr %vmctx, i32 5, i32 %site2) #3
;;   unreachable
;;
;; "call stack exhausted":                           ; preds = %entry
;;   %site = phi i32 [ 67, %entry ]
;;   %18 = getelementptr i8, ptr %vmctx, i64 16
;;   %19 = load ptr, ptr %18, align 8, !invariant.load !0
;;   %20 = load ptr, ptr %19, align 8, !invariant.load !0
;;   call void %20(ptr %vmctx, i32 10, i32 %site) #3
;;   unreachable
;; }
;;
;; ; Function Attrs: nocallback nofree nosync nounwind willreturn
;; declare ptr @llvm.stacksave.p0() #1
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_f1(ptr %vmctx, i32 %0, i32 %1) #0 {
;; entry:
;;   %2 = alloca i32, align 4
;;   store i32 %0, ptr %2, align 4
;;   %3 = alloca i32, align 4
;;   store i32 %1, ptr %3, align 4
;;   %4 = getelementptr i8, ptr %vmctx, i64 8
;;   %memory = load ptr, ptr %4, align 8, !invariant.load !0
;;   %memory.base = load ptr, ptr %memory, align 8, !invariant.load !0
;;   %memory.size.slot = alloca i64, align 8
;;   %5 = getelementptr i8, ptr %memory, i64 8
;;   %memory.size = load i64, ptr %5, align 4
;;   store i64 %memory.size, ptr %memory.size.slot, align 4
;;   %store = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %6 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit = load i64, ptr %6, align 4
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %7 = ptrtoint ptr %sp to i64
;;   %8 = icmp ult i64 %7, %stack.limit
;;   br i1 %8, label %"call stack exhausted", label %"call stack exhausted.skip", !prof !1
;;
;; return:                                           ; preds = %"out of bounds memory access.skip"
;;   ret void
;;
;; "call stack exhausted.skip":                      ; preds = %entry
;;   %9 = load i32, ptr %2, align 4
;;   %10 = load i32, ptr %3, align 4
;;   %11 = trunc i32 %10 to i8
;;   %12 = zext i32 %9 to i64
;;   %13 = add nuw i64 %12, 4294967295
;;   %14 = add nuw i64 %13, 1
;;   %memory.size1 = load i64, ptr %memory.size.slot, align 4
;;   %15 = icmp ugt i64 %14, %memory.size1
;;   br i1 %15, label %"out of bounds memory access", label %"out of bounds memory access.skip", !prof !1
;;
;; "out of bounds memory access.skip":               ; preds = %"call stack exhausted.skip"
;;   %16 = getelementptr i8, ptr %memory.base, i64 %13
;;   store i8 %11, ptr %16, align 1
;;   br label %return
;;
;; "out of bounds memory access":                    ; preds = %"call stack exhausted.skip"
;;   %site2 = phi i32 [ 81, %"call stack exhausted.skip" ]
;;   %17 = getelementptr i8, ptr %vmctx, i64 16
;;   %18 = load ptr, ptr %17, align 8, !invariant.load !0
;;   %19 = load ptr, ptr %18, align 8, !invariant.load !0
;;   call void %19(ptr %vmctx, i32 5, i32 %site2) #3
;;   unreachable
;;
;; "call stack exhausted":                           ; preds = %entry
;;   %site = phi i32 [ 75, %entry ]
;;   %20 = getelementptr i8, ptr %vmctx, i64 16
;;   %21 = load ptr, ptr %20, align 8, !invariant.load !0
;;   %22 = load ptr, ptr %21, align 8, !invariant.load !0
;;   call void %22(ptr %vmctx, i32 10, i32 %site) #3
;;   unreachable
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_f2(ptr %vmctx, i32 %0) #0 {
;; entry:
;;   %1 = alloca i32, align 4
;;   store i32 %0, ptr %1, align 4
;;   %2 = getelementptr i8, ptr %vmctx, i64 8
;;   %memory = load ptr, ptr %2, align 8, !invariant.load !0
;;   %memory.base = load ptr, ptr %memory, align 8, !invariant.load !0
;;   %memory.size.slot = alloca i64, align 8
;;   %3 = getelementptr i8, ptr %memory, i64 8
;;   %memory.size = load i64, ptr %3, align 4
;;   store i64 %memory.size, ptr %memory.size.slot, align 4
;;   %store = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %4 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit = load i64, ptr %4, align 4
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %5 = ptrtoint ptr %sp to i64
;;   %6 = icmp ult i64 %5, %stack.limit
;;   br i1 %6, label %"call stack exhausted", label %"call stack exhausted.skip", !prof !1
;;
;; return:                                           ; preds = %"out of bounds memory access.skip"
;;   ret void
;;
;; "call stack exhausted.skip":                      ; preds = %entry
;;   %7 = load i32, ptr %1, align 4
;;   %8 = zext i32 %7 to i64
;;   %9 = add nuw i64 %8, 8
;;   %memory.size1 = load i64, ptr %memory.size.slot, align 4
;;   %10 = icmp ugt i64 %9, %memory.size1
;;   br i1 %10, label %"out of bounds memory access", label %"out of bounds memory access.skip", !prof !1
;;
;; "out of bounds memory access.skip":               ; preds = %"call stack exhausted.skip"
;;   %11 = getelementptr i8, ptr %memory.base, i64 %8
;;   %12 = load i64, ptr %11, align 1
;;   br label %return
;;
;; "out of bounds memory access":                    ; preds = %"call stack exhausted.skip"
;;   %site2 = phi i32 [ 93, %"call stack exhausted.skip" ]
;;   %13 = getelementptr i8, ptr %vmctx, i64 16
;;   %14 = load ptr, ptr %13, align 8, !invariant.load !0
;;   %15 = load ptr, ptr %14, align 8, !invariant.load !0
;;   call void %15(ptr %vmctx, i32 5, i32 %site2) #3
;;   unreachable
;;
;; "call stack exhausted":                           ; preds = %entry
;;   %site = phi i32 [ 89, %entry ]
;;   %16 = getelementptr i8, ptr %vmctx, i64 16
;;   %17 = load ptr, ptr %16, align 8, !invariant.load !0
;;   %18 = load ptr, ptr %17, align 8, !invariant.load !0
;;   call void %18(ptr %vmctx, i32 10, i32 %site) #3
;;   unreachable
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry0(ptr %0, ptr %1) #2 {
;; entry:
;;   %2 = getelementptr i64, ptr %1, i64 0
;;   %3 = load i32, ptr %2, align 4
;;   %4 = call i32 @wasm_f0(ptr %0, i32 %3)
;;   %5 = getelementptr i64, ptr %1, i64 0
;;   store i32 %4, ptr %5, align 4
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry1(ptr %0, ptr %1) #2 {
;; entry:
;;   %2 = getelementptr i64, ptr %1, i64 0
;;   %3 = load i32, ptr %2, align 4
;;   %4 = getelementptr i64, ptr %1, i64 1
;;   %5 = load i32, ptr %4, align 4
;;   call void @wasm_f1(ptr %0, i32 %3, i32 %5)
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry2(ptr %0, ptr %1) #2 {
;; entry:
;;   %2 = getelementptr i64, ptr %1, i64 0
;;   %3 = load i32, ptr %2, align 4
;;   call void @wasm_f2(ptr %0, i32 %3)
;;   ret void
;; }
;;
;; attributes #0 = { nounwind "disable-tail-calls"="true" }
;; attributes #1 = { nocallback nofree nosync nounwind willreturn }
;; attributes #2 = { nounwind }
;; attributes #3 = { cold noreturn }
;;
;; !0 = !{}
;; !1 = !{!"branch_weights", i32 1, i32 2000}
