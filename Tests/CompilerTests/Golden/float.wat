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
;; @midimon_module_descriptor = constant { i64, i64, ptr, i64, i64, ptr, ptr, ptr, i64, i64 } { i64 94099835581647181, i64 1, ptr @wasm_skeleton, i64 89, i64 5, ptr @wasm_functions, ptr @wasm_entries, ptr null, i64 176, i64 0 }, align 8
;;
;; ; Function Attrs: nounwind
;; define internal float @wasm_f0(ptr %vmctx, float %0, float %1) #0 {
;; entry:
;;   %2 = alloca float, align 4
;;   store float %0, ptr %2, align 4
;;   %3 = alloca float, align 4
;;   store float %1, ptr %3, align 4
;;   %store = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %4 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit = load i64, ptr %4, align 4
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %5 = ptrtoint ptr %sp to i64
;;   %6 = icmp ult i64 %5, %stack.limit
;;   br i1 %6, label %"call stack exhausted", label %"call stack exhausted.skip", !prof !1
;;
;; return:                                           ; preds = %"call stack exhausted.skip"
;;   %7 = phi float [ %15, %"call stack exhausted.skip" ]
;;   ret float %7
;;
;; "call stack exhausted.skip":                      ; preds = %entry
;;   %8 = load float, ptr %2, align 4
;;   %9 = load float, ptr %3, align 4
;;   %10 = call float @llvm.minimum.f32(float %8, float %9)
;;   %11 = bitcast float %10 to i32
;;   %12 = or i32 %11, 4194304
;;   %13 = bitcast i32 %12 to float
;;   %14 = fcmp uno float %10, %10
;;   %15 = select i1 %14, float %13, float %10
;;   br label %return
;;
;; "call stack exhausted":                           ; preds = %entry
;;   %site = phi i32 [ 92, %entry ]
;;   %16 = getelementptr i8, ptr %vmctx, i64 16
;;   %17 = load ptr, ptr %16, align 8, !invariant.load !0
;;   %18 = load ptr, ptr %17, align 8, !invariant.load !0
;;   call void %18(ptr %vmctx, i32 10, i32 %site) #4
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
;;   %2 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit = load i64, ptr %2, align 4
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %3 = ptrtoint ptr %sp to i64
;;   %4 = icmp ult i64 %3, %stack.limit
;;   br i1 %4, label %"call stack exhausted", label %"call stack exhausted.skip", !prof !1
;;
;; return:                                           ; preds = %"call stack exhausted.skip"
;;   %5 = phi double [ %7, %"call stack exhausted.skip" ]
;;   ret double %5
;;
;; "call stack exhausted.skip":                      ; preds = %entry
;;   %6 = load double, ptr %1, align 8
;;   %7 = call double @llvm.roundeven.f64(double %6)
;;   br label %return
;;
;; "call stack exhausted":                           ; preds = %entry
;;   %site = phi i32 [ 100, %entry ]
;;   %8 = getelementptr i8, ptr %vmctx, i64 16
;;   %9 = load ptr, ptr %8, align 8, !invariant.load !0
;;   %10 = load ptr, ptr %9, align 8, !invariant.load !0
;;   call void %10(ptr %vmctx, i32 10, i32 %site) #4
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
;;   %2 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit = load i64, ptr %2, align 4
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %3 = ptrtoint ptr %sp to i64
;;   %4 = icmp ult i64 %3, %stack.limit
;;   br i1 %4, label %"call stack exhausted", label %"call stack exhausted.skip", !prof !1
;;
;; return:                                           ; preds = %"integer overflow.skip"
;;   %5 = phi i32 [ %12, %"integer overflow.skip" ]
;;   ret i32 %5
;;
;; "call stack exhausted.skip":                      ; preds = %entry
;;   %6 = load float, ptr %1, align 4
;;   %7 = fcmp uno float %6, %6
;;   br i1 %7, label %"invalid conversion to integer", label %"invalid conversion to integer.skip", !prof !1
;;
;; "invalid conversion to integer.skip":             ; preds = %"call stack exhausted.skip"
;;   %8 = fcmp ogt float %6, 0xC1E0000020000000
;;   %9 = fcmp olt float %6, 0x41E0000000000000
;;   %10 = and i1 %8, %9
;;   %11 = xor i1 %10, true
;;   br i1 %11, label %"integer overflow", label %"integer overflow.skip", !prof !1
;;
;; "integer overflow.skip":                          ; preds = %"invalid conversion to integer.skip"
;;   %12 = fptosi float %6 to i32
;;   br label %return
;;
;; "integer overflow":                               ; preds = %"invalid conversion to integer.skip"
;;   %site2 = phi i32 [ 110, %"invalid conversion to integer.skip" ]
;;   %13 = getelementptr i8, ptr %vmctx, i64 16
;;   %14 = load ptr, ptr %13, align 8, !invariant.load !0
;;   %15 = load ptr, ptr %14, align 8, !invariant.load !0
;;   call void %15(ptr %vmctx, i32 3, i32 %site2) #4
;;   unreachable
;;
;; "invalid conversion to integer":                  ; preds = %"call stack exhausted.skip"
;;   %site1 = phi i32 [ 110, %"call stack exhausted.skip" ]
;;   %16 = getelementptr i8, ptr %vmctx, i64 16
;;   %17 = load ptr, ptr %16, align 8, !invariant.load !0
;;   %18 = load ptr, ptr %17, align 8, !invariant.load !0
;;   call void %18(ptr %vmctx, i32 4, i32 %site1) #4
;;   unreachable
;;
;; "call stack exhausted":                           ; preds = %entry
;;   %site = phi i32 [ 106, %entry ]
;;   %19 = getelementptr i8, ptr %vmctx, i64 16
;;   %20 = load ptr, ptr %19, align 8, !invariant.load !0
;;   %21 = load ptr, ptr %20, align 8, !invariant.load !0
;;   call void %21(ptr %vmctx, i32 10, i32 %site) #4
;;   unreachable
;; }
;;
;; ; Function Attrs: nounwind
;; define internal i64 @wasm_f3(ptr %vmctx, double %0) #0 {
;; entry:
;;   %1 = alloca double, align 8
;;   store double %0, ptr %1, align 8
;;   %store = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %2 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit = load i64, ptr %2, align 4
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %3 = ptrtoint ptr %sp to i64
;;   %4 = icmp ult i64 %3, %stack.limit
;;   br i1 %4, label %"call stack exhausted", label %"call stack exhausted.skip", !prof !1
;;
;; return:                                           ; preds = %"call stack exhausted.skip"
;;   %5 = phi i64 [ %7, %"call stack exhausted.skip" ]
;;   ret i64 %5
;;
;; "call stack exhausted.skip":                      ; preds = %entry
;;   %6 = load double, ptr %1, align 8
;;   %7 = call i64 @llvm.fptoui.sat.i64.f64(double %6)
;;   br label %return
;;
;; "call stack exhausted":                           ; preds = %entry
;;   %site = phi i32 [ 112, %entry ]
;;   %8 = getelementptr i8, ptr %vmctx, i64 16
;;   %9 = load ptr, ptr %8, align 8, !invariant.load !0
;;   %10 = load ptr, ptr %9, align 8, !invariant.load !0
;;   call void %10(ptr %vmctx, i32 10, i32 %site) #4
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
;;   %0 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit = load i64, ptr %0, align 4
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %1 = ptrtoint ptr %sp to i64
;;   %2 = icmp ult i64 %1, %stack.limit
;;   br i1 %2, label %"call stack exhausted", label %"call stack exhausted.skip", !prof !1
;;
;; return:                                           ; preds = %"call stack exhausted.skip"
;;   %3 = phi float [ 0x7FF4000000000000, %"call stack exhausted.skip" ]
;;   ret float %3
;;
;; "call stack exhausted.skip":                      ; preds = %entry
;;   br label %return
;;
;; "call stack exhausted":                           ; preds = %entry
;;   %site = phi i32 [ 119, %entry ]
;;   %4 = getelementptr i8, ptr %vmctx, i64 16
;;   %5 = load ptr, ptr %4, align 8, !invariant.load !0
;;   %6 = load ptr, ptr %5, align 8, !invariant.load !0
;;   call void %6(ptr %vmctx, i32 10, i32 %site) #4
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
;; attributes #0 = { nounwind "disable-tail-calls"="true" }
;; attributes #1 = { nocallback nofree nosync nounwind willreturn }
;; attributes #2 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }
;; attributes #3 = { nounwind }
;; attributes #4 = { cold noreturn }
;;
;; !0 = !{}
;; !1 = !{!"branch_weights", i32 1, i32 2000}
