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
;; @wasm_functions = private constant [2 x ptr] [ptr @wasm_f0, ptr @wasm_f1], align 8
;; @wasm_entries = private constant [2 x ptr] [ptr @wasm_entry0, ptr @wasm_entry1], align 8
;; @midimon_module_descriptor = constant { i64, i64, ptr, i64, i64, ptr, ptr, ptr, i64, i64 } { i64 94099835581647181, i64 1, ptr @wasm_skeleton, i64 45, i64 2, ptr @wasm_functions, ptr @wasm_entries, ptr null, i64 88, i64 0 }, align 8
;;
;; ; Function Attrs: nounwind
;; define internal { i32, i32 } @wasm_f0(ptr %vmctx, i32 %0, i32 %1) #0 {
;; entry:
;;   %2 = alloca i32, align 4
;;   store i32 %0, ptr %2, align 4
;;   %3 = alloca i32, align 4
;;   store i32 %1, ptr %3, align 4
;;   %store = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %4 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit = load i64, ptr %4, align 4
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %5 = ptrtoint ptr %sp to i64
;;   %6 = icmp ult i64 %5, %stack.limit
;;   br i1 %6, label %"call stack exhausted", label %"call stack exhausted.skip", !prof !1
;;
;; return:                                           ; preds = %"call stack exhausted.skip"
;;   %7 = phi i32 [ %11, %"call stack exhausted.skip" ]
;;   %8 = phi i32 [ %12, %"call stack exhausted.skip" ]
;;   %9 = insertvalue { i32, i32 } undef, i32 %7, 0
;;   %10 = insertvalue { i32, i32 } %9, i32 %8, 1
;;   ret { i32, i32 } %10
;;
;; "call stack exhausted.skip":                      ; preds = %entry
;;   %11 = load i32, ptr %3, align 4
;;   %12 = load i32, ptr %2, align 4
;;   br label %return
;;
;; "call stack exhausted":                           ; preds = %entry
;;   %site = phi i32 [ 48, %entry ]
;;   %13 = getelementptr i8, ptr %vmctx, i64 16
;;   %14 = load ptr, ptr %13, align 8, !invariant.load !0
;;   %15 = load ptr, ptr %14, align 8, !invariant.load !0
;;   call void %15(ptr %vmctx, i32 10, i32 %site) #3
;;   unreachable
;; }
;;
;; ; Function Attrs: nocallback nofree nosync nounwind willreturn
;; declare ptr @llvm.stacksave.p0() #1
;;
;; ; Function Attrs: nounwind
;; define internal i32 @wasm_f1(ptr %vmctx, i32 %0) #0 {
;; entry:
;;   %1 = alloca i32, align 4
;;   store i32 %0, ptr %1, align 4
;;   %store = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %2 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit = load i64, ptr %2, align 4
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %3 = ptrtoint ptr %sp to i64
;;   %4 = icmp ult i64 %3, %stack.limit
;;   br i1 %4, label %"call stack exhausted", label %"call stack exhausted.skip", !prof !1
;;
;; return:                                           ; preds = %block.end
;;   %5 = phi i32 [ %7, %block.end ]
;;   ret i32 %5
;;
;; "call stack exhausted.skip":                      ; preds = %entry
;;   %6 = load i32, ptr %1, align 4
;;   switch i32 %6, label %br_table.edge [
;;     i32 0, label %br_table.edge
;;     i32 1, label %br_table.edge2
;;   ]
;;
;; block.end:                                        ; preds = %block.end1, %br_table.edge2
;;   %7 = phi i32 [ 10, %br_table.edge2 ], [ %9, %block.end1 ]
;;   br label %return
;;
;; block.end1:                                       ; preds = %br_table.edge
;;   %8 = phi i32 [ 10, %br_table.edge ]
;;   %9 = add i32 %8, 1
;;   br label %block.end
;;
;; br_table.edge:                                    ; preds = %"call stack exhausted.skip", %"call stack exhausted.skip"
;;   br label %block.end1
;;
;; br_table.edge2:                                   ; preds = %"call stack exhausted.skip"
;;   br label %block.end
;;
;; "call stack exhausted":                           ; preds = %entry
;;   %site = phi i32 [ 55, %entry ]
;;   %10 = getelementptr i8, ptr %vmctx, i64 16
;;   %11 = load ptr, ptr %10, align 8, !invariant.load !0
;;   %12 = load ptr, ptr %11, align 8, !invariant.load !0
;;   call void %12(ptr %vmctx, i32 10, i32 %site) #3
;;   unreachable
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry0(ptr %0, ptr %1) #2 {
;; entry:
;;   %2 = getelementptr i64, ptr %1, i64 0
;;   %3 = load i32, ptr %2, align 4
;;   %4 = getelementptr i64, ptr %1, i64 1
;;   %5 = load i32, ptr %4, align 4
;;   %6 = call { i32, i32 } @wasm_f0(ptr %0, i32 %3, i32 %5)
;;   %7 = extractvalue { i32, i32 } %6, 0
;;   %8 = getelementptr i64, ptr %1, i64 0
;;   store i32 %7, ptr %8, align 4
;;   %9 = extractvalue { i32, i32 } %6, 1
;;   %10 = getelementptr i64, ptr %1, i64 1
;;   store i32 %9, ptr %10, align 4
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry1(ptr %0, ptr %1) #2 {
;; entry:
;;   %2 = getelementptr i64, ptr %1, i64 0
;;   %3 = load i32, ptr %2, align 4
;;   %4 = call i32 @wasm_f1(ptr %0, i32 %3)
;;   %5 = getelementptr i64, ptr %1, i64 0
;;   store i32 %4, ptr %5, align 4
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
