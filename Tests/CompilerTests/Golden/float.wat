;;! opt-level = 0
;; min/max are llvm.minimum/maximum (NaN-propagating, -0 < +0); nearest is roundeven;
;; trapping conversions check NaN first, then the open range; saturating ones use the
;; .sat intrinsics.
(module
  (func (export "min") (param f32 f32) (result f32) (f32.min (local.get 0) (local.get 1)))
  (func (export "nearest") (param f64) (result f64) (f64.nearest (local.get 0)))
  (func (export "trunc") (param f32) (result i32) (i32.trunc_f32_s (local.get 0)))
  (func (export "trunc_sat") (param f64) (result i64) (i64.trunc_sat_f64_u (local.get 0)))
  (func (export "nan") (result f32) (f32.const nan:0x200000)))

;; ---- expected IR ----
;; @wasm_skeleton = private constant [89 x i8] c"\00asm\01\00\00\00\01\1A\05`\02}}\01}`\01|\01|`\01}\01\7F`\01|\01~`\00\01}\03\06\05\00\01\02\03\04\07+\05\03min\00\00\07nearest\00\01\05trunc\00\02\09trunc_sat\00\03\03nan\00\04"
;; @wasm_functions = private constant [5 x ptr] [ptr @wasm_f0, ptr @wasm_f1, ptr @wasm_f2, ptr @wasm_f3, ptr @wasm_f4], align 8
;; @wasm_entries = private constant [5 x ptr] [ptr @wasm_entry0, ptr @wasm_entry1, ptr @wasm_entry2, ptr @wasm_entry3, ptr @wasm_entry4], align 8
;; @wasm_body_offsets = private constant [5 x i32] [i32 92, i32 100, i32 106, i32 112, i32 119], align 8
;; @midimon_module_descriptor = constant { i64, i64, ptr, i64, i64, ptr, ptr, ptr, i64, i64, ptr } { i64 94099835581647181, i64 2, ptr @wasm_skeleton, i64 89, i64 5, ptr @wasm_functions, ptr @wasm_entries, ptr null, i64 176, i64 1, ptr @wasm_body_offsets }, align 8
;;
;; ; Function Attrs: nounwind
;; define internal float @wasm_f0(ptr %vmctx, float %0, float %1) #0 {
;; entry:
;;   %2 = alloca float, align 4
;;   store float %0, ptr %2, align 4
;;   %3 = alloca float, align 4
;;   store float %1, ptr %3, align 4
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
;; return:                                           ; preds = %stack.check.ok
;;   %8 = phi float [ %21, %stack.check.ok ]
;;   %9 = load i64, ptr %fuel.slot, align 4
;;   store i64 %9, ptr %store, align 4
;;   ret float %8
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
;;   %14 = load float, ptr %2, align 4
;;   %15 = load float, ptr %3, align 4
;;   %16 = call float @llvm.minimum.f32(float %14, float %15)
;;   %17 = bitcast float %16 to i32
;;   %18 = or i32 %17, 4194304
;;   %19 = bitcast i32 %18 to float
;;   %20 = fcmp uno float %16, %16
;;   %21 = select i1 %20, float %19, float %16
;;   %22 = load i64, ptr %fuel.slot, align 4
;;   %fuel8 = sub i64 %22, 3
;;   store i64 %fuel8, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br label %"call stack exhausted"
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 92, %"deadline exceeded.skip" ]
;;   %23 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %24 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %25 = sub i64 %23, %24
;;   store i64 %25, ptr %store, align 4
;;   %26 = getelementptr i8, ptr %vmctx, i64 16
;;   %27 = load ptr, ptr %26, align 8, !invariant.load !0
;;   %28 = load ptr, ptr %27, align 8, !invariant.load !0
;;   call void %28(ptr %vmctx, i32 10, i32 %site6) #4
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 92, %entry ]
;;   %29 = phi i64 [ %fuel1, %entry ]
;;   %30 = phi i64 [ 0, %entry ]
;;   %31 = sub i64 %29, %30
;;   store i64 %31, ptr %store, align 4
;;   %32 = getelementptr i8, ptr %vmctx, i64 16
;;   %33 = load ptr, ptr %32, align 8, !invariant.load !0
;;   %34 = load ptr, ptr %33, align 8, !invariant.load !0
;;   call void %34(ptr %vmctx, i32 11, i32 %site) #4
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   %site4 = phi i32 [ 92, %stack.check.failed ]
;;   %35 = phi i64 [ %fuel5, %stack.check.failed ]
;;   %36 = phi i64 [ 0, %stack.check.failed ]
;;   %37 = sub i64 %35, %36
;;   store i64 %37, ptr %store, align 4
;;   %38 = getelementptr i8, ptr %vmctx, i64 16
;;   %39 = load ptr, ptr %38, align 8, !invariant.load !0
;;   %40 = load ptr, ptr %39, align 8, !invariant.load !0
;;   call void %40(ptr %vmctx, i32 12, i32 %site4) #4
;;   unreachable
;; }
;;
;; ; Function Attrs: nocallback nofree nosync nounwind willreturn
;; declare ptr @llvm.stacksave.p0() #1
;;
;; ; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
;; declare float @llvm.minimum.f32(float, float) #2
;;
;; ; Function Attrs: nounwind
;; define internal double @wasm_f1(ptr %vmctx, double %0) #0 {
;; entry:
;;   %1 = alloca double, align 8
;;   store double %0, ptr %1, align 8
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
;;   %6 = phi double [ %13, %stack.check.ok ]
;;   %7 = load i64, ptr %fuel.slot, align 4
;;   store i64 %7, ptr %store, align 4
;;   ret double %6
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
;;   %12 = load double, ptr %1, align 8
;;   %13 = call double @llvm.roundeven.f64(double %12)
;;   %14 = load i64, ptr %fuel.slot, align 4
;;   %fuel8 = sub i64 %14, 2
;;   store i64 %fuel8, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br label %"call stack exhausted"
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 100, %"deadline exceeded.skip" ]
;;   %15 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %16 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %17 = sub i64 %15, %16
;;   store i64 %17, ptr %store, align 4
;;   %18 = getelementptr i8, ptr %vmctx, i64 16
;;   %19 = load ptr, ptr %18, align 8, !invariant.load !0
;;   %20 = load ptr, ptr %19, align 8, !invariant.load !0
;;   call void %20(ptr %vmctx, i32 10, i32 %site6) #4
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 100, %entry ]
;;   %21 = phi i64 [ %fuel1, %entry ]
;;   %22 = phi i64 [ 0, %entry ]
;;   %23 = sub i64 %21, %22
;;   store i64 %23, ptr %store, align 4
;;   %24 = getelementptr i8, ptr %vmctx, i64 16
;;   %25 = load ptr, ptr %24, align 8, !invariant.load !0
;;   %26 = load ptr, ptr %25, align 8, !invariant.load !0
;;   call void %26(ptr %vmctx, i32 11, i32 %site) #4
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   %site4 = phi i32 [ 100, %stack.check.failed ]
;;   %27 = phi i64 [ %fuel5, %stack.check.failed ]
;;   %28 = phi i64 [ 0, %stack.check.failed ]
;;   %29 = sub i64 %27, %28
;;   store i64 %29, ptr %store, align 4
;;   %30 = getelementptr i8, ptr %vmctx, i64 16
;;   %31 = load ptr, ptr %30, align 8, !invariant.load !0
;;   %32 = load ptr, ptr %31, align 8, !invariant.load !0
;;   call void %32(ptr %vmctx, i32 12, i32 %site4) #4
;;   unreachable
;; }
;;
;; ; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
;; declare double @llvm.roundeven.f64(double) #2
;;
;; ; Function Attrs: nounwind
;; define internal i32 @wasm_f2(ptr %vmctx, float %0) #0 {
;; entry:
;;   %1 = alloca float, align 4
;;   store float %0, ptr %1, align 4
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
;; return:                                           ; preds = %"integer overflow.skip"
;;   %6 = phi i32 [ %18, %"integer overflow.skip" ]
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
;;   %12 = load float, ptr %1, align 4
;;   %13 = fcmp uno float %12, %12
;;   %fuel9 = load i64, ptr %fuel.slot, align 4
;;   br i1 %13, label %"invalid conversion to integer", label %"invalid conversion to integer.skip", !prof !1
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br label %"call stack exhausted"
;;
;; "invalid conversion to integer.skip":             ; preds = %stack.check.ok
;;   %14 = fcmp ogt float %12, 0xC1E0000020000000
;;   %15 = fcmp olt float %12, 0x41E0000000000000
;;   %16 = and i1 %14, %15
;;   %17 = xor i1 %16, true
;;   %fuel11 = load i64, ptr %fuel.slot, align 4
;;   br i1 %17, label %"integer overflow", label %"integer overflow.skip", !prof !1
;;
;; "integer overflow.skip":                          ; preds = %"invalid conversion to integer.skip"
;;   %18 = fptosi float %12 to i32
;;   %19 = load i64, ptr %fuel.slot, align 4
;;   %fuel12 = sub i64 %19, 2
;;   store i64 %fuel12, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "integer overflow":                               ; preds = %"invalid conversion to integer.skip"
;;   %site10 = phi i32 [ 110, %"invalid conversion to integer.skip" ]
;;   %20 = phi i64 [ %fuel11, %"invalid conversion to integer.skip" ]
;;   %21 = phi i64 [ 2, %"invalid conversion to integer.skip" ]
;;   %22 = sub i64 %20, %21
;;   store i64 %22, ptr %store, align 4
;;   %23 = getelementptr i8, ptr %vmctx, i64 16
;;   %24 = load ptr, ptr %23, align 8, !invariant.load !0
;;   %25 = load ptr, ptr %24, align 8, !invariant.load !0
;;   call void %25(ptr %vmctx, i32 3, i32 %site10) #4
;;   unreachable
;;
;; "invalid conversion to integer":                  ; preds = %stack.check.ok
;;   %site8 = phi i32 [ 110, %stack.check.ok ]
;;   %26 = phi i64 [ %fuel9, %stack.check.ok ]
;;   %27 = phi i64 [ 2, %stack.check.ok ]
;;   %28 = sub i64 %26, %27
;;   store i64 %28, ptr %store, align 4
;;   %29 = getelementptr i8, ptr %vmctx, i64 16
;;   %30 = load ptr, ptr %29, align 8, !invariant.load !0
;;   %31 = load ptr, ptr %30, align 8, !invariant.load !0
;;   call void %31(ptr %vmctx, i32 4, i32 %site8) #4
;;   unreachable
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 106, %"deadline exceeded.skip" ]
;;   %32 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %33 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %34 = sub i64 %32, %33
;;   store i64 %34, ptr %store, align 4
;;   %35 = getelementptr i8, ptr %vmctx, i64 16
;;   %36 = load ptr, ptr %35, align 8, !invariant.load !0
;;   %37 = load ptr, ptr %36, align 8, !invariant.load !0
;;   call void %37(ptr %vmctx, i32 10, i32 %site6) #4
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 106, %entry ]
;;   %38 = phi i64 [ %fuel1, %entry ]
;;   %39 = phi i64 [ 0, %entry ]
;;   %40 = sub i64 %38, %39
;;   store i64 %40, ptr %store, align 4
;;   %41 = getelementptr i8, ptr %vmctx, i64 16
;;   %42 = load ptr, ptr %41, align 8, !invariant.load !0
;;   %43 = load ptr, ptr %42, align 8, !invariant.load !0
;;   call void %43(ptr %vmctx, i32 11, i32 %site) #4
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   %site4 = phi i32 [ 106, %stack.check.failed ]
;;   %44 = phi i64 [ %fuel5, %stack.check.failed ]
;;   %45 = phi i64 [ 0, %stack.check.failed ]
;;   %46 = sub i64 %44, %45
;;   store i64 %46, ptr %store, align 4
;;   %47 = getelementptr i8, ptr %vmctx, i64 16
;;   %48 = load ptr, ptr %47, align 8, !invariant.load !0
;;   %49 = load ptr, ptr %48, align 8, !invariant.load !0
;;   call void %49(ptr %vmctx, i32 12, i32 %site4) #4
;;   unreachable
;; }
;;
;; ; Function Attrs: nounwind
;; define internal i64 @wasm_f3(ptr %vmctx, double %0) #0 {
;; entry:
;;   %1 = alloca double, align 8
;;   store double %0, ptr %1, align 8
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
;;   %6 = phi i64 [ %13, %stack.check.ok ]
;;   %7 = load i64, ptr %fuel.slot, align 4
;;   store i64 %7, ptr %store, align 4
;;   ret i64 %6
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
;;   %12 = load double, ptr %1, align 8
;;   %13 = call i64 @llvm.fptoui.sat.i64.f64(double %12)
;;   %14 = load i64, ptr %fuel.slot, align 4
;;   %fuel8 = sub i64 %14, 2
;;   store i64 %fuel8, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br label %"call stack exhausted"
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 112, %"deadline exceeded.skip" ]
;;   %15 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %16 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %17 = sub i64 %15, %16
;;   store i64 %17, ptr %store, align 4
;;   %18 = getelementptr i8, ptr %vmctx, i64 16
;;   %19 = load ptr, ptr %18, align 8, !invariant.load !0
;;   %20 = load ptr, ptr %19, align 8, !invariant.load !0
;;   call void %20(ptr %vmctx, i32 10, i32 %site6) #4
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 112, %entry ]
;;   %21 = phi i64 [ %fuel1, %entry ]
;;   %22 = phi i64 [ 0, %entry ]
;;   %23 = sub i64 %21, %22
;;   store i64 %23, ptr %store, align 4
;;   %24 = getelementptr i8, ptr %vmctx, i64 16
;;   %25 = load ptr, ptr %24, align 8, !invariant.load !0
;;   %26 = load ptr, ptr %25, align 8, !invariant.load !0
;;   call void %26(ptr %vmctx, i32 11, i32 %site) #4
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   %site4 = phi i32 [ 112, %stack.check.failed ]
;;   %27 = phi i64 [ %fuel5, %stack.check.failed ]
;;   %28 = phi i64 [ 0, %stack.check.failed ]
;;   %29 = sub i64 %27, %28
;;   store i64 %29, ptr %store, align 4
;;   %30 = getelementptr i8, ptr %vmctx, i64 16
;;   %31 = load ptr, ptr %30, align 8, !invariant.load !0
;;   %32 = load ptr, ptr %31, align 8, !invariant.load !0
;;   call void %32(ptr %vmctx, i32 12, i32 %site4) #4
;;   unreachable
;; }
;;
;; ; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
;; declare i64 @llvm.fptoui.sat.i64.f64(double) #2
;;
;; ; Function Attrs: nounwind
;; define internal float @wasm_f4(ptr %vmctx) #0 {
;; entry:
;;   %store = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %fuel.slot = alloca i64, align 8
;;   %0 = load i64, ptr %store, align 4
;;   store i64 %0, ptr %fuel.slot, align 4
;;   %1 = load i64, ptr %fuel.slot, align 4
;;   %fuel = sub i64 %1, 1
;;   store i64 %fuel, ptr %fuel.slot, align 4
;;   %2 = load i64, ptr %fuel.slot, align 4
;;   %3 = icmp slt i64 %2, 0
;;   %fuel1 = load i64, ptr %fuel.slot, align 4
;;   br i1 %3, label %"out of fuel", label %"out of fuel.skip", !prof !1
;;
;; return:                                           ; preds = %stack.check.ok
;;   %4 = phi float [ 0x7FF4000000000000, %stack.check.ok ]
;;   %5 = load i64, ptr %fuel.slot, align 4
;;   store i64 %5, ptr %store, align 4
;;   ret float %4
;;
;; "out of fuel.skip":                               ; preds = %entry
;;   %store2 = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %store3 = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %6 = getelementptr i8, ptr %store3, i64 8
;;   %stack.limit = load atomic i64, ptr %6 monotonic, align 8
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %7 = ptrtoint ptr %sp to i64
;;   %8 = icmp ult i64 %7, %stack.limit
;;   br i1 %8, label %stack.check.failed, label %stack.check.ok, !prof !1
;;
;; stack.check.failed:                               ; preds = %"out of fuel.skip"
;;   %9 = icmp eq i64 %stack.limit, -1
;;   %fuel5 = load i64, ptr %fuel.slot, align 4
;;   br i1 %9, label %"deadline exceeded", label %"deadline exceeded.skip", !prof !1
;;
;; stack.check.ok:                                   ; preds = %"out of fuel.skip"
;;   %10 = load i64, ptr %fuel.slot, align 4
;;   %fuel8 = sub i64 %10, 1
;;   store i64 %fuel8, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br label %"call stack exhausted"
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 119, %"deadline exceeded.skip" ]
;;   %11 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %12 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %13 = sub i64 %11, %12
;;   store i64 %13, ptr %store, align 4
;;   %14 = getelementptr i8, ptr %vmctx, i64 16
;;   %15 = load ptr, ptr %14, align 8, !invariant.load !0
;;   %16 = load ptr, ptr %15, align 8, !invariant.load !0
;;   call void %16(ptr %vmctx, i32 10, i32 %site6) #4
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 119, %entry ]
;;   %17 = phi i64 [ %fuel1, %entry ]
;;   %18 = phi i64 [ 0, %entry ]
;;   %19 = sub i64 %17, %18
;;   store i64 %19, ptr %store, align 4
;;   %20 = getelementptr i8, ptr %vmctx, i64 16
;;   %21 = load ptr, ptr %20, align 8, !invariant.load !0
;;   %22 = load ptr, ptr %21, align 8, !invariant.load !0
;;   call void %22(ptr %vmctx, i32 11, i32 %site) #4
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   %site4 = phi i32 [ 119, %stack.check.failed ]
;;   %23 = phi i64 [ %fuel5, %stack.check.failed ]
;;   %24 = phi i64 [ 0, %stack.check.failed ]
;;   %25 = sub i64 %23, %24
;;   store i64 %25, ptr %store, align 4
;;   %26 = getelementptr i8, ptr %vmctx, i64 16
;;   %27 = load ptr, ptr %26, align 8, !invariant.load !0
;;   %28 = load ptr, ptr %27, align 8, !invariant.load !0
;;   call void %28(ptr %vmctx, i32 12, i32 %site4) #4
;;   unreachable
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry0(ptr %0, ptr %1) #3 {
;; entry:
;;   %2 = getelementptr i64, ptr %1, i64 0
;;   %3 = load float, ptr %2, align 4
;;   %4 = getelementptr i64, ptr %1, i64 1
;;   %5 = load float, ptr %4, align 4
;;   %6 = call float @wasm_f0(ptr %0, float %3, float %5)
;;   %7 = getelementptr i64, ptr %1, i64 0
;;   store float %6, ptr %7, align 4
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry1(ptr %0, ptr %1) #3 {
;; entry:
;;   %2 = getelementptr i64, ptr %1, i64 0
;;   %3 = load double, ptr %2, align 8
;;   %4 = call double @wasm_f1(ptr %0, double %3)
;;   %5 = getelementptr i64, ptr %1, i64 0
;;   store double %4, ptr %5, align 8
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry2(ptr %0, ptr %1) #3 {
;; entry:
;;   %2 = getelementptr i64, ptr %1, i64 0
;;   %3 = load float, ptr %2, align 4
;;   %4 = call i32 @wasm_f2(ptr %0, float %3)
;;   %5 = getelementptr i64, ptr %1, i64 0
;;   store i32 %4, ptr %5, align 4
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry3(ptr %0, ptr %1) #3 {
;; entry:
;;   %2 = getelementptr i64, ptr %1, i64 0
;;   %3 = load double, ptr %2, align 8
;;   %4 = call i64 @wasm_f3(ptr %0, double %3)
;;   %5 = getelementptr i64, ptr %1, i64 0
;;   store i64 %4, ptr %5, align 4
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry4(ptr %0, ptr %1) #3 {
;; entry:
;;   %2 = call float @wasm_f4(ptr %0)
;;   %3 = getelementptr i64, ptr %1, i64 0
;;   store float %2, ptr %3, align 4
;;   ret void
;; }
;;
;; attributes #0 = { nounwind "disable-tail-calls"="true" "probe-stack"="inline-asm" }
;; attributes #1 = { nocallback nofree nosync nounwind willreturn }
;; attributes #2 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }
;; attributes #3 = { nounwind }
;; attributes #4 = { cold noreturn }
;;
;; !0 = !{}
;; !1 = !{!"branch_weights", i32 1, i32 2000}
