;;! opt-level = 0
;; call_indirect: undefined element (index >= size), uninitialized element (null), then the
;; canonical type id comparison; the callee gets its own vmctx.
(module
  (type $t (func (param i32) (result i32)))
  (table 2 funcref)
  (func $f (type $t) (local.get 0))
  (elem (i32.const 0) $f)
  (func (export "call") (param i32 i32) (result i32)
    (call_indirect (type $t) (local.get 0) (local.get 1))))

;; ---- expected IR ----
;; @wasm_skeleton = private constant [52 x i8] c"\00asm\01\00\00\00\01\0C\02`\01\7F\01\7F`\02\7F\7F\01\7F\03\03\02\00\01\04\04\01p\00\02\07\08\01\04call\00\01\09\07\01\00A\00\0B\01\00"
;; @wasm_functions = private constant [2 x ptr] [ptr @wasm_f0, ptr @wasm_f1], align 8
;; @wasm_entries = private constant [2 x ptr] [ptr null, ptr @wasm_entry1], align 8
;; @midimon_module_descriptor = constant { i64, i64, ptr, i64, i64, ptr, ptr, ptr, i64, i64 } { i64 94099835581647181, i64 1, ptr @wasm_skeleton, i64 52, i64 2, ptr @wasm_functions, ptr @wasm_entries, ptr null, i64 96, i64 0 }, align 8
;;
;; ; Function Attrs: nounwind
;; define internal i32 @wasm_f0(ptr %vmctx, i32 %0) #0 {
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
;; return:                                           ; preds = %"call stack exhausted.skip"
;;   %5 = phi i32 [ %6, %"call stack exhausted.skip" ]
;;   ret i32 %5
;;
;; "call stack exhausted.skip":                      ; preds = %entry
;;   %6 = load i32, ptr %1, align 4
;;   br label %return
;;
;; "call stack exhausted":                           ; preds = %entry
;;   %site = phi i32 [ 55, %entry ]
;;   %7 = getelementptr i8, ptr %vmctx, i64 16
;;   %8 = load ptr, ptr %7, align 8, !invariant.load !0
;;   %9 = load ptr, ptr %8, align 8, !invariant.load !0
;;   call void %9(ptr %vmctx, i32 10, i32 %site) #3
;;   unreachable
;; }
;;
;; ; Function Attrs: nocallback nofree nosync nounwind willreturn
;; declare ptr @llvm.stacksave.p0() #1
;;
;; ; Function Attrs: nounwind
;; define internal i32 @wasm_f1(ptr %vmctx, i32 %0, i32 %1) #0 {
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
;; return:                                           ; preds = %"indirect call type mismatch.skip"
;;   %7 = phi i32 [ %22, %"indirect call type mismatch.skip" ]
;;   ret i32 %7
;;
;; "call stack exhausted.skip":                      ; preds = %entry
;;   %8 = load i32, ptr %2, align 4
;;   %9 = load i32, ptr %3, align 4
;;   %10 = getelementptr i8, ptr %vmctx, i64 40
;;   %table = load ptr, ptr %10, align 8, !invariant.load !0
;;   %11 = zext i32 %9 to i64
;;   %12 = getelementptr i8, ptr %table, i64 8
;;   %table.size = load i64, ptr %12, align 4
;;   %13 = icmp uge i64 %11, %table.size
;;   br i1 %13, label %"undefined element", label %"undefined element.skip", !prof !1
;;
;; "undefined element.skip":                         ; preds = %"call stack exhausted.skip"
;;   %table.elements = load ptr, ptr %table, align 8
;;   %14 = getelementptr ptr, ptr %table.elements, i64 %11
;;   %funcref = load ptr, ptr %14, align 8
;;   %15 = icmp eq ptr %funcref, null
;;   br i1 %15, label %"uninitialized element", label %"uninitialized element.skip", !prof !1
;;
;; "uninitialized element.skip":                     ; preds = %"undefined element.skip"
;;   %16 = getelementptr i8, ptr %funcref, i64 8
;;   %type.actual = load i32, ptr %16, align 4
;;   %17 = getelementptr i8, ptr %vmctx, i64 32
;;   %type.expected = load i32, ptr %17, align 4, !invariant.load !0
;;   %18 = icmp ne i32 %type.actual, %type.expected
;;   br i1 %18, label %"indirect call type mismatch", label %"indirect call type mismatch.skip", !prof !1
;;
;; "indirect call type mismatch.skip":               ; preds = %"uninitialized element.skip"
;;   %19 = load ptr, ptr %funcref, align 8
;;   %20 = getelementptr i8, ptr %funcref, i64 16
;;   %21 = load ptr, ptr %20, align 8
;;   %22 = call i32 %19(ptr %21, i32 %8)
;;   br label %return
;;
;; "undefined element":                              ; preds = %"call stack exhausted.skip"
;;   %site1 = phi i32 [ 66, %"call stack exhausted.skip" ]
;;   %23 = getelementptr i8, ptr %vmctx, i64 16
;;   %24 = load ptr, ptr %23, align 8, !invariant.load !0
;;   %25 = load ptr, ptr %24, align 8, !invariant.load !0
;;   call void %25(ptr %vmctx, i32 7, i32 %site1) #3
;;   unreachable
;;
;; "uninitialized element":                          ; preds = %"undefined element.skip"
;;   %site2 = phi i32 [ 66, %"undefined element.skip" ]
;;   %26 = getelementptr i8, ptr %vmctx, i64 16
;;   %27 = load ptr, ptr %26, align 8, !invariant.load !0
;;   %28 = load ptr, ptr %27, align 8, !invariant.load !0
;;   call void %28(ptr %vmctx, i32 8, i32 %site2) #3
;;   unreachable
;;
;; "indirect call type mismatch":                    ; preds = %"uninitialized element.skip"
;;   %site3 = phi i32 [ 66, %"uninitialized element.skip" ]
;;   %29 = getelementptr i8, ptr %vmctx, i64 16
;;   %30 = load ptr, ptr %29, align 8, !invariant.load !0
;;   %31 = load ptr, ptr %30, align 8, !invariant.load !0
;;   call void %31(ptr %vmctx, i32 9, i32 %site3) #3
;;   unreachable
;;
;; "call stack exhausted":                           ; preds = %entry
;;   %site = phi i32 [ 60, %entry ]
;;   %32 = getelementptr i8, ptr %vmctx, i64 16
;;   %33 = load ptr, ptr %32, align 8, !invariant.load !0
;;   %34 = load ptr, ptr %33, align 8, !invariant.load !0
;;   call void %34(ptr %vmctx, i32 10, i32 %site) #3
;;   unreachable
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry1(ptr %0, ptr %1) #2 {
;; entry:
;;   %2 = getelementptr i64, ptr %1, i64 0
;;   %3 = load i32, ptr %2, align 4
;;   %4 = getelementptr i64, ptr %1, i64 1
;;   %5 = load i32, ptr %4, align 4
;;   %6 = call i32 @wasm_f1(ptr %0, i32 %3, i32 %5)
;;   %7 = getelementptr i64, ptr %1, i64 0
;;   store i32 %6, ptr %7, align 4
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
