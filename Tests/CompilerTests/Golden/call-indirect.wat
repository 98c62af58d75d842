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
;; @wasm_functions = private constant [2 x ptr] [ptr @wasm_host_f0, ptr @wasm_host_f1], align 8
;; @wasm_entries = private constant [2 x ptr] [ptr @wasm_entry0, ptr @wasm_entry1], align 8
;; @wasm_body_offsets = private constant [2 x i32] [i32 55, i32 60], align 8
;; @midimon_module_descriptor = constant { i64, i64, ptr, i64, i64, ptr, ptr, ptr, i64, i64, ptr } { i64 94099835581647181, i64 3, ptr @wasm_skeleton, i64 52, i64 2, ptr @wasm_functions, ptr @wasm_entries, ptr null, i64 96, i64 1, ptr @wasm_body_offsets }, align 8
;;
;; ; Function Attrs: nounwind
;; define internal { i32, i64 } @wasm_f0(ptr %vmctx, i64 %0, i32 %1) #0 {
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
;; return:                                           ; preds = %stack.check.ok
;;   %6 = phi i32 [ %13, %stack.check.ok ]
;;   %fuel9 = load i64, ptr %fuel.slot, align 4
;;   %7 = insertvalue { i32, i64 } undef, i32 %6, 0
;;   %8 = insertvalue { i32, i64 } %7, i64 %fuel9, 1
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
;;   %fuel8 = sub i64 %14, 1
;;   store i64 %fuel8, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br label %"call stack exhausted"
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 55, %"deadline exceeded.skip" ]
;;   %15 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %16 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %17 = sub i64 %15, %16
;;   store i64 %17, ptr %store, align 4
;;   %18 = getelementptr i8, ptr %vmctx, i64 16
;;   %19 = load ptr, ptr %18, align 8, !invariant.load !0
;;   %20 = load ptr, ptr %19, align 8, !invariant.load !0
;;   call void %20(ptr %vmctx, i32 10, i32 %site6) #3
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 55, %entry ]
;;   %21 = phi i64 [ %fuel1, %entry ]
;;   %22 = phi i64 [ 0, %entry ]
;;   %23 = sub i64 %21, %22
;;   store i64 %23, ptr %store, align 4
;;   %24 = getelementptr i8, ptr %vmctx, i64 16
;;   %25 = load ptr, ptr %24, align 8, !invariant.load !0
;;   %26 = load ptr, ptr %25, align 8, !invariant.load !0
;;   call void %26(ptr %vmctx, i32 11, i32 %site) #3
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   %site4 = phi i32 [ 55, %stack.check.failed ]
;;   %27 = phi i64 [ %fuel5, %stack.check.failed ]
;;   %28 = phi i64 [ 0, %stack.check.failed ]
;;   %29 = sub i64 %27, %28
;;   store i64 %29, ptr %store, align 4
;;   %30 = getelementptr i8, ptr %vmctx, i64 16
;;   %31 = load ptr, ptr %30, align 8, !invariant.load !0
;;   %32 = load ptr, ptr %31, align 8, !invariant.load !0
;;   call void %32(ptr %vmctx, i32 12, i32 %site4) #3
;;   unreachable
;; }
;;
;; ; Function Attrs: nocallback nofree nosync nounwind willreturn
;; declare ptr @llvm.stacksave.p0() #1
;;
;; ; Function Attrs: nounwind
;; define internal { i32, i64 } @wasm_f1(ptr %vmctx, i64 %0, i32 %1, i32 %2) #0 {
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
;; return:                                           ; preds = %"indirect call type mismatch.skip"
;;   %8 = phi i32 [ %31, %"indirect call type mismatch.skip" ]
;;   %fuel15 = load i64, ptr %fuel.slot, align 4
;;   %9 = insertvalue { i32, i64 } undef, i32 %8, 0
;;   %10 = insertvalue { i32, i64 } %9, i64 %fuel15, 1
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
;;   %15 = load i32, ptr %3, align 4
;;   %16 = load i32, ptr %4, align 4
;;   %17 = load i64, ptr %fuel.slot, align 4
;;   %fuel8 = sub i64 %17, 3
;;   store i64 %fuel8, ptr %fuel.slot, align 4
;;   %18 = getelementptr i8, ptr %vmctx, i64 40
;;   %table = load ptr, ptr %18, align 8, !invariant.load !0
;;   %19 = zext i32 %16 to i64
;;   %20 = getelementptr i8, ptr %table, i64 8
;;   %table.size = load i64, ptr %20, align 4
;;   %21 = icmp uge i64 %19, %table.size
;;   %fuel10 = load i64, ptr %fuel.slot, align 4
;;   br i1 %21, label %"undefined element", label %"undefined element.skip", !prof !1
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br label %"call stack exhausted"
;;
;; "undefined element.skip":                         ; preds = %stack.check.ok
;;   %table.elements = load ptr, ptr %table, align 8
;;   %22 = getelementptr ptr, ptr %table.elements, i64 %19
;;   %funcref = load ptr, ptr %22, align 8
;;   %23 = icmp eq ptr %funcref, null
;;   %fuel12 = load i64, ptr %fuel.slot, align 4
;;   br i1 %23, label %"uninitialized element", label %"uninitialized element.skip", !prof !1
;;
;; "uninitialized element.skip":                     ; preds = %"undefined element.skip"
;;   %24 = getelementptr i8, ptr %funcref, i64 8
;;   %type.actual = load i32, ptr %24, align 4
;;   %25 = getelementptr i8, ptr %vmctx, i64 32
;;   %type.expected = load i32, ptr %25, align 4, !invariant.load !0
;;   %26 = icmp ne i32 %type.actual, %type.expected
;;   %fuel14 = load i64, ptr %fuel.slot, align 4
;;   br i1 %26, label %"indirect call type mismatch", label %"indirect call type mismatch.skip", !prof !1
;;
;; "indirect call type mismatch.skip":               ; preds = %"uninitialized element.skip"
;;   %27 = load ptr, ptr %funcref, align 8
;;   %28 = getelementptr i8, ptr %funcref, i64 16
;;   %29 = load ptr, ptr %28, align 8
;;   %30 = load i64, ptr %fuel.slot, align 4
;;   store i64 %30, ptr %store, align 4
;;   %31 = call i32 %27(ptr %29, i32 %15)
;;   %32 = load i64, ptr %store, align 4
;;   store i64 %32, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "undefined element":                              ; preds = %stack.check.ok
;;   %site9 = phi i32 [ 66, %stack.check.ok ]
;;   %33 = phi i64 [ %fuel10, %stack.check.ok ]
;;   %34 = phi i64 [ 0, %stack.check.ok ]
;;   %35 = sub i64 %33, %34
;;   store i64 %35, ptr %store, align 4
;;   %36 = getelementptr i8, ptr %vmctx, i64 16
;;   %37 = load ptr, ptr %36, align 8, !invariant.load !0
;;   %38 = load ptr, ptr %37, align 8, !invariant.load !0
;;   call void %38(ptr %vmctx, i32 7, i32 %site9) #3
;;   unreachable
;;
;; "uninitialized element":                          ; preds = %"undefined element.skip"
;;   %site11 = phi i32 [ 66, %"undefined element.skip" ]
;;   %39 = phi i64 [ %fuel12, %"undefined element.skip" ]
;;   %40 = phi i64 [ 0, %"undefined element.skip" ]
;;   %41 = sub i64 %39, %40
;;   store i64 %41, ptr %store, align 4
;;   %42 = getelementptr i8, ptr %vmctx, i64 16
;;   %43 = load ptr, ptr %42, align 8, !invariant.load !0
;;   %44 = load ptr, ptr %43, align 8, !invariant.load !0
;;   call void %44(ptr %vmctx, i32 8, i32 %site11) #3
;;   unreachable
;;
;; "indirect call type mismatch":                    ; preds = %"uninitialized element.skip"
;;   %site13 = phi i32 [ 66, %"uninitialized element.skip" ]
;;   %45 = phi i64 [ %fuel14, %"uninitialized element.skip" ]
;;   %46 = phi i64 [ 0, %"uninitialized element.skip" ]
;;   %47 = sub i64 %45, %46
;;   store i64 %47, ptr %store, align 4
;;   %48 = getelementptr i8, ptr %vmctx, i64 16
;;   %49 = load ptr, ptr %48, align 8, !invariant.load !0
;;   %50 = load ptr, ptr %49, align 8, !invariant.load !0
;;   call void %50(ptr %vmctx, i32 9, i32 %site13) #3
;;   unreachable
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 60, %"deadline exceeded.skip" ]
;;   %51 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %52 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %53 = sub i64 %51, %52
;;   store i64 %53, ptr %store, align 4
;;   %54 = getelementptr i8, ptr %vmctx, i64 16
;;   %55 = load ptr, ptr %54, align 8, !invariant.load !0
;;   %56 = load ptr, ptr %55, align 8, !invariant.load !0
;;   call void %56(ptr %vmctx, i32 10, i32 %site6) #3
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 60, %entry ]
;;   %57 = phi i64 [ %fuel1, %entry ]
;;   %58 = phi i64 [ 0, %entry ]
;;   %59 = sub i64 %57, %58
;;   store i64 %59, ptr %store, align 4
;;   %60 = getelementptr i8, ptr %vmctx, i64 16
;;   %61 = load ptr, ptr %60, align 8, !invariant.load !0
;;   %62 = load ptr, ptr %61, align 8, !invariant.load !0
;;   call void %62(ptr %vmctx, i32 11, i32 %site) #3
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   %site4 = phi i32 [ 60, %stack.check.failed ]
;;   %63 = phi i64 [ %fuel5, %stack.check.failed ]
;;   %64 = phi i64 [ 0, %stack.check.failed ]
;;   %65 = sub i64 %63, %64
;;   store i64 %65, ptr %store, align 4
;;   %66 = getelementptr i8, ptr %vmctx, i64 16
;;   %67 = load ptr, ptr %66, align 8, !invariant.load !0
;;   %68 = load ptr, ptr %67, align 8, !invariant.load !0
;;   call void %68(ptr %vmctx, i32 12, i32 %site4) #3
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
;; define internal i32 @wasm_host_f1(ptr %0, i32 %1, i32 %2) #0 {
;; entry:
;;   %3 = getelementptr i8, ptr %0, i64 0
;;   %store = load ptr, ptr %3, align 8
;;   %4 = getelementptr i8, ptr %store, i64 0
;;   %fuel = load i64, ptr %4, align 4
;;   %5 = call { i32, i64 } @wasm_f1(ptr %0, i64 %fuel, i32 %1, i32 %2)
;;   %6 = extractvalue { i32, i64 } %5, 0
;;   %7 = extractvalue { i32, i64 } %5, 1
;;   %8 = getelementptr i8, ptr %0, i64 0
;;   %store1 = load ptr, ptr %8, align 8
;;   %9 = getelementptr i8, ptr %store1, i64 0
;;   store i64 %7, ptr %9, align 4
;;   ret i32 %6
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry1(ptr %0, ptr %1) #2 {
;; entry:
;;   %2 = getelementptr i64, ptr %1, i64 0
;;   %3 = load i32, ptr %2, align 4
;;   %4 = getelementptr i64, ptr %1, i64 1
;;   %5 = load i32, ptr %4, align 4
;;   %6 = call i32 @wasm_host_f1(ptr %0, i32 %3, i32 %5)
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
