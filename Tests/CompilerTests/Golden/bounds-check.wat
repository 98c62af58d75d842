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
;; @wasm_functions = private constant [3 x ptr] [ptr @wasm_host_f0, ptr @wasm_host_f1, ptr @wasm_host_f2], align 8
;; @wasm_entries = private constant [3 x ptr] [ptr @wasm_entry0, ptr @wasm_entry1, ptr @wasm_entry2], align 8
;; @wasm_body_offsets = private constant [3 x i32] [i32 67, i32 75, i32 89], align 8
;; @midimon_module_descriptor = constant { i64, i64, ptr, i64, i64, ptr, ptr, ptr, i64, i64, ptr } { i64 94099835581647181, i64 3, ptr @wasm_skeleton, i64 64, i64 3, ptr @wasm_functions, ptr @wasm_entries, ptr null, i64 120, i64 1, ptr @wasm_body_offsets }, align 8
;;
;; ; Function Attrs: nounwind
;; define internal { i32, i64 } @wasm_f0(ptr %vmctx, i64 %0, i32 %1) #0 {
;; entry:
;;   %2 = alloca i32, align 4
;;   store i32 %1, ptr %2, align 4
;;   %3 = getelementptr i8, ptr %vmctx, i64 8
;;   %memory = load ptr, ptr %3, align 8, !invariant.load !0
;;   %memory.base = load ptr, ptr %memory, align 8, !invariant.load !0
;;   %memory.size.slot = alloca i64, align 8
;;   %4 = getelementptr i8, ptr %memory, i64 8
;;   %memory.size = load i64, ptr %4, align 4
;;   store i64 %memory.size, ptr %memory.size.slot, align 4
;;   %store = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %fuel.slot = alloca i64, align 8
;;   store i64 %0, ptr %fuel.slot, align 4
;;   %5 = load i64, ptr %fuel.slot, align 4
;;   %fuel = sub i64 %5, 1
;;   store i64 %fuel, ptr %fuel.slot, align 4
;;   %6 = load i64, ptr %fuel.slot, align 4
;;   %7 = icmp slt i64 %6, 0
;;   %fuel1 = load i64, ptr %fuel.slot, align 4
;;   br i1 %7, label %"out of fuel", label %"out of fuel.skip", !prof !1
;;
;; return:                                           ; preds = %"out of bounds memory access.skip"
;;   %8 = phi i32 [ %21, %"out of bounds memory access.skip" ]
;;   %fuel12 = load i64, ptr %fuel.slot, align 4
;;   %9 = insertvalue { i32, i64 } undef, i32 %8, 0
;;   %10 = insertvalue { i32, i64 } %9, i64 %fuel12, 1
;;   ret { i32, i64 } %10
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
;;   %16 = zext i32 %15 to i64
;;   %17 = add nuw i64 %16, 16
;;   %18 = add nuw i64 %17, 4
;;   %memory.size8 = load i64, ptr %memory.size.slot, align 4
;;   %19 = icmp ugt i64 %18, %memory.size8
;;   %fuel10 = load i64, ptr %fuel.slot, align 4
;;   br i1 %19, label %"out of bounds memory access", label %"out of bounds memory access.skip", !prof !1
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br label %"call stack exhausted"
;;
;; "out of bounds memory access.skip":               ; preds = %stack.check.ok
;;   %20 = getelementptr inbounds i8, ptr %memory.base, i64 %17
;;   %21 = load i32, ptr %20, align 1
;;   %22 = load i64, ptr %fuel.slot, align 4
;;   %fuel11 = sub i64 %22, 2
;;   store i64 %fuel11, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "out of bounds memory access":                    ; preds = %stack.check.ok
;;   %site9 = phi i32 [ 71, %stack.check.ok ]
;;   %23 = phi i64 [ %fuel10, %stack.check.ok ]
;;   %24 = phi i64 [ 2, %stack.check.ok ]
;;   %25 = sub i64 %23, %24
;;   store i64 %25, ptr %store, align 4
;;   %26 = getelementptr i8, ptr %vmctx, i64 16
;;   %27 = load ptr, ptr %26, align 8, !invariant.load !0
;;   %28 = load ptr, ptr %27, align 8, !invariant.load !0
;;   call void %28(ptr %vmctx, i32 5, i32 %site9) #3
;;   unreachable
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 67, %"deadline exceeded.skip" ]
;;   %29 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %30 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %31 = sub i64 %29, %30
;;   store i64 %31, ptr %store, align 4
;;   %32 = getelementptr i8, ptr %vmctx, i64 16
;;   %33 = load ptr, ptr %32, align 8, !invariant.load !0
;;   %34 = load ptr, ptr %33, align 8, !invariant.load !0
;;   call void %34(ptr %vmctx, i32 10, i32 %site6) #3
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 67, %entry ]
;;   %35 = phi i64 [ %fuel1, %entry ]
;;   %36 = phi i64 [ 0, %entry ]
;;   %37 = sub i64 %35, %36
;;   store i64 %37, ptr %store, align 4
;;   %38 = getelementptr i8, ptr %vmctx, i64 16
;;   %39 = load ptr, ptr %38, align 8, !invariant.load !0
;;   %40 = load ptr, ptr %39, align 8, !invariant.load !0
;;   call void %40(ptr %vmctx, i32 11, i32 %site) #3
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   %site4 = phi i32 [ 67, %stack.check.failed ]
;;   %41 = phi i64 [ %fuel5, %stack.check.failed ]
;;   %42 = phi i64 [ 0, %stack.check.failed ]
;;   %43 = sub i64 %41, %42
;;   store i64 %43, ptr %store, align 4
;;   %44 = getelementptr i8, ptr %vmctx, i64 16
;;   %45 = load ptr, ptr %44, align 8, !invariant.load !0
;;   %46 = load ptr, ptr %45, align 8, !invariant.load !0
;;   call void %46(ptr %vmctx, i32 12, i32 %site4) #3
;;   unreachable
;; }
;;
;; ; Function Attrs: nocallback nofree nosync nounwind willreturn
;; declare ptr @llvm.stacksave.p0() #1
;;
;; ; Function Attrs: nounwind
;; define internal i64 @wasm_f1(ptr %vmctx, i64 %0, i32 %1, i32 %2) #0 {
;; entry:
;;   %3 = alloca i32, align 4
;;   store i32 %1, ptr %3, align 4
;;   %4 = alloca i32, align 4
;;   store i32 %2, ptr %4, align 4
;;   %5 = getelementptr i8, ptr %vmctx, i64 8
;;   %memory = load ptr, ptr %5, align 8, !invariant.load !0
;;   %memory.base = load ptr, ptr %memory, align 8, !invariant.load !0
;;   %memory.size.slot = alloca i64, align 8
;;   %6 = getelementptr i8, ptr %memory, i64 8
;;   %memory.size = load i64, ptr %6, align 4
;;   store i64 %memory.size, ptr %memory.size.slot, align 4
;;   %store = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %fuel.slot = alloca i64, align 8
;;   store i64 %0, ptr %fuel.slot, align 4
;;   %7 = load i64, ptr %fuel.slot, align 4
;;   %fuel = sub i64 %7, 1
;;   store i64 %fuel, ptr %fuel.slot, align 4
;;   %8 = load i64, ptr %fuel.slot, align 4
;;   %9 = icmp slt i64 %8, 0
;;   %fuel1 = load i64, ptr %fuel.slot, align 4
;;   br i1 %9, label %"out of fuel", label %"out of fuel.skip", !prof !1
;;
;; return:                                           ; preds = %"out of bounds memory access.skip"
;;   %fuel12 = load i64, ptr %fuel.slot, align 4
;;   ret i64 %fuel12
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
;;   %14 = load i32, ptr %3, align 4
;;   %15 = load i32, ptr %4, align 4
;;   %16 = trunc i32 %15 to i8
;;   %17 = zext i32 %14 to i64
;;   %18 = add nuw i64 %17, 4294967295
;;   %19 = add nuw i64 %18, 1
;;   %memory.size8 = load i64, ptr %memory.size.slot, align 4
;;   %20 = icmp ugt i64 %19, %memory.size8
;;   %fuel10 = load i64, ptr %fuel.slot, align 4
;;   br i1 %20, label %"out of bounds memory access", label %"out of bounds memory access.skip", !prof !1
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br label %"call stack exhausted"
;;
;; "out of bounds memory access.skip":               ; preds = %stack.check.ok
;;   %21 = getelementptr inbounds i8, ptr %memory.base, i64 %18
;;   store i8 %16, ptr %21, align 1
;;   %22 = load i64, ptr %fuel.slot, align 4
;;   %fuel11 = sub i64 %22, 3
;;   store i64 %fuel11, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "out of bounds memory access":                    ; preds = %stack.check.ok
;;   %site9 = phi i32 [ 81, %stack.check.ok ]
;;   %23 = phi i64 [ %fuel10, %stack.check.ok ]
;;   %24 = phi i64 [ 3, %stack.check.ok ]
;;   %25 = sub i64 %23, %24
;;   store i64 %25, ptr %store, align 4
;;   %26 = getelementptr i8, ptr %vmctx, i64 16
;;   %27 = load ptr, ptr %26, align 8, !invariant.load !0
;;   %28 = load ptr, ptr %27, align 8, !invariant.load !0
;;   call void %28(ptr %vmctx, i32 5, i32 %site9) #3
;;   unreachable
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 75, %"deadline exceeded.skip" ]
;;   %29 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %30 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %31 = sub i64 %29, %30
;;   store i64 %31, ptr %store, align 4
;;   %32 = getelementptr i8, ptr %vmctx, i64 16
;;   %33 = load ptr, ptr %32, align 8, !invariant.load !0
;;   %34 = load ptr, ptr %33, align 8, !invariant.load !0
;;   call void %34(ptr %vmctx, i32 10, i32 %site6) #3
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 75, %entry ]
;;   %35 = phi i64 [ %fuel1, %entry ]
;;   %36 = phi i64 [ 0, %entry ]
;;   %37 = sub i64 %35, %36
;;   store i64 %37, ptr %store, align 4
;;   %38 = getelementptr i8, ptr %vmctx, i64 16
;;   %39 = load ptr, ptr %38, align 8, !invariant.load !0
;;   %40 = load ptr, ptr %39, align 8, !invariant.load !0
;;   call void %40(ptr %vmctx, i32 11, i32 %site) #3
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   %site4 = phi i32 [ 75, %stack.check.failed ]
;;   %41 = phi i64 [ %fuel5, %stack.check.failed ]
;;   %42 = phi i64 [ 0, %stack.check.failed ]
;;   %43 = sub i64 %41, %42
;;   store i64 %43, ptr %store, align 4
;;   %44 = getelementptr i8, ptr %vmctx, i64 16
;;   %45 = load ptr, ptr %44, align 8, !invariant.load !0
;;   %46 = load ptr, ptr %45, align 8, !invariant.load !0
;;   call void %46(ptr %vmctx, i32 12, i32 %site4) #3
;;   unreachable
;; }
;;
;; ; Function Attrs: nounwind
;; define internal i64 @wasm_f2(ptr %vmctx, i64 %0, i32 %1) #0 {
;; entry:
;;   %2 = alloca i32, align 4
;;   store i32 %1, ptr %2, align 4
;;   %3 = getelementptr i8, ptr %vmctx, i64 8
;;   %memory = load ptr, ptr %3, align 8, !invariant.load !0
;;   %memory.base = load ptr, ptr %memory, align 8, !invariant.load !0
;;   %memory.size.slot = alloca i64, align 8
;;   %4 = getelementptr i8, ptr %memory, i64 8
;;   %memory.size = load i64, ptr %4, align 4
;;   store i64 %memory.size, ptr %memory.size.slot, align 4
;;   %store = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %fuel.slot = alloca i64, align 8
;;   store i64 %0, ptr %fuel.slot, align 4
;;   %5 = load i64, ptr %fuel.slot, align 4
;;   %fuel = sub i64 %5, 1
;;   store i64 %fuel, ptr %fuel.slot, align 4
;;   %6 = load i64, ptr %fuel.slot, align 4
;;   %7 = icmp slt i64 %6, 0
;;   %fuel1 = load i64, ptr %fuel.slot, align 4
;;   br i1 %7, label %"out of fuel", label %"out of fuel.skip", !prof !1
;;
;; return:                                           ; preds = %"out of bounds memory access.skip"
;;   %fuel12 = load i64, ptr %fuel.slot, align 4
;;   ret i64 %fuel12
;;
;; "out of fuel.skip":                               ; preds = %entry
;;   %store2 = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %store3 = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %8 = getelementptr i8, ptr %store3, i64 8
;;   %stack.limit = load atomic i64, ptr %8 monotonic, align 8
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %9 = ptrtoint ptr %sp to i64
;;   %10 = icmp ult i64 %9, %stack.limit
;;   br i1 %10, label %stack.check.failed, label %stack.check.ok, !prof !1
;;
;; stack.check.failed:                               ; preds = %"out of fuel.skip"
;;   %11 = icmp eq i64 %stack.limit, -1
;;   %fuel5 = load i64, ptr %fuel.slot, align 4
;;   br i1 %11, label %"deadline exceeded", label %"deadline exceeded.skip", !prof !1
;;
;; stack.check.ok:                                   ; preds = %"out of fuel.skip"
;;   %12 = load i32, ptr %2, align 4
;;   %13 = zext i32 %12 to i64
;;   %14 = add nuw i64 %13, 8
;;   %memory.size8 = load i64, ptr %memory.size.slot, align 4
;;   %15 = icmp ugt i64 %14, %memory.size8
;;   %fuel10 = load i64, ptr %fuel.slot, align 4
;;   br i1 %15, label %"out of bounds memory access", label %"out of bounds memory access.skip", !prof !1
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br label %"call stack exhausted"
;;
;; "out of bounds memory access.skip":               ; preds = %stack.check.ok
;;   %16 = getelementptr inbounds i8, ptr %memory.base, i64 %13
;;   %17 = load i64, ptr %16, align 1
;;   %18 = load i64, ptr %fuel.slot, align 4
;;   %fuel11 = sub i64 %18, 2
;;   store i64 %fuel11, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "out of bounds memory access":                    ; preds = %stack.check.ok
;;   %site9 = phi i32 [ 93, %stack.check.ok ]
;;   %19 = phi i64 [ %fuel10, %stack.check.ok ]
;;   %20 = phi i64 [ 2, %stack.check.ok ]
;;   %21 = sub i64 %19, %20
;;   store i64 %21, ptr %store, align 4
;;   %22 = getelementptr i8, ptr %vmctx, i64 16
;;   %23 = load ptr, ptr %22, align 8, !invariant.load !0
;;   %24 = load ptr, ptr %23, align 8, !invariant.load !0
;;   call void %24(ptr %vmctx, i32 5, i32 %site9) #3
;;   unreachable
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 89, %"deadline exceeded.skip" ]
;;   %25 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %26 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %27 = sub i64 %25, %26
;;   store i64 %27, ptr %store, align 4
;;   %28 = getelementptr i8, ptr %vmctx, i64 16
;;   %29 = load ptr, ptr %28, align 8, !invariant.load !0
;;   %30 = load ptr, ptr %29, align 8, !invariant.load !0
;;   call void %30(ptr %vmctx, i32 10, i32 %site6) #3
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 89, %entry ]
;;   %31 = phi i64 [ %fuel1, %entry ]
;;   %32 = phi i64 [ 0, %entry ]
;;   %33 = sub i64 %31, %32
;;   store i64 %33, ptr %store, align 4
;;   %34 = getelementptr i8, ptr %vmctx, i64 16
;;   %35 = load ptr, ptr %34, align 8, !invariant.load !0
;;   %36 = load ptr, ptr %35, align 8, !invariant.load !0
;;   call void %36(ptr %vmctx, i32 11, i32 %site) #3
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   %site4 = phi i32 [ 89, %stack.check.failed ]
;;   %37 = phi i64 [ %fuel5, %stack.check.failed ]
;;   %38 = phi i64 [ 0, %stack.check.failed ]
;;   %39 = sub i64 %37, %38
;;   store i64 %39, ptr %store, align 4
;;   %40 = getelementptr i8, ptr %vmctx, i64 16
;;   %41 = load ptr, ptr %40, align 8, !invariant.load !0
;;   %42 = load ptr, ptr %41, align 8, !invariant.load !0
;;   call void %42(ptr %vmctx, i32 12, i32 %site4) #3
;;   unreachable
;; }
;;
;; ; Function Attrs: nounwind
;; define internal i32 @wasm_host_f0(ptr %0, i32 %1) #0 {
;; entry:
;;   %2 = getelementptr i8, ptr %0, i64 0
;;   %store = load ptr, ptr %2, align 8
;;   %3 = getelementptr i8, ptr %store, i64 0
;;   %fuel = load i64, ptr %3, align 4
;;   %4 = call { i32, i64 } @wasm_f0(ptr %0, i64 %fuel, i32 %1)
;;   %5 = extractvalue { i32, i64 } %4, 0
;;   %6 = extractvalue { i32, i64 } %4, 1
;;   %7 = getelementptr i8, ptr %0, i64 0
;;   %store1 = load ptr, ptr %7, align 8
;;   %8 = getelementptr i8, ptr %store1, i64 0
;;   store i64 %6, ptr %8, align 4
;;   ret i32 %5
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry0(ptr %0, ptr %1) #2 {
;; entry:
;;   %2 = getelementptr i64, ptr %1, i64 0
;;   %3 = load i32, ptr %2, align 4
;;   %4 = call i32 @wasm_host_f0(ptr %0, i32 %3)
;;   %5 = getelementptr i64, ptr %1, i64 0
;;   store i32 %4, ptr %5, align 4
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_host_f1(ptr %0, i32 %1, i32 %2) #0 {
;; entry:
;;   %3 = getelementptr i8, ptr %0, i64 0
;;   %store = load ptr, ptr %3, align 8
;;   %4 = getelementptr i8, ptr %store, i64 0
;;   %fuel = load i64, ptr %4, align 4
;;   %5 = call i64 @wasm_f1(ptr %0, i64 %fuel, i32 %1, i32 %2)
;;   %6 = getelementptr i8, ptr %0, i64 0
;;   %store1 = load ptr, ptr %6, align 8
;;   %7 = getelementptr i8, ptr %store1, i64 0
;;   store i64 %5, ptr %7, align 4
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
;;   call void @wasm_host_f1(ptr %0, i32 %3, i32 %5)
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_host_f2(ptr %0, i32 %1) #0 {
;; entry:
;;   %2 = getelementptr i8, ptr %0, i64 0
;;   %store = load ptr, ptr %2, align 8
;;   %3 = getelementptr i8, ptr %store, i64 0
;;   %fuel = load i64, ptr %3, align 4
;;   %4 = call i64 @wasm_f2(ptr %0, i64 %fuel, i32 %1)
;;   %5 = getelementptr i8, ptr %0, i64 0
;;   %store1 = load ptr, ptr %5, align 8
;;   %6 = getelementptr i8, ptr %store1, i64 0
;;   store i64 %4, ptr %6, align 4
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry2(ptr %0, ptr %1) #2 {
;; entry:
;;   %2 = getelementptr i64, ptr %1, i64 0
;;   %3 = load i32, ptr %2, align 4
;;   call void @wasm_host_f2(ptr %0, i32 %3)
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
