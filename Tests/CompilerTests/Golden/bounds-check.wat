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
;; @wasm_body_offsets = private constant [3 x i32] [i32 67, i32 75, i32 89], align 8
;; @midimon_module_descriptor = constant { i64, i64, ptr, i64, i64, ptr, ptr, ptr, i64, i64, ptr } { i64 94099835581647181, i64 2, ptr @wasm_skeleton, i64 64, i64 3, ptr @wasm_functions, ptr @wasm_entries, ptr null, i64 120, i64 1, ptr @wasm_body_offsets }, align 8
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
;;   %fuel.slot = alloca i64, align 8
;;   %4 = load i64, ptr %store, align 4
;;   store i64 %4, ptr %fuel.slot, align 4
;;   %5 = load i64, ptr %fuel.slot, align 4
;;   %fuel = sub i64 %5, 1
;;   store i64 %fuel, ptr %fuel.slot, align 4
;;   %6 = load i64, ptr %fuel.slot, align 4
;;   %7 = icmp slt i64 %6, 0
;;   %fuel1 = load i64, ptr %fuel.slot, align 4
;;   br i1 %7, label %"out of fuel", label %"out of fuel.skip", !prof !1
;;
;; return:                                           ; preds = %"out of bounds memory access.skip"
;;   %8 = phi i32 [ %20, %"out of bounds memory access.skip" ]
;;   %9 = load i64, ptr %fuel.slot, align 4
;;   store i64 %9, ptr %store, align 4
;;   ret i32 %8
;;
;; "out of fuel.skip":                               ; preds = %entry
;;   %store2 = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %store3 = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %10 = getelementptr i8, ptr %store3, i64 8
;;   %stack.limit = load atomic i64, ptr %10 monotonic, align 8
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %11 = ptrtoint ptr %sp to i64
;;   %12 = icmp ult i64 %11, %stack.limit
;;   br i1 %12, label %stack.check.failed, label %stack.check.ok, !prof !1
;;
;; stack.check.failed:                               ; preds = %"out of fuel.skip"
;;   %13 = icmp eq i64 %stack.limit, -1
;;   %fuel5 = load i64, ptr %fuel.slot, align 4
;;   br i1 %13, label %"deadline exceeded", label %"deadline exceeded.skip", !prof !1
;;
;; stack.check.ok:                                   ; preds = %"out of fuel.skip"
;;   %14 = load i32, ptr %1, align 4
;;   %15 = zext i32 %14 to i64
;;   %16 = add nuw i64 %15, 16
;;   %17 = add nuw i64 %16, 4
;;   %memory.size8 = load i64, ptr %memory.size.slot, align 4
;;   %18 = icmp ugt i64 %17, %memory.size8
;;   %fuel10 = load i64, ptr %fuel.slot, align 4
;;   br i1 %18, label %"out of bounds memory access", label %"out of bounds memory access.skip", !prof !1
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br label %"call stack exhausted"
;;
;; "out of bounds memory access.skip":               ; preds = %stack.check.ok
;;   %19 = getelementptr inbounds i8, ptr %memory.base, i64 %16
;;   %20 = load i32, ptr %19, align 1
;;   %21 = load i64, ptr %fuel.slot, align 4
;;   %fuel11 = sub i64 %21, 2
;;   store i64 %fuel11, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "out of bounds memory access":                    ; preds = %stack.check.ok
;;   %site9 = phi i32 [ 71, %stack.check.ok ]
;;   %22 = phi i64 [ %fuel10, %stack.check.ok ]
;;   %23 = phi i64 [ 2, %stack.check.ok ]
;;   %24 = sub i64 %22, %23
;;   store i64 %24, ptr %store, align 4
;;   %25 = getelementptr i8, ptr %vmctx, i64 16
;;   %26 = load ptr, ptr %25, align 8, !invariant.load !0
;;   %27 = load ptr, ptr %26, align 8, !invariant.load !0
;;   call void %27(ptr %vmctx, i32 5, i32 %site9) #3
;;   unreachable
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 67, %"deadline exceeded.skip" ]
;;   %28 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %29 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %30 = sub i64 %28, %29
;;   store i64 %30, ptr %store, align 4
;;   %31 = getelementptr i8, ptr %vmctx, i64 16
;;   %32 = load ptr, ptr %31, align 8, !invariant.load !0
;;   %33 = load ptr, ptr %32, align 8, !invariant.load !0
;;   call void %33(ptr %vmctx, i32 10, i32 %site6) #3
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 67, %entry ]
;;   %34 = phi i64 [ %fuel1, %entry ]
;;   %35 = phi i64 [ 0, %entry ]
;;   %36 = sub i64 %34, %35
;;   store i64 %36, ptr %store, align 4
;;   %37 = getelementptr i8, ptr %vmctx, i64 16
;;   %38 = load ptr, ptr %37, align 8, !invariant.load !0
;;   %39 = load ptr, ptr %38, align 8, !invariant.load !0
;;   call void %39(ptr %vmctx, i32 11, i32 %site) #3
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   %site4 = phi i32 [ 67, %stack.check.failed ]
;;   %40 = phi i64 [ %fuel5, %stack.check.failed ]
;;   %41 = phi i64 [ 0, %stack.check.failed ]
;;   %42 = sub i64 %40, %41
;;   store i64 %42, ptr %store, align 4
;;   %43 = getelementptr i8, ptr %vmctx, i64 16
;;   %44 = load ptr, ptr %43, align 8, !invariant.load !0
;;   %45 = load ptr, ptr %44, align 8, !invariant.load !0
;;   call void %45(ptr %vmctx, i32 12, i32 %site4) #3
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
;;   %fuel.slot = alloca i64, align 8
;;   %6 = load i64, ptr %store, align 4
;;   store i64 %6, ptr %fuel.slot, align 4
;;   %7 = load i64, ptr %fuel.slot, align 4
;;   %fuel = sub i64 %7, 1
;;   store i64 %fuel, ptr %fuel.slot, align 4
;;   %8 = load i64, ptr %fuel.slot, align 4
;;   %9 = icmp slt i64 %8, 0
;;   %fuel1 = load i64, ptr %fuel.slot, align 4
;;   br i1 %9, label %"out of fuel", label %"out of fuel.skip", !prof !1
;;
;; return:                                           ; preds = %"out of bounds memory access.skip"
;;   %10 = load i64, ptr %fuel.slot, align 4
;;   store i64 %10, ptr %store, align 4
;;   ret void
;;
;; "out of fuel.skip":                               ; preds = %entry
;;   %store2 = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %store3 = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %11 = getelementptr i8, ptr %store3, i64 8
;;   %stack.limit = load atomic i64, ptr %11 monotonic, align 8
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %12 = ptrtoint ptr %sp to i64
;;   %13 = icmp ult i64 %12, %stack.limit
;;   br i1 %13, label %stack.check.failed, label %stack.check.ok, !prof !1
;;
;; stack.check.failed:                               ; preds = %"out of fuel.skip"
;;   %14 = icmp eq i64 %stack.limit, -1
;;   %fuel5 = load i64, ptr %fuel.slot, align 4
;;   br i1 %14, label %"deadline exceeded", label %"deadline exceeded.skip", !prof !1
;;
;; stack.check.ok:                                   ; preds = %"out of fuel.skip"
;;   %15 = load i32, ptr %2, align 4
;;   %16 = load i32, ptr %3, align 4
;;   %17 = trunc i32 %16 to i8
;;   %18 = zext i32 %15 to i64
;;   %19 = add nuw i64 %18, 4294967295
;;   %20 = add nuw i64 %19, 1
;;   %memory.size8 = load i64, ptr %memory.size.slot, align 4
;;   %21 = icmp ugt i64 %20, %memory.size8
;;   %fuel10 = load i64, ptr %fuel.slot, align 4
;;   br i1 %21, label %"out of bounds memory access", label %"out of bounds memory access.skip", !prof !1
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br label %"call stack exhausted"
;;
;; "out of bounds memory access.skip":               ; preds = %stack.check.ok
;;   %22 = getelementptr inbounds i8, ptr %memory.base, i64 %19
;;   store i8 %17, ptr %22, align 1
;;   %23 = load i64, ptr %fuel.slot, align 4
;;   %fuel11 = sub i64 %23, 3
;;   store i64 %fuel11, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "out of bounds memory access":                    ; preds = %stack.check.ok
;;   %site9 = phi i32 [ 81, %stack.check.ok ]
;;   %24 = phi i64 [ %fuel10, %stack.check.ok ]
;;   %25 = phi i64 [ 3, %stack.check.ok ]
;;   %26 = sub i64 %24, %25
;;   store i64 %26, ptr %store, align 4
;;   %27 = getelementptr i8, ptr %vmctx, i64 16
;;   %28 = load ptr, ptr %27, align 8, !invariant.load !0
;;   %29 = load ptr, ptr %28, align 8, !invariant.load !0
;;   call void %29(ptr %vmctx, i32 5, i32 %site9) #3
;;   unreachable
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 75, %"deadline exceeded.skip" ]
;;   %30 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %31 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %32 = sub i64 %30, %31
;;   store i64 %32, ptr %store, align 4
;;   %33 = getelementptr i8, ptr %vmctx, i64 16
;;   %34 = load ptr, ptr %33, align 8, !invariant.load !0
;;   %35 = load ptr, ptr %34, align 8, !invariant.load !0
;;   call void %35(ptr %vmctx, i32 10, i32 %site6) #3
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 75, %entry ]
;;   %36 = phi i64 [ %fuel1, %entry ]
;;   %37 = phi i64 [ 0, %entry ]
;;   %38 = sub i64 %36, %37
;;   store i64 %38, ptr %store, align 4
;;   %39 = getelementptr i8, ptr %vmctx, i64 16
;;   %40 = load ptr, ptr %39, align 8, !invariant.load !0
;;   %41 = load ptr, ptr %40, align 8, !invariant.load !0
;;   call void %41(ptr %vmctx, i32 11, i32 %site) #3
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   %site4 = phi i32 [ 75, %stack.check.failed ]
;;   %42 = phi i64 [ %fuel5, %stack.check.failed ]
;;   %43 = phi i64 [ 0, %stack.check.failed ]
;;   %44 = sub i64 %42, %43
;;   store i64 %44, ptr %store, align 4
;;   %45 = getelementptr i8, ptr %vmctx, i64 16
;;   %46 = load ptr, ptr %45, align 8, !invariant.load !0
;;   %47 = load ptr, ptr %46, align 8, !invariant.load !0
;;   call void %47(ptr %vmctx, i32 12, i32 %site4) #3
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
;;   %fuel.slot = alloca i64, align 8
;;   %4 = load i64, ptr %store, align 4
;;   store i64 %4, ptr %fuel.slot, align 4
;;   %5 = load i64, ptr %fuel.slot, align 4
;;   %fuel = sub i64 %5, 1
;;   store i64 %fuel, ptr %fuel.slot, align 4
;;   %6 = load i64, ptr %fuel.slot, align 4
;;   %7 = icmp slt i64 %6, 0
;;   %fuel1 = load i64, ptr %fuel.slot, align 4
;;   br i1 %7, label %"out of fuel", label %"out of fuel.skip", !prof !1
;;
;; return:                                           ; preds = %"out of bounds memory access.skip"
;;   %8 = load i64, ptr %fuel.slot, align 4
;;   store i64 %8, ptr %store, align 4
;;   ret void
;;
;; "out of fuel.skip":                               ; preds = %entry
;;   %store2 = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %store3 = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %9 = getelementptr i8, ptr %store3, i64 8
;;   %stack.limit = load atomic i64, ptr %9 monotonic, align 8
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %10 = ptrtoint ptr %sp to i64
;;   %11 = icmp ult i64 %10, %stack.limit
;;   br i1 %11, label %stack.check.failed, label %stack.check.ok, !prof !1
;;
;; stack.check.failed:                               ; preds = %"out of fuel.skip"
;;   %12 = icmp eq i64 %stack.limit, -1
;;   %fuel5 = load i64, ptr %fuel.slot, align 4
;;   br i1 %12, label %"deadline exceeded", label %"deadline exceeded.skip", !prof !1
;;
;; stack.check.ok:                                   ; preds = %"out of fuel.skip"
;;   %13 = load i32, ptr %1, align 4
;;   %14 = zext i32 %13 to i64
;;   %15 = add nuw i64 %14, 8
;;   %memory.size8 = load i64, ptr %memory.size.slot, align 4
;;   %16 = icmp ugt i64 %15, %memory.size8
;;   %fuel10 = load i64, ptr %fuel.slot, align 4
;;   br i1 %16, label %"out of bounds memory access", label %"out of bounds memory access.skip", !prof !1
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br label %"call stack exhausted"
;;
;; "out of bounds memory access.skip":               ; preds = %stack.check.ok
;;   %17 = getelementptr inbounds i8, ptr %memory.base, i64 %14
;;   %18 = load i64, ptr %17, align 1
;;   %19 = load i64, ptr %fuel.slot, align 4
;;   %fuel11 = sub i64 %19, 2
;;   store i64 %fuel11, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "out of bounds memory access":                    ; preds = %stack.check.ok
;;   %site9 = phi i32 [ 93, %stack.check.ok ]
;;   %20 = phi i64 [ %fuel10, %stack.check.ok ]
;;   %21 = phi i64 [ 2, %stack.check.ok ]
;;   %22 = sub i64 %20, %21
;;   store i64 %22, ptr %store, align 4
;;   %23 = getelementptr i8, ptr %vmctx, i64 16
;;   %24 = load ptr, ptr %23, align 8, !invariant.load !0
;;   %25 = load ptr, ptr %24, align 8, !invariant.load !0
;;   call void %25(ptr %vmctx, i32 5, i32 %site9) #3
;;   unreachable
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 89, %"deadline exceeded.skip" ]
;;   %26 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %27 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %28 = sub i64 %26, %27
;;   store i64 %28, ptr %store, align 4
;;   %29 = getelementptr i8, ptr %vmctx, i64 16
;;   %30 = load ptr, ptr %29, align 8, !invariant.load !0
;;   %31 = load ptr, ptr %30, align 8, !invariant.load !0
;;   call void %31(ptr %vmctx, i32 10, i32 %site6) #3
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 89, %entry ]
;;   %32 = phi i64 [ %fuel1, %entry ]
;;   %33 = phi i64 [ 0, %entry ]
;;   %34 = sub i64 %32, %33
;;   store i64 %34, ptr %store, align 4
;;   %35 = getelementptr i8, ptr %vmctx, i64 16
;;   %36 = load ptr, ptr %35, align 8, !invariant.load !0
;;   %37 = load ptr, ptr %36, align 8, !invariant.load !0
;;   call void %37(ptr %vmctx, i32 11, i32 %site) #3
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   %site4 = phi i32 [ 89, %stack.check.failed ]
;;   %38 = phi i64 [ %fuel5, %stack.check.failed ]
;;   %39 = phi i64 [ 0, %stack.check.failed ]
;;   %40 = sub i64 %38, %39
;;   store i64 %40, ptr %store, align 4
;;   %41 = getelementptr i8, ptr %vmctx, i64 16
;;   %42 = load ptr, ptr %41, align 8, !invariant.load !0
;;   %43 = load ptr, ptr %42, align 8, !invariant.load !0
;;   call void %43(ptr %vmctx, i32 12, i32 %site4) #3
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
;; attributes #0 = { nounwind "disable-tail-calls"="true" "probe-stack"="inline-asm" }
;; attributes #1 = { nocallback nofree nosync nounwind willreturn }
;; attributes #2 = { nounwind }
;; attributes #3 = { cold noreturn }
;;
;; !0 = !{}
;; !1 = !{!"branch_weights", i32 1, i32 2000}
