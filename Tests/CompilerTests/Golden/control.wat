;;! opt-level = 0
;; Multi-value blocks and loops carry their values in phis; br_table targets with values get
;; edge blocks; dead code after br is not emitted.
(module
  (func (export "swap") (param i32 i32) (result i32 i32)
    (local.get 1) (local.get 0))
  (func (export "pick") (param i32) (result i32)
    (block $b (result i32)
      (block $a (result i32)
        (i32.const 10)
        (br_table $a $b $a (local.get 0)))
      (i32.const 1)
      (i32.add))
    (return)
    (i32.const 99)))

;; ---- expected IR ----
;; @wasm_skeleton = private constant [45 x i8] c"\00asm\01\00\00\00\01\0D\02`\02\7F\7F\02\7F\7F`\01\7F\01\7F\03\03\02\00\01\07\0F\02\04swap\00\00\04pick\00\01"
;; @wasm_functions = private constant [2 x ptr] [ptr @wasm_host_f0, ptr @wasm_host_f1], align 8
;; @wasm_entries = private constant [2 x ptr] [ptr @wasm_entry0, ptr @wasm_entry1], align 8
;; @wasm_body_offsets = private constant [2 x i32] [i32 48, i32 55], align 8
;; @midimon_module_descriptor = constant { i64, i64, ptr, i64, i64, ptr, ptr, ptr, i64, i64, ptr } { i64 94099835581647181, i64 3, ptr @wasm_skeleton, i64 45, i64 2, ptr @wasm_functions, ptr @wasm_entries, ptr null, i64 88, i64 1, ptr @wasm_body_offsets }, align 8
;;
;; ; Function Attrs: nounwind
;; define internal { i32, i32, i64 } @wasm_f0(ptr %vmctx, i64 %0, i32 %1, i32 %2) #0 {
;; entry:
;;   %3 = alloca i32, align 4
;;   store i32 %1, ptr %3, align 4
;;   %4 = alloca i32, align 4
;;   store i32 %2, ptr %4, align 4
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
;; return:                                           ; preds = %stack.check.ok
;;   %8 = phi i32 [ %17, %stack.check.ok ]
;;   %9 = phi i32 [ %18, %stack.check.ok ]
;;   %fuel9 = load i64, ptr %fuel.slot, align 4
;;   %10 = insertvalue { i32, i32, i64 } undef, i32 %8, 0
;;   %11 = insertvalue { i32, i32, i64 } %10, i32 %9, 1
;;   %12 = insertvalue { i32, i32, i64 } %11, i64 %fuel9, 2
;;   ret { i32, i32, i64 } %12
;;
;; "out of fuel.skip":                               ; preds = %entry
;;   %store2 = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %store3 = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %13 = getelementptr i8, ptr %store3, i64 8
;;   %stack.limit = load atomic i64, ptr %13 monotonic, align 8
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %14 = ptrtoint ptr %sp to i64
;;   %15 = icmp ult i64 %14, %stack.limit
;;   br i1 %15, label %stack.check.failed, label %stack.check.ok, !prof !1
;;
;; stack.check.failed:                               ; preds = %"out of fuel.skip"
;;   %16 = icmp eq i64 %stack.limit, -1
;;   %fuel5 = load i64, ptr %fuel.slot, align 4
;;   br i1 %16, label %"deadline exceeded", label %"deadline exceeded.skip", !prof !1
;;
;; stack.check.ok:                                   ; preds = %"out of fuel.skip"
;;   %17 = load i32, ptr %4, align 4
;;   %18 = load i32, ptr %3, align 4
;;   %19 = load i64, ptr %fuel.slot, align 4
;;   %fuel8 = sub i64 %19, 2
;;   store i64 %fuel8, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br label %"call stack exhausted"
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 48, %"deadline exceeded.skip" ]
;;   %20 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %21 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %22 = sub i64 %20, %21
;;   store i64 %22, ptr %store, align 4
;;   %23 = getelementptr i8, ptr %vmctx, i64 16
;;   %24 = load ptr, ptr %23, align 8, !invariant.load !0
;;   %25 = load ptr, ptr %24, align 8, !invariant.load !0
;;   call void %25(ptr %vmctx, i32 10, i32 %site6) #3
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 48, %entry ]
;;   %26 = phi i64 [ %fuel1, %entry ]
;;   %27 = phi i64 [ 0, %entry ]
;;   %28 = sub i64 %26, %27
;;   store i64 %28, ptr %store, align 4
;;   %29 = getelementptr i8, ptr %vmctx, i64 16
;;   %30 = load ptr, ptr %29, align 8, !invariant.load !0
;;   %31 = load ptr, ptr %30, align 8, !invariant.load !0
;;   call void %31(ptr %vmctx, i32 11, i32 %site) #3
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   %site4 = phi i32 [ 48, %stack.check.failed ]
;;   %32 = phi i64 [ %fuel5, %stack.check.failed ]
;;   %33 = phi i64 [ 0, %stack.check.failed ]
;;   %34 = sub i64 %32, %33
;;   store i64 %34, ptr %store, align 4
;;   %35 = getelementptr i8, ptr %vmctx, i64 16
;;   %36 = load ptr, ptr %35, align 8, !invariant.load !0
;;   %37 = load ptr, ptr %36, align 8, !invariant.load !0
;;   call void %37(ptr %vmctx, i32 12, i32 %site4) #3
;;   unreachable
;; }
;;
;; ; Function Attrs: nocallback nofree nosync nounwind willreturn
;; declare ptr @llvm.stacksave.p0() #1
;;
;; ; Function Attrs: nounwind
;; define internal { i32, i64 } @wasm_f1(ptr %vmctx, i64 %0, i32 %1) #0 {
;; entry:
;;   %2 = alloca i32, align 4
;;   store i32 %1, ptr %2, align 4
;;   %store = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %fuel.slot = alloca i64, align 8
;;   store i64 %0, ptr %fuel.slot, align 4
;;   %3 = load i64, ptr %fuel.slot, align 4
;;   %fuel = sub i64 %3, 1
;;   store i64 %fuel, ptr %fuel.slot, align 4
;;   %4 = load i64, ptr %fuel.slot, align 4
;;   %5 = icmp slt i64 %4, 0
;;   %fuel1 = load i64, ptr %fuel.slot, align 4
;;   br i1 %5, label %"out of fuel", label %"out of fuel.skip", !prof !1
;;
;; return:                                           ; preds = %block.end
;;   %6 = phi i32 [ %15, %block.end ]
;;   %fuel12 = load i64, ptr %fuel.slot, align 4
;;   %7 = insertvalue { i32, i64 } undef, i32 %6, 0
;;   %8 = insertvalue { i32, i64 } %7, i64 %fuel12, 1
;;   ret { i32, i64 } %8
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
;;   %13 = load i32, ptr %2, align 4
;;   %14 = load i64, ptr %fuel.slot, align 4
;;   %fuel9 = sub i64 %14, 3
;;   store i64 %fuel9, ptr %fuel.slot, align 4
;;   switch i32 %13, label %br_table.edge [
;;     i32 0, label %br_table.edge
;;     i32 1, label %br_table.edge10
;;   ]
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br label %"call stack exhausted"
;;
;; block.end:                                        ; preds = %block.end8, %br_table.edge10
;;   %15 = phi i32 [ 10, %br_table.edge10 ], [ %17, %block.end8 ]
;;   br label %return
;;
;; block.end8:                                       ; preds = %br_table.edge
;;   %16 = phi i32 [ 10, %br_table.edge ]
;;   %17 = add i32 %16, 1
;;   %18 = load i64, ptr %fuel.slot, align 4
;;   %fuel11 = sub i64 %18, 2
;;   store i64 %fuel11, ptr %fuel.slot, align 4
;;   br label %block.end
;;
;; br_table.edge:                                    ; preds = %stack.check.ok, %stack.check.ok
;;   br label %block.end8
;;
;; br_table.edge10:                                  ; preds = %stack.check.ok
;;   br label %block.end
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 55, %"deadline exceeded.skip" ]
;;   %19 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %20 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %21 = sub i64 %19, %20
;;   store i64 %21, ptr %store, align 4
;;   %22 = getelementptr i8, ptr %vmctx, i64 16
;;   %23 = load ptr, ptr %22, align 8, !invariant.load !0
;;   %24 = load ptr, ptr %23, align 8, !invariant.load !0
;;   call void %24(ptr %vmctx, i32 10, i32 %site6) #3
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 55, %entry ]
;;   %25 = phi i64 [ %fuel1, %entry ]
;;   %26 = phi i64 [ 0, %entry ]
;;   %27 = sub i64 %25, %26
;;   store i64 %27, ptr %store, align 4
;;   %28 = getelementptr i8, ptr %vmctx, i64 16
;;   %29 = load ptr, ptr %28, align 8, !invariant.load !0
;;   %30 = load ptr, ptr %29, align 8, !invariant.load !0
;;   call void %30(ptr %vmctx, i32 11, i32 %site) #3
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   %site4 = phi i32 [ 55, %stack.check.failed ]
;;   %31 = phi i64 [ %fuel5, %stack.check.failed ]
;;   %32 = phi i64 [ 0, %stack.check.failed ]
;;   %33 = sub i64 %31, %32
;;   store i64 %33, ptr %store, align 4
;;   %34 = getelementptr i8, ptr %vmctx, i64 16
;;   %35 = load ptr, ptr %34, align 8, !invariant.load !0
;;   %36 = load ptr, ptr %35, align 8, !invariant.load !0
;;   call void %36(ptr %vmctx, i32 12, i32 %site4) #3
;;   unreachable
;; }
;;
;; ; Function Attrs: nounwind
;; define internal { i32, i32 } @wasm_host_f0(ptr %0, i32 %1, i32 %2) #0 {
;; entry:
;;   %3 = getelementptr i8, ptr %0, i64 0
;;   %store = load ptr, ptr %3, align 8
;;   %4 = getelementptr i8, ptr %store, i64 0
;;   %fuel = load i64, ptr %4, align 4
;;   %5 = call { i32, i32, i64 } @wasm_f0(ptr %0, i64 %fuel, i32 %1, i32 %2)
;;   %6 = extractvalue { i32, i32, i64 } %5, 0
;;   %7 = extractvalue { i32, i32, i64 } %5, 1
;;   %8 = extractvalue { i32, i32, i64 } %5, 2
;;   %9 = getelementptr i8, ptr %0, i64 0
;;   %store1 = load ptr, ptr %9, align 8
;;   %10 = getelementptr i8, ptr %store1, i64 0
;;   store i64 %8, ptr %10, align 4
;;   %11 = insertvalue { i32, i32 } undef, i32 %6, 0
;;   %12 = insertvalue { i32, i32 } %11, i32 %7, 1
;;   ret { i32, i32 } %12
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry0(ptr %0, ptr %1) #2 {
;; entry:
;;   %2 = getelementptr i64, ptr %1, i64 0
;;   %3 = load i32, ptr %2, align 4
;;   %4 = getelementptr i64, ptr %1, i64 1
;;   %5 = load i32, ptr %4, align 4
;;   %6 = call { i32, i32 } @wasm_host_f0(ptr %0, i32 %3, i32 %5)
;;   %7 = extractvalue { i32, i32 } %6, 0
;;   %8 = extractvalue { i32, i32 } %6, 1
;;   %9 = getelementptr i64, ptr %1, i64 0
;;   store i32 %7, ptr %9, align 4
;;   %10 = getelementptr i64, ptr %1, i64 1
;;   store i32 %8, ptr %10, align 4
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal i32 @wasm_host_f1(ptr %0, i32 %1) #0 {
;; entry:
;;   %2 = getelementptr i8, ptr %0, i64 0
;;   %store = load ptr, ptr %2, align 8
;;   %3 = getelementptr i8, ptr %store, i64 0
;;   %fuel = load i64, ptr %3, align 4
;;   %4 = call { i32, i64 } @wasm_f1(ptr %0, i64 %fuel, i32 %1)
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
;; define internal void @wasm_entry1(ptr %0, ptr %1) #2 {
;; entry:
;;   %2 = getelementptr i64, ptr %1, i64 0
;;   %3 = load i32, ptr %2, align 4
;;   %4 = call i32 @wasm_host_f1(ptr %0, i32 %3)
;;   %5 = getelementptr i64, ptr %1, i64 0
;;   store i32 %4, ptr %5, align 4
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
