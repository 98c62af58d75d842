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
;; @wasm_functions = private constant [5 x ptr] [ptr @wasm_host_f0, ptr @wasm_host_f1, ptr @wasm_host_f2, ptr @wasm_host_f3, ptr @wasm_host_f4], align 8
;; @wasm_entries = private constant [5 x ptr] [ptr @wasm_entry0, ptr @wasm_entry1, ptr @wasm_entry2, ptr @wasm_entry3, ptr @wasm_entry4], align 8
;; @wasm_body_offsets = private constant [5 x i32] [i32 92, i32 100, i32 106, i32 112, i32 119], align 8
;; @midimon_module_descriptor = constant { i64, i64, ptr, i64, i64, ptr, ptr, ptr, i64, i64, ptr } { i64 94099835581647181, i64 3, ptr @wasm_skeleton, i64 89, i64 5, ptr @wasm_functions, ptr @wasm_entries, ptr null, i64 176, i64 1, ptr @wasm_body_offsets }, align 8
;;
;; ; Function Attrs: nounwind
;; define internal { float, i64 } @wasm_f0(ptr %vmctx, i64 %0, float %1, float %2) #0 {
;; entry:
;;   %3 = alloca float, align 4
;;   store float %1, ptr %3, align 4
;;   %4 = alloca float, align 4
;;   store float %2, ptr %4, align 4
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
;;   %8 = phi float [ %22, %stack.check.ok ]
;;   %fuel9 = load i64, ptr %fuel.slot, align 4
;;   %9 = insertvalue { float, i64 } undef, float %8, 0
;;   %10 = insertvalue { float, i64 } %9, i64 %fuel9, 1
;;   ret { float, i64 } %10
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
;;   %15 = load float, ptr %3, align 4
;;   %16 = load float, ptr %4, align 4
;;   %17 = call float @llvm.minimum.f32(float %15, float %16)
;;   %18 = bitcast float %17 to i32
;;   %19 = or i32 %18, 4194304
;;   %20 = bitcast i32 %19 to float
;;   %21 = fcmp uno float %17, %17
;;   %22 = select i1 %21, float %20, float %17
;;   %23 = load i64, ptr %fuel.slot, align 4
;;   %fuel8 = sub i64 %23, 3
;;   store i64 %fuel8, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br label %"call stack exhausted"
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 92, %"deadline exceeded.skip" ]
;;   %24 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %25 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %26 = sub i64 %24, %25
;;   store i64 %26, ptr %store, align 4
;;   %27 = getelementptr i8, ptr %vmctx, i64 16
;;   %28 = load ptr, ptr %27, align 8, !invariant.load !0
;;   %29 = load ptr, ptr %28, align 8, !invariant.load !0
;;   call void %29(ptr %vmctx, i32 10, i32 %site6) #4
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 92, %entry ]
;;   %30 = phi i64 [ %fuel1, %entry ]
;;   %31 = phi i64 [ 0, %entry ]
;;   %32 = sub i64 %30, %31
;;   store i64 %32, ptr %store, align 4
;;   %33 = getelementptr i8, ptr %vmctx, i64 16
;;   %34 = load ptr, ptr %33, align 8, !invariant.load !0
;;   %35 = load ptr, ptr %34, align 8, !invariant.load !0
;;   call void %35(ptr %vmctx, i32 11, i32 %site) #4
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   %site4 = phi i32 [ 92, %stack.check.failed ]
;;   %36 = phi i64 [ %fuel5, %stack.check.failed ]
;;   %37 = phi i64 [ 0, %stack.check.failed ]
;;   %38 = sub i64 %36, %37
;;   store i64 %38, ptr %store, align 4
;;   %39 = getelementptr i8, ptr %vmctx, i64 16
;;   %40 = load ptr, ptr %39, align 8, !invariant.load !0
;;   %41 = load ptr, ptr %40, align 8, !invariant.load !0
;;   call void %41(ptr %vmctx, i32 12, i32 %site4) #4
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
;; define internal { double, i64 } @wasm_f1(ptr %vmctx, i64 %0, double %1) #0 {
;; entry:
;;   %2 = alloca double, align 8
;;   store double %1, ptr %2, align 8
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
;;   %6 = phi double [ %14, %stack.check.ok ]
;;   %fuel9 = load i64, ptr %fuel.slot, align 4
;;   %7 = insertvalue { double, i64 } undef, double %6, 0
;;   %8 = insertvalue { double, i64 } %7, i64 %fuel9, 1
;;   ret { double, i64 } %8
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
;;   %13 = load double, ptr %2, align 8
;;   %14 = call double @llvm.roundeven.f64(double %13)
;;   %15 = load i64, ptr %fuel.slot, align 4
;;   %fuel8 = sub i64 %15, 2
;;   store i64 %fuel8, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br label %"call stack exhausted"
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 100, %"deadline exceeded.skip" ]
;;   %16 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %17 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %18 = sub i64 %16, %17
;;   store i64 %18, ptr %store, align 4
;;   %19 = getelementptr i8, ptr %vmctx, i64 16
;;   %20 = load ptr, ptr %19, align 8, !invariant.load !0
;;   %21 = load ptr, ptr %20, align 8, !invariant.load !0
;;   call void %21(ptr %vmctx, i32 10, i32 %site6) #4
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 100, %entry ]
;;   %22 = phi i64 [ %fuel1, %entry ]
;;   %23 = phi i64 [ 0, %entry ]
;;   %24 = sub i64 %22, %23
;;   store i64 %24, ptr %store, align 4
;;   %25 = getelementptr i8, ptr %vmctx, i64 16
;;   %26 = load ptr, ptr %25, align 8, !invariant.load !0
;;   %27 = load ptr, ptr %26, align 8, !invariant.load !0
;;   call void %27(ptr %vmctx, i32 11, i32 %site) #4
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   %site4 = phi i32 [ 100, %stack.check.failed ]
;;   %28 = phi i64 [ %fuel5, %stack.check.failed ]
;;   %29 = phi i64 [ 0, %stack.check.failed ]
;;   %30 = sub i64 %28, %29
;;   store i64 %30, ptr %store, align 4
;;   %31 = getelementptr i8, ptr %vmctx, i64 16
;;   %32 = load ptr, ptr %31, align 8, !invariant.load !0
;;   %33 = load ptr, ptr %32, align 8, !invariant.load !0
;;   call void %33(ptr %vmctx, i32 12, i32 %site4) #4
;;   unreachable
;; }
;;
;; ; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
;; declare double @llvm.roundeven.f64(double) #2
;;
;; ; Function Attrs: nounwind
;; define internal { i32, i64 } @wasm_f2(ptr %vmctx, i64 %0, float %1) #0 {
;; entry:
;;   %2 = alloca float, align 4
;;   store float %1, ptr %2, align 4
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
;; return:                                           ; preds = %"integer overflow.skip"
;;   %6 = phi i32 [ %19, %"integer overflow.skip" ]
;;   %fuel13 = load i64, ptr %fuel.slot, align 4
;;   %7 = insertvalue { i32, i64 } undef, i32 %6, 0
;;   %8 = insertvalue { i32, i64 } %7, i64 %fuel13, 1
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
;;   %13 = load float, ptr %2, align 4
;;   %14 = fcmp uno float %13, %13
;;   %fuel9 = load i64, ptr %fuel.slot, align 4
;;   br i1 %14, label %"invalid conversion to integer", label %"invalid conversion to integer.skip", !prof !1
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br label %"call stack exhausted"
;;
;; "invalid conversion to integer.skip":             ; preds = %stack.check.ok
;;   %15 = fcmp ogt float %13, 0xC1E0000020000000
;;   %16 = fcmp olt float %13, 0x41E0000000000000
;;   %17 = and i1 %15, %16
;;   %18 = xor i1 %17, true
;;   %fuel11 = load i64, ptr %fuel.slot, align 4
;;   br i1 %18, label %"integer overflow", label %"integer overflow.skip", !prof !1
;;
;; "integer overflow.skip":                          ; preds = %"invalid conversion to integer.skip"
;;   %19 = fptosi float %13 to i32
;;   %20 = load i64, ptr %fuel.slot, align 4
;;   %fuel12 = sub i64 %20, 2
;;   store i64 %fuel12, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "integer overflow":                               ; preds = %"invalid conversion to integer.skip"
;;   %site10 = phi i32 [ 110, %"invalid conversion to integer.skip" ]
;;   %21 = phi i64 [ %fuel11, %"invalid conversion to integer.skip" ]
;;   %22 = phi i64 [ 2, %"invalid conversion to integer.skip" ]
;;   %23 = sub i64 %21, %22
;;   store i64 %23, ptr %store, align 4
;;   %24 = getelementptr i8, ptr %vmctx, i64 16
;;   %25 = load ptr, ptr %24, align 8, !invariant.load !0
;;   %26 = load ptr, ptr %25, align 8, !invariant.load !0
;;   call void %26(ptr %vmctx, i32 3, i32 %site10) #4
;;   unreachable
;;
;; "invalid conversion to integer":                  ; preds = %stack.check.ok
;;   %site8 = phi i32 [ 110, %stack.check.ok ]
;;   %27 = phi i64 [ %fuel9, %stack.check.ok ]
;;   %28 = phi i64 [ 2, %stack.check.ok ]
;;   %29 = sub i64 %27, %28
;;   store i64 %29, ptr %store, align 4
;;   %30 = getelementptr i8, ptr %vmctx, i64 16
;;   %31 = load ptr, ptr %30, align 8, !invariant.load !0
;;   %32 = load ptr, ptr %31, align 8, !invariant.load !0
;;   call void %32(ptr %vmctx, i32 4, i32 %site8) #4
;;   unreachable
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 106, %"deadline exceeded.skip" ]
;;   %33 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %34 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %35 = sub i64 %33, %34
;;   store i64 %35, ptr %store, align 4
;;   %36 = getelementptr i8, ptr %vmctx, i64 16
;;   %37 = load ptr, ptr %36, align 8, !invariant.load !0
;;   %38 = load ptr, ptr %37, align 8, !invariant.load !0
;;   call void %38(ptr %vmctx, i32 10, i32 %site6) #4
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 106, %entry ]
;;   %39 = phi i64 [ %fuel1, %entry ]
;;   %40 = phi i64 [ 0, %entry ]
;;   %41 = sub i64 %39, %40
;;   store i64 %41, ptr %store, align 4
;;   %42 = getelementptr i8, ptr %vmctx, i64 16
;;   %43 = load ptr, ptr %42, align 8, !invariant.load !0
;;   %44 = load ptr, ptr %43, align 8, !invariant.load !0
;;   call void %44(ptr %vmctx, i32 11, i32 %site) #4
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   %site4 = phi i32 [ 106, %stack.check.failed ]
;;   %45 = phi i64 [ %fuel5, %stack.check.failed ]
;;   %46 = phi i64 [ 0, %stack.check.failed ]
;;   %47 = sub i64 %45, %46
;;   store i64 %47, ptr %store, align 4
;;   %48 = getelementptr i8, ptr %vmctx, i64 16
;;   %49 = load ptr, ptr %48, align 8, !invariant.load !0
;;   %50 = load ptr, ptr %49, align 8, !invariant.load !0
;;   call void %50(ptr %vmctx, i32 12, i32 %site4) #4
;;   unreachable
;; }
;;
;; ; Function Attrs: nounwind
;; define internal { i64, i64 } @wasm_f3(ptr %vmctx, i64 %0, double %1) #0 {
;; entry:
;;   %2 = alloca double, align 8
;;   store double %1, ptr %2, align 8
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
;;   %6 = phi i64 [ %14, %stack.check.ok ]
;;   %fuel9 = load i64, ptr %fuel.slot, align 4
;;   %7 = insertvalue { i64, i64 } undef, i64 %6, 0
;;   %8 = insertvalue { i64, i64 } %7, i64 %fuel9, 1
;;   ret { i64, i64 } %8
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
;;   %13 = load double, ptr %2, align 8
;;   %14 = call i64 @llvm.fptoui.sat.i64.f64(double %13)
;;   %15 = load i64, ptr %fuel.slot, align 4
;;   %fuel8 = sub i64 %15, 2
;;   store i64 %fuel8, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br label %"call stack exhausted"
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 112, %"deadline exceeded.skip" ]
;;   %16 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %17 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %18 = sub i64 %16, %17
;;   store i64 %18, ptr %store, align 4
;;   %19 = getelementptr i8, ptr %vmctx, i64 16
;;   %20 = load ptr, ptr %19, align 8, !invariant.load !0
;;   %21 = load ptr, ptr %20, align 8, !invariant.load !0
;;   call void %21(ptr %vmctx, i32 10, i32 %site6) #4
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 112, %entry ]
;;   %22 = phi i64 [ %fuel1, %entry ]
;;   %23 = phi i64 [ 0, %entry ]
;;   %24 = sub i64 %22, %23
;;   store i64 %24, ptr %store, align 4
;;   %25 = getelementptr i8, ptr %vmctx, i64 16
;;   %26 = load ptr, ptr %25, align 8, !invariant.load !0
;;   %27 = load ptr, ptr %26, align 8, !invariant.load !0
;;   call void %27(ptr %vmctx, i32 11, i32 %site) #4
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   %site4 = phi i32 [ 112, %stack.check.failed ]
;;   %28 = phi i64 [ %fuel5, %stack.check.failed ]
;;   %29 = phi i64 [ 0, %stack.check.failed ]
;;   %30 = sub i64 %28, %29
;;   store i64 %30, ptr %store, align 4
;;   %31 = getelementptr i8, ptr %vmctx, i64 16
;;   %32 = load ptr, ptr %31, align 8, !invariant.load !0
;;   %33 = load ptr, ptr %32, align 8, !invariant.load !0
;;   call void %33(ptr %vmctx, i32 12, i32 %site4) #4
;;   unreachable
;; }
;;
;; ; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
;; declare i64 @llvm.fptoui.sat.i64.f64(double) #2
;;
;; ; Function Attrs: nounwind
;; define internal { float, i64 } @wasm_f4(ptr %vmctx, i64 %0) #0 {
;; entry:
;;   %store = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %fuel.slot = alloca i64, align 8
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
;;   %fuel9 = load i64, ptr %fuel.slot, align 4
;;   %5 = insertvalue { float, i64 } undef, float %4, 0
;;   %6 = insertvalue { float, i64 } %5, i64 %fuel9, 1
;;   ret { float, i64 } %6
;;
;; "out of fuel.skip":                               ; preds = %entry
;;   %store2 = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %store3 = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %7 = getelementptr i8, ptr %store3, i64 8
;;   %stack.limit = load atomic i64, ptr %7 monotonic, align 8
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %8 = ptrtoint ptr %sp to i64
;;   %9 = icmp ult i64 %8, %stack.limit
;;   br i1 %9, label %stack.check.failed, label %stack.check.ok, !prof !1
;;
;; stack.check.failed:                               ; preds = %"out of fuel.skip"
;;   %10 = icmp eq i64 %stack.limit, -1
;;   %fuel5 = load i64, ptr %fuel.slot, align 4
;;   br i1 %10, label %"deadline exceeded", label %"deadline exceeded.skip", !prof !1
;;
;; stack.check.ok:                                   ; preds = %"out of fuel.skip"
;;   %11 = load i64, ptr %fuel.slot, align 4
;;   %fuel8 = sub i64 %11, 1
;;   store i64 %fuel8, ptr %fuel.slot, align 4
;;   br label %return
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   %fuel7 = load i64, ptr %fuel.slot, align 4
;;   br label %"call stack exhausted"
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   %site6 = phi i32 [ 119, %"deadline exceeded.skip" ]
;;   %12 = phi i64 [ %fuel7, %"deadline exceeded.skip" ]
;;   %13 = phi i64 [ 0, %"deadline exceeded.skip" ]
;;   %14 = sub i64 %12, %13
;;   store i64 %14, ptr %store, align 4
;;   %15 = getelementptr i8, ptr %vmctx, i64 16
;;   %16 = load ptr, ptr %15, align 8, !invariant.load !0
;;   %17 = load ptr, ptr %16, align 8, !invariant.load !0
;;   call void %17(ptr %vmctx, i32 10, i32 %site6) #4
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %entry
;;   %site = phi i32 [ 119, %entry ]
;;   %18 = phi i64 [ %fuel1, %entry ]
;;   %19 = phi i64 [ 0, %entry ]
;;   %20 = sub i64 %18, %19
;;   store i64 %20, ptr %store, align 4
;;   %21 = getelementptr i8, ptr %vmctx, i64 16
;;   %22 = load ptr, ptr %21, align 8, !invariant.load !0
;;   %23 = load ptr, ptr %22, align 8, !invariant.load !0
;;   call void %23(ptr %vmctx, i32 11, i32 %site) #4
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %stack.check.failed
;;   %site4 = phi i32 [ 119, %stack.check.failed ]
;;   %24 = phi i64 [ %fuel5, %stack.check.failed ]
;;   %25 = phi i64 [ 0, %stack.check.failed ]
;;   %26 = sub i64 %24, %25
;;   store i64 %26, ptr %store, align 4
;;   %27 = getelementptr i8, ptr %vmctx, i64 16
;;   %28 = load ptr, ptr %27, align 8, !invariant.load !0
;;   %29 = load ptr, ptr %28, align 8, !invariant.load !0
;;   call void %29(ptr %vmctx, i32 12, i32 %site4) #4
;;   unreachable
;; }
;;
;; ; Function Attrs: nounwind
;; define internal float @wasm_host_f0(ptr %0, float %1, float %2) #0 {
;; entry:
;;   %3 = getelementptr i8, ptr %0, i64 0
;;   %store = load ptr, ptr %3, align 8
;;   %4 = getelementptr i8, ptr %store, i64 0
;;   %fuel = load i64, ptr %4, align 4
;;   %5 = call { float, i64 } @wasm_f0(ptr %0, i64 %fuel, float %1, float %2)
;;   %6 = extractvalue { float, i64 } %5, 0
;;   %7 = extractvalue { float, i64 } %5, 1
;;   %8 = getelementptr i8, ptr %0, i64 0
;;   %store1 = load ptr, ptr %8, align 8
;;   %9 = getelementptr i8, ptr %store1, i64 0
;;   store i64 %7, ptr %9, align 4
;;   ret float %6
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry0(ptr %0, ptr %1) #3 {
;; entry:
;;   %2 = getelementptr i64, ptr %1, i64 0
;;   %3 = load float, ptr %2, align 4
;;   %4 = getelementptr i64, ptr %1, i64 1
;;   %5 = load float, ptr %4, align 4
;;   %6 = call float @wasm_host_f0(ptr %0, float %3, float %5)
;;   %7 = getelementptr i64, ptr %1, i64 0
;;   store float %6, ptr %7, align 4
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal double @wasm_host_f1(ptr %0, double %1) #0 {
;; entry:
;;   %2 = getelementptr i8, ptr %0, i64 0
;;   %store = load ptr, ptr %2, align 8
;;   %3 = getelementptr i8, ptr %store, i64 0
;;   %fuel = load i64, ptr %3, align 4
;;   %4 = call { double, i64 } @wasm_f1(ptr %0, i64 %fuel, double %1)
;;   %5 = extractvalue { double, i64 } %4, 0
;;   %6 = extractvalue { double, i64 } %4, 1
;;   %7 = getelementptr i8, ptr %0, i64 0
;;   %store1 = load ptr, ptr %7, align 8
;;   %8 = getelementptr i8, ptr %store1, i64 0
;;   store i64 %6, ptr %8, align 4
;;   ret double %5
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry1(ptr %0, ptr %1) #3 {
;; entry:
;;   %2 = getelementptr i64, ptr %1, i64 0
;;   %3 = load double, ptr %2, align 8
;;   %4 = call double @wasm_host_f1(ptr %0, double %3)
;;   %5 = getelementptr i64, ptr %1, i64 0
;;   store double %4, ptr %5, align 8
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal i32 @wasm_host_f2(ptr %0, float %1) #0 {
;; entry:
;;   %2 = getelementptr i8, ptr %0, i64 0
;;   %store = load ptr, ptr %2, align 8
;;   %3 = getelementptr i8, ptr %store, i64 0
;;   %fuel = load i64, ptr %3, align 4
;;   %4 = call { i32, i64 } @wasm_f2(ptr %0, i64 %fuel, float %1)
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
;; define internal void @wasm_entry2(ptr %0, ptr %1) #3 {
;; entry:
;;   %2 = getelementptr i64, ptr %1, i64 0
;;   %3 = load float, ptr %2, align 4
;;   %4 = call i32 @wasm_host_f2(ptr %0, float %3)
;;   %5 = getelementptr i64, ptr %1, i64 0
;;   store i32 %4, ptr %5, align 4
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal i64 @wasm_host_f3(ptr %0, double %1) #0 {
;; entry:
;;   %2 = getelementptr i8, ptr %0, i64 0
;;   %store = load ptr, ptr %2, align 8
;;   %3 = getelementptr i8, ptr %store, i64 0
;;   %fuel = load i64, ptr %3, align 4
;;   %4 = call { i64, i64 } @wasm_f3(ptr %0, i64 %fuel, double %1)
;;   %5 = extractvalue { i64, i64 } %4, 0
;;   %6 = extractvalue { i64, i64 } %4, 1
;;   %7 = getelementptr i8, ptr %0, i64 0
;;   %store1 = load ptr, ptr %7, align 8
;;   %8 = getelementptr i8, ptr %store1, i64 0
;;   store i64 %6, ptr %8, align 4
;;   ret i64 %5
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry3(ptr %0, ptr %1) #3 {
;; entry:
;;   %2 = getelementptr i64, ptr %1, i64 0
;;   %3 = load double, ptr %2, align 8
;;   %4 = call i64 @wasm_host_f3(ptr %0, double %3)
;;   %5 = getelementptr i64, ptr %1, i64 0
;;   store i64 %4, ptr %5, align 4
;;   ret void
;; }
;;
;; ; Function Attrs: nounwind
;; define internal float @wasm_host_f4(ptr %0) #0 {
;; entry:
;;   %1 = getelementptr i8, ptr %0, i64 0
;;   %store = load ptr, ptr %1, align 8
;;   %2 = getelementptr i8, ptr %store, i64 0
;;   %fuel = load i64, ptr %2, align 4
;;   %3 = call { float, i64 } @wasm_f4(ptr %0, i64 %fuel)
;;   %4 = extractvalue { float, i64 } %3, 0
;;   %5 = extractvalue { float, i64 } %3, 1
;;   %6 = getelementptr i8, ptr %0, i64 0
;;   %store1 = load ptr, ptr %6, align 8
;;   %7 = getelementptr i8, ptr %store1, i64 0
;;   store i64 %5, ptr %7, align 4
;;   ret float %4
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry4(ptr %0, ptr %1) #3 {
;; entry:
;;   %2 = call float @wasm_host_f4(ptr %0)
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
