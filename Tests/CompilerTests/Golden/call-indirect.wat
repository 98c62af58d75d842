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
;; @wasm_entries = private constant [2 x ptr] [ptr @wasm_entry0, ptr @wasm_entry1], align 8
;; @wasm_body_offsets = private constant [2 x i32] [i32 55, i32 60], align 8
;; @midimon_module_descriptor = constant { i64, i64, ptr, i64, i64, ptr, ptr, ptr, i64, i64, ptr } { i64 94099835581647181, i64 2, ptr @wasm_skeleton, i64 52, i64 2, ptr @wasm_functions, ptr @wasm_entries, ptr null, i64 96, i64 1, ptr @wasm_body_offsets }, align 8
;;
;; ; Function Attrs: nounwind
;; define internal i32 @wasm_f0(ptr %vmctx, i32 %0) #0 {
;; entry:
;;   %1 = alloca i32, align 4
;;   store i32 %0, ptr %1, align 4
;;   %store = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %fuel.slot = alloca i64, align 8
;;   %2 = load i64, ptr %store, align 4
;;   store i64 %2, ptr %fuel.slot, align 4
;;   %3 = load i64, ptr %fuel.slot, align 4
;;   %fuel = sub i64 %3, 1
;;   store i64 %fuel, ptr %fuel.slot, align 4
;;   %4 = load i64, ptr %fuel.slot, align 4
;;   %5 = icmp slt i64 %4, 0
;;   %fuel1 = load i64, ptr %fuel.slot, align 4
;;   br i1 %5, label %"out of fuel", label %"out of fuel.skip", !prof !1
;;
;; return:                                           ; preds = %stack.check.ok
;;   %6 = phi i32 [ %12, %stack.check.ok ]
;;   %7 = load i64, ptr %fuel.slot, align 4
;;   store i64 %7, ptr %store, align 4
;;   ret i32 %6
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
;;   %12 = load i32, ptr %1, align 4
;;   %13 = load i64, ptr %fuel.slot, align 4
;;   %fuel8 = sub i64 %13, 1
;;   store i64 %fuel8, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br label %"call stack exhausted"
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 55, %"deadline exceeded.skip" ]
;;   %14 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %15 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %16 = sub i64 %14, %15
;;   store i64 %16, ptr %store, align 4
;;   %17 = getelementptr i8, ptr %vmctx, i64 16
;;   %18 = load ptr, ptr %17, align 8, !invariant.load !0
;;   %19 = load ptr, ptr %18, align 8, !invariant.load !0
;;   call void %19(ptr %vmctx, i32 10, i32 %site6) #3
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 55, %entry ]
;;   %20 = phi i64 [ %fuel1, %entry ]
;;   %21 = phi i64 [ 0, %entry ]
;;   %22 = sub i64 %20, %21
;;   store i64 %22, ptr %store, align 4
;;   %23 = getelementptr i8, ptr %vmctx, i64 16
;;   %24 = load ptr, ptr %23, align 8, !invariant.load !0
;;   %25 = load ptr, ptr %24, align 8, !invariant.load !0
;;   call void %25(ptr %vmctx, i32 11, i32 %site) #3
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   %site4 = phi i32 [ 55, %stack.check.failed ]
;;   %26 = phi i64 [ %fuel5, %stack.check.failed ]
;;   %27 = phi i64 [ 0, %stack.check.failed ]
;;   %28 = sub i64 %26, %27
;;   store i64 %28, ptr %store, align 4
;;   %29 = getelementptr i8, ptr %vmctx, i64 16
;;   %30 = load ptr, ptr %29, align 8, !invariant.load !0
;;   %31 = load ptr, ptr %30, align 8, !invariant.load !0
;;   call void %31(ptr %vmctx, i32 12, i32 %site4) #3
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
;; return:                                           ; preds = %"indirect call type mismatch.skip"
;;   %8 = phi i32 [ %30, %"indirect call type mismatch.skip" ]
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
;;   %14 = load i32, ptr %2, align 4
;;   %15 = load i32, ptr %3, align 4
;;   %16 = load i64, ptr %fuel.slot, align 4
;;   %fuel8 = sub i64 %16, 3
;;   store i64 %fuel8, ptr %fuel.slot, align 4
;;   %17 = getelementptr i8, ptr %vmctx, i64 40
;;   %table = load ptr, ptr %17, align 8, !invariant.load !0
;;   %18 = zext i32 %15 to i64
;;   %19 = getelementptr i8, ptr %table, i64 8
;;   %table.size = load i64, ptr %19, align 4
;;   %20 = icmp uge i64 %18, %table.size
;;   %fuel10 = load i64, ptr %fuel.slot, align 4
;;   br i1 %20, label %"undefined element", label %"undefined element.skip", !prof !1
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br label %"call stack exhausted"
;;
;; "undefined element.skip":                         ; preds = %stack.check.ok
;;   %table.elements = load ptr, ptr %table, align 8
;;   %21 = getelementptr ptr, ptr %table.elements, i64 %18
;;   %funcref = load ptr, ptr %21, align 8
;;   %22 = icmp eq ptr %funcref, null
;;   %fuel12 = load i64, ptr %fuel.slot, align 4
;;   br i1 %22, label %"uninitialized element", label %"uninitialized element.skip", !prof !1
;;
;; "uninitialized element.skip":                     ; preds = %"undefined element.skip"
;;   %23 = getelementptr i8, ptr %funcref, i64 8
;;   %type.actual = load i32, ptr %23, align 4
;;   %24 = getelementptr i8, ptr %vmctx, i64 32
;;   %type.expected = load i32, ptr %24, align 4, !invariant.load !0
;;   %25 = icmp ne i32 %type.actual, %type.expected
;;   %fuel14 = load i64, ptr %fuel.slot, align 4
;;   br i1 %25, label %"indirect call type mismatch", label %"indirect call type mismatch.skip", !prof !1
;;
;; "indirect call type mismatch.skip":               ; preds = %"uninitialized element.skip"
;;   %26 = load ptr, ptr %funcref, align 8
;;   %27 = getelementptr i8, ptr %funcref, i64 16
;;   %28 = load ptr, ptr %27, align 8
;;   %29 = load i64, ptr %fuel.slot, align 4
;;   store i64 %29, ptr %store, align 4
;;   %30 = call i32 %26(ptr %28, i32 %14)
;;   %31 = load i64, ptr %store, align 4
;;   store i64 %31, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "undefined element":                              ; preds = %stack.check.ok
;;   %site9 = phi i32 [ 66, %stack.check.ok ]
;;   %32 = phi i64 [ %fuel10, %stack.check.ok ]
;;   %33 = phi i64 [ 0, %stack.check.ok ]
;;   %34 = sub i64 %32, %33
;;   store i64 %34, ptr %store, align 4
;;   %35 = getelementptr i8, ptr %vmctx, i64 16
;;   %36 = load ptr, ptr %35, align 8, !invariant.load !0
;;   %37 = load ptr, ptr %36, align 8, !invariant.load !0
;;   call void %37(ptr %vmctx, i32 7, i32 %site9) #3
;;   unreachable
;;
;; "uninitialized element":                          ; preds = %"undefined element.skip"
;;   %site11 = phi i32 [ 66, %"undefined element.skip" ]
;;   %38 = phi i64 [ %fuel12, %"undefined element.skip" ]
;;   %39 = phi i64 [ 0, %"undefined element.skip" ]
;;   %40 = sub i64 %38, %39
;;   store i64 %40, ptr %store, align 4
;;   %41 = getelementptr i8, ptr %vmctx, i64 16
;;   %42 = load ptr, ptr %41, align 8, !invariant.load !0
;;   %43 = load ptr, ptr %42, align 8, !invariant.load !0
;;   call void %43(ptr %vmctx, i32 8, i32 %site11) #3
;;   unreachable
;;
;; "indirect call type mismatch":                    ; preds = %"uninitialized element.skip"
;;   %site13 = phi i32 [ 66, %"uninitialized element.skip" ]
;;   %44 = phi i64 [ %fuel14, %"uninitialized element.skip" ]
;;   %45 = phi i64 [ 0, %"uninitialized element.skip" ]
;;   %46 = sub i64 %44, %45
;;   store i64 %46, ptr %store, align 4
;;   %47 = getelementptr i8, ptr %vmctx, i64 16
;;   %48 = load ptr, ptr %47, align 8, !invariant.load !0
;;   %49 = load ptr, ptr %48, align 8, !invariant.load !0
;;   call void %49(ptr %vmctx, i32 9, i32 %site13) #3
;;   unreachable
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 60, %"deadline exceeded.skip" ]
;;   %50 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %51 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %52 = sub i64 %50, %51
;;   store i64 %52, ptr %store, align 4
;;   %53 = getelementptr i8, ptr %vmctx, i64 16
;;   %54 = load ptr, ptr %53, align 8, !invariant.load !0
;;   %55 = load ptr, ptr %54, align 8, !invariant.load !0
;;   call void %55(ptr %vmctx, i32 10, i32 %site6) #3
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 60, %entry ]
;;   %56 = phi i64 [ %fuel1, %entry ]
;;   %57 = phi i64 [ 0, %entry ]
;;   %58 = sub i64 %56, %57
;;   store i64 %58, ptr %store, align 4
;;   %59 = getelementptr i8, ptr %vmctx, i64 16
;;   %60 = load ptr, ptr %59, align 8, !invariant.load !0
;;   %61 = load ptr, ptr %60, align 8, !invariant.load !0
;;   call void %61(ptr %vmctx, i32 11, i32 %site) #3
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   %site4 = phi i32 [ 60, %stack.check.failed ]
;;   %62 = phi i64 [ %fuel5, %stack.check.failed ]
;;   %63 = phi i64 [ 0, %stack.check.failed ]
;;   %64 = sub i64 %62, %63
;;   store i64 %64, ptr %store, align 4
;;   %65 = getelementptr i8, ptr %vmctx, i64 16
;;   %66 = load ptr, ptr %65, align 8, !invariant.load !0
;;   %67 = load ptr, ptr %66, align 8, !invariant.load !0
;;   call void %67(ptr %vmctx, i32 12, i32 %site4) #3
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
;;   %6 = call i32 @wasm_f1(ptr %0, i32 %3, i32 %5)
;;   %7 = getelementptr i64, ptr %1, i64 0
;;   store i32 %6, ptr %7, align 4
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
