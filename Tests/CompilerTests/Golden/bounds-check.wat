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
;;   %8 = phi i32 [ %21, %"out of bounds memory access.skip" ]
;;   %9 = load i64, ptr %fuel.slot, align 4
;;   store i64 %9, ptr %store, align 4
;;   ret i32 %8
;;
;; "out of fuel.skip":                               ; preds = %entry
;;   %store2 = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %10 = getelementptr i8, ptr %store2, i64 16
;;   %interrupt = load atomic i64, ptr %10 monotonic, align 8
;;   %11 = icmp ne i64 %interrupt, 0
;;   %fuel4 = load i64, ptr %fuel.slot, align 4
;;   br i1 %11, label %"deadline exceeded", label %"deadline exceeded.skip", !prof !1
;;
;; "deadline exceeded.skip":                         ; preds = %"out of fuel.skip"
;;   %store5 = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %12 = getelementptr i8, ptr %store5, i64 8
;;   %stack.limit = load i64, ptr %12, align 4
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %13 = ptrtoint ptr %sp to i64
;;   %14 = icmp ult i64 %13, %stack.limit
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br i1 %14, label %"call stack exhausted", label %"call stack exhausted.skip", !prof !1
;;
;; "call stack exhausted.skip":                      ; preds = %"deadline exceeded.skip"
;;   %15 = load i32, ptr %1, align 4
;;   %16 = zext i32 %15 to i64
;;   %17 = add nuw i64 %16, 16
;;   %18 = add nuw i64 %17, 4
;;   %memory.size8 = load i64, ptr %memory.size.slot, align 4
;;   %19 = icmp ugt i64 %18, %memory.size8
;;   %fuel10 = load i64, ptr %fuel.slot, align 4
;;   br i1 %19, label %"out of bounds memory access", label %"out of bounds memory access.skip", !prof !1
;;
;; "out of bounds memory access.skip":               ; preds = %"call stack exhausted.skip"
;;   %20 = getelementptr inbounds i8, ptr %memory.base, i64 %17
;;   %21 = load i32, ptr %20, align 1
;;   %22 = load i64, ptr %fuel.slot, align 4
;;   %fuel11 = sub i64 %22, 2
;;   store i64 %fuel11, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "out of bounds memory access":                    ; preds = %"call stack exhausted.skip"
;;   %site9 = phi i32 [ 71, %"call stack exhausted.skip" ]
;;   %23 = phi i64 [ %fuel10, %"call stack exhausted.skip" ]
;;   %24 = phi i64 [ 2, %"call stack exhausted.skip" ]
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
;; "deadline exceeded":                              ; preds = %"out of fuel.skip"
;;   %site3 = phi i32 [ 67, %"out of fuel.skip" ]
;;   %41 = phi i64 [ %fuel4, %"out of fuel.skip" ]
;;   %42 = phi i64 [ 0, %"out of fuel.skip" ]
;;   %43 = sub i64 %41, %42
;;   store i64 %43, ptr %store, align 4
;;   %44 = getelementptr i8, ptr %vmctx, i64 16
;;   %45 = load ptr, ptr %44, align 8, !invariant.load !0
;;   %46 = load ptr, ptr %45, align 8, !invariant.load !0
;;   call void %46(ptr %vmctx, i32 12, i32 %site3) #3
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
;;   %11 = getelementptr i8, ptr %store2, i64 16
;;   %interrupt = load atomic i64, ptr %11 monotonic, align 8
;;   %12 = icmp ne i64 %interrupt, 0
;;   %fuel4 = load i64, ptr %fuel.slot, align 4
;;   br i1 %12, label %"deadline exceeded", label %"deadline exceeded.skip", !prof !1
;;
;; "deadline exceeded.skip":                         ; preds = %"out of fuel.skip"
;;   %store5 = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %13 = getelementptr i8, ptr %store5, i64 8
;;   %stack.limit = load i64, ptr %13, align 4
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %14 = ptrtoint ptr %sp to i64
;;   %15 = icmp ult i64 %14, %stack.limit
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br i1 %15, label %"call stack exhausted", label %"call stack exhausted.skip", !prof !1
;;
;; "call stack exhausted.skip":                      ; preds = %"deadline exceeded.skip"
;;   %16 = load i32, ptr %2, align 4
;;   %17 = load i32, ptr %3, align 4
;;   %18 = trunc i32 %17 to i8
;;   %19 = zext i32 %16 to i64
;;   %20 = add nuw i64 %19, 4294967295
;;   %21 = add nuw i64 %20, 1
;;   %memory.size8 = load i64, ptr %memory.size.slot, align 4
;;   %22 = icmp ugt i64 %21, %memory.size8
;;   %fuel10 = load i64, ptr %fuel.slot, align 4
;;   br i1 %22, label %"out of bounds memory access", label %"out of bounds memory access.skip", !prof !1
;;
;; "out of bounds memory access.skip":               ; preds = %"call stack exhausted.skip"
;;   %23 = getelementptr inbounds i8, ptr %memory.base, i64 %20
;;   store i8 %18, ptr %23, align 1
;;   %24 = load i64, ptr %fuel.slot, align 4
;;   %fuel11 = sub i64 %24, 3
;;   store i64 %fuel11, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "out of bounds memory access":                    ; preds = %"call stack exhausted.skip"
;;   %site9 = phi i32 [ 81, %"call stack exhausted.skip" ]
;;   %25 = phi i64 [ %fuel10, %"call stack exhausted.skip" ]
;;   %26 = phi i64 [ 3, %"call stack exhausted.skip" ]
;;   %27 = sub i64 %25, %26
;;   store i64 %27, ptr %store, align 4
;;   %28 = getelementptr i8, ptr %vmctx, i64 16
;;   %29 = load ptr, ptr %28, align 8, !invariant.load !0
;;   %30 = load ptr, ptr %29, align 8, !invariant.load !0
;;   call void %30(ptr %vmctx, i32 5, i32 %site9) #3
;;   unreachable
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 75, %"deadline exceeded.skip" ]
;;   %31 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %32 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %33 = sub i64 %31, %32
;;   store i64 %33, ptr %store, align 4
;;   %34 = getelementptr i8, ptr %vmctx, i64 16
;;   %35 = load ptr, ptr %34, align 8, !invariant.load !0
;;   %36 = load ptr, ptr %35, align 8, !invariant.load !0
;;   call void %36(ptr %vmctx, i32 10, i32 %site6) #3
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 75, %entry ]
;;   %37 = phi i64 [ %fuel1, %entry ]
;;   %38 = phi i64 [ 0, %entry ]
;;   %39 = sub i64 %37, %38
;;   store i64 %39, ptr %store, align 4
;;   %40 = getelementptr i8, ptr %vmctx, i64 16
;;   %41 = load ptr, ptr %40, align 8, !invariant.load !0
;;   %42 = load ptr, ptr %41, align 8, !invariant.load !0
;;   call void %42(ptr %vmctx, i32 11, i32 %site) #3
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %"out of fuel.skip"
;;   %site3 = phi i32 [ 75, %"out of fuel.skip" ]
;;   %43 = phi i64 [ %fuel4, %"out of fuel.skip" ]
;;   %44 = phi i64 [ 0, %"out of fuel.skip" ]
;;   %45 = sub i64 %43, %44
;;   store i64 %45, ptr %store, align 4
;;   %46 = getelementptr i8, ptr %vmctx, i64 16
;;   %47 = load ptr, ptr %46, align 8, !invariant.load !0
;;   %48 = load ptr, ptr %47, align 8, !invariant.load !0
;;   call void %48(ptr %vmctx, i32 12, i32 %site3) #3
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
;;   %9 = getelementptr i8, ptr %store2, i64 16
;;   %interrupt = load atomic i64, ptr %9 monotonic, align 8
;;   %10 = icmp ne i64 %interrupt, 0
;;   %fuel4 = load i64, ptr %fuel.slot, align 4
;;   br i1 %10, label %"deadline exceeded", label %"deadline exceeded.skip", !prof !1
;;
;; "deadline exceeded.skip":                         ; preds = %"out of fuel.skip"
;;   %store5 = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %11 = getelementptr i8, ptr %store5, i64 8
;;   %stack.limit = load i64, ptr %11, align 4
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %12 = ptrtoint ptr %sp to i64
;;   %13 = icmp ult i64 %12, %stack.limit
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br i1 %13, label %"call stack exhausted", label %"call stack exhausted.skip", !prof !1
;;
;; "call stack exhausted.skip":                      ; preds = %"deadline exceeded.skip"
;;   %14 = load i32, ptr %1, align 4
;;   %15 = zext i32 %14 to i64
;;   %16 = add nuw i64 %15, 8
;;   %memory.size8 = load i64, ptr %memory.size.slot, align 4
;;   %17 = icmp ugt i64 %16, %memory.size8
;;   %fuel10 = load i64, ptr %fuel.slot, align 4
;;   br i1 %17, label %"out of bounds memory access", label %"out of bounds memory access.skip", !prof !1
;;
;; "out of bounds memory access.skip":               ; preds = %"call stack exhausted.skip"
;;   %18 = getelementptr inbounds i8, ptr %memory.base, i64 %15
;;   %19 = load i64, ptr %18, align 1
;;   %20 = load i64, ptr %fuel.slot, align 4
;;   %fuel11 = sub i64 %20, 2
;;   store i64 %fuel11, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "out of bounds memory access":                    ; preds = %"call stack exhausted.skip"
;;   %site9 = phi i32 [ 93, %"call stack exhausted.skip" ]
;;   %21 = phi i64 [ %fuel10, %"call stack exhausted.skip" ]
;;   %22 = phi i64 [ 2, %"call stack exhausted.skip" ]
;;   %23 = sub i64 %21, %22
;;   store i64 %23, ptr %store, align 4
;;   %24 = getelementptr i8, ptr %vmctx, i64 16
;;   %25 = load ptr, ptr %24, align 8, !invariant.load !0
;;   %26 = load ptr, ptr %25, align 8, !invariant.load !0
;;   call void %26(ptr %vmctx, i32 5, i32 %site9) #3
;;   unreachable
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 89, %"deadline exceeded.skip" ]
;;   %27 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %28 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %29 = sub i64 %27, %28
;;   store i64 %29, ptr %store, align 4
;;   %30 = getelementptr i8, ptr %vmctx, i64 16
;;   %31 = load ptr, ptr %30, align 8, !invariant.load !0
;;   %32 = load ptr, ptr %31, align 8, !invariant.load !0
;;   call void %32(ptr %vmctx, i32 10, i32 %site6) #3
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 89, %entry ]
;;   %33 = phi i64 [ %fuel1, %entry ]
;;   %34 = phi i64 [ 0, %entry ]
;;   %35 = sub i64 %33, %34
;;   store i64 %35, ptr %store, align 4
;;   %36 = getelementptr i8, ptr %vmctx, i64 16
;;   %37 = load ptr, ptr %36, align 8, !invariant.load !0
;;   %38 = load ptr, ptr %37, align 8, !invariant.load !0
;;   call void %38(ptr %vmctx, i32 11, i32 %site) #3
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %"out of fuel.skip"
;;   %site3 = phi i32 [ 89, %"out of fuel.skip" ]
;;   %39 = phi i64 [ %fuel4, %"out of fuel.skip" ]
;;   %40 = phi i64 [ 0, %"out of fuel.skip" ]
;;   %41 = sub i64 %39, %40
;;   store i64 %41, ptr %store, align 4
;;   %42 = getelementptr i8, ptr %vmctx, i64 16
;;   %43 = load ptr, ptr %42, align 8, !invariant.load !0
;;   %44 = load ptr, ptr %43, align 8, !invariant.load !0
;;   call void %44(ptr %vmctx, i32 12, i32 %site3) #3
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
