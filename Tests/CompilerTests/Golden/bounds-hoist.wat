;;! opt-level = 2
;; After the pipeline: the memory base and the size stay in registers across the loop; the
;; check remains inside it (loop versioning arrives with the sandbox work).
(module
  (memory 1)
  (func (export "sum") (param $p i32) (param $n i32) (result i32) (local $s i32)
    (block $done
      (loop $top
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.load (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $top)))
    (local.get $s)))

;; ---- expected IR ----
;; @wasm_skeleton = private constant [35 x i8] c"\00asm\01\00\00\00\01\07\01`\02\7F\7F\01\7F\03\02\01\00\05\03\01\00\01\07\07\01\03sum\00\00"
;; @wasm_functions = private constant [1 x ptr] [ptr @wasm_f0], align 8
;; @wasm_entries = private constant [1 x ptr] [ptr @wasm_entry0], align 8
;; @wasm_body_offsets = private constant [1 x i32] [i32 38], align 8
;; @midimon_module_descriptor = local_unnamed_addr constant { i64, i64, ptr, i64, i64, ptr, ptr, ptr, i64, i64, ptr } { i64 94099835581647181, i64 2, ptr @wasm_skeleton, i64 35, i64 1, ptr @wasm_functions, ptr @wasm_entries, ptr null, i64 64, i64 1, ptr @wasm_body_offsets }, align 8
;;
;; ; Function Attrs: nounwind
;; define internal i32 @wasm_f0(ptr %vmctx, i32 %0, i32 %1) #0 {
;; entry:
;;   %2 = getelementptr i8, ptr %vmctx, i64 8
;;   %memory = load ptr, ptr %2, align 8, !invariant.load !0
;;   %memory.base = load ptr, ptr %memory, align 8, !invariant.load !0
;;   %3 = getelementptr i8, ptr %memory, i64 8
;;   %memory.size = load i64, ptr %3, align 4
;;   %store = load ptr, ptr %vmctx, align 8, !invariant.load !0
;;   %4 = load i64, ptr %store, align 4
;;   %fuel = add i64 %4, -1
;;   %5 = icmp slt i64 %fuel, 0
;;   br i1 %5, label %"out of fuel", label %"out of fuel.skip", !prof !1
;;
;; "out of fuel.skip":                               ; preds = %entry
;;   %6 = getelementptr i8, ptr %store, i64 16
;;   %interrupt = load atomic i64, ptr %6 monotonic, align 8
;;   %.not = icmp eq i64 %interrupt, 0
;;   br i1 %.not, label %"deadline exceeded.skip", label %"deadline exceeded", !prof !2
;;
;; "deadline exceeded.skip":                         ; preds = %"out of fuel.skip"
;;   %7 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit = load i64, ptr %7, align 4
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %8 = ptrtoint ptr %sp to i64
;;   %9 = icmp ugt i64 %stack.limit, %8
;;   br i1 %9, label %"call stack exhausted", label %"call stack exhausted.skip", !prof !1
;;
;; "call stack exhausted.skip":                      ; preds = %"deadline exceeded.skip"
;;   %10 = zext i32 %1 to i64
;;   %11 = mul nuw nsw i64 %10, 17
;;   %fuel.needed = add nuw nsw i64 %11, 17
;;   %12 = icmp uge i64 %fuel, %fuel.needed
;;   %13 = zext i32 %0 to i64
;;   %14 = shl nuw nsw i64 %10, 2
;;   %15 = add nuw nsw i64 %14, %13
;;   %16 = add nsw i64 %15, -4
;;   %17 = icmp ult i64 %16, 4294967296
;;   %18 = icmp ule i64 %15, %memory.size
;;   %19 = and i1 %17, %18
;;   %20 = icmp eq i32 %1, 0
;;   %21 = or i1 %20, %19
;;   %22 = and i1 %21, %12
;;   br i1 %22, label %loop.preheader, label %"out of fuel.skip14.preheader", !prof !2
;;
;; "out of fuel.skip14.preheader":                   ; preds = %"call stack exhausted.skip"
;;   %23 = sub nsw i64 %fuel, %11
;;   br label %"out of fuel.skip14"
;;
;; loop.preheader:                                   ; preds = %"call stack exhausted.skip"
;;   %invariant.gep = getelementptr i8, ptr %memory.base, i64 %13
;;   br i1 %20, label %block.end, label %br_if.next.preheader
;;
;; br_if.next.preheader:                             ; preds = %loop.preheader
;;   %min.iters.check = icmp ult i32 %1, 16
;;   br i1 %min.iters.check, label %br_if.next.preheader114, label %vector.ph
;;
;; br_if.next.preheader114:                          ; preds = %middle.block, %br_if.next.preheader
;;   %fuel.slot.173.ph = phi i64 [ %fuel, %br_if.next.preheader ], [ %39, %middle.block ]
;;   %k.slot.072.ph = phi i64 [ 0, %br_if.next.preheader ], [ %n.vec, %middle.block ]
;;   %.171.ph = phi i32 [ 0, %br_if.next.preheader ], [ %40, %middle.block ]
;;   %.05470.ph = phi i32 [ %1, %br_if.next.preheader ], [ %ind.end, %middle.block ]
;;   br label %br_if.next
;;
;; vector.ph:                                        ; preds = %br_if.next.preheader
;;   %n.vec = and i64 %10, 4294967280
;;   %.cast = trunc nuw i64 %n.vec to i32
;;   %ind.end = sub i32 %1, %.cast
;;   %24 = insertelement <4 x i64> <i64 poison, i64 0, i64 0, i64 0>, i64 %fuel, i64 0
;;   br label %vector.body
;;
;; vector.body:                                      ; preds = %vector.body, %vector.ph
;;   %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
;;   %vec.phi = phi <4 x i64> [ %24, %vector.ph ], [ %34, %vector.body ]
;;   %vec.phi98 = phi <4 x i64> [ zeroinitializer, %vector.ph ], [ %35, %vector.body ]
;;   %vec.phi99 = phi <4 x i64> [ zeroinitializer, %vector.ph ], [ %36, %vector.body ]
;;   %vec.phi100 = phi <4 x i64> [ zeroinitializer, %vector.ph ], [ %37, %vector.body ]
;;   %vec.phi101 = phi <4 x i32> [ zeroinitializer, %vector.ph ], [ %30, %vector.body ]
;;   %vec.phi102 = phi <4 x i32> [ zeroinitializer, %vector.ph ], [ %31, %vector.body ]
;;   %vec.phi103 = phi <4 x i32> [ zeroinitializer, %vector.ph ], [ %32, %vector.body ]
;;   %vec.phi104 = phi <4 x i32> [ zeroinitializer, %vector.ph ], [ %33, %vector.body ]
;;   %25 = shl nuw nsw i64 %index, 2
;;   %26 = getelementptr i8, ptr %invariant.gep, i64 %25
;;   %27 = getelementptr i8, ptr %26, i64 16
;;   %28 = getelementptr i8, ptr %26, i64 32
;;   %29 = getelementptr i8, ptr %26, i64 48
;;   %wide.load = load <4 x i32>, ptr %26, align 1
;;   %wide.load105 = load <4 x i32>, ptr %27, align 1
;;   %wide.load106 = load <4 x i32>, ptr %28, align 1
;;   %wide.load107 = load <4 x i32>, ptr %29, align 1
;;   %30 = add <4 x i32> %wide.load, %vec.phi101
;;   %31 = add <4 x i32> %wide.load105, %vec.phi102
;;   %32 = add <4 x i32> %wide.load106, %vec.phi103
;;   %33 = add <4 x i32> %wide.load107, %vec.phi104
;;   %34 = add <4 x i64> %vec.phi, <i64 -17, i64 -17, i64 -17, i64 -17>
;;   %35 = add <4 x i64> %vec.phi98, <i64 -17, i64 -17, i64 -17, i64 -17>
;;   %36 = add <4 x i64> %vec.phi99, <i64 -17, i64 -17, i64 -17, i64 -17>
;;   %37 = add <4 x i64> %vec.phi100, <i64 -17, i64 -17, i64 -17, i64 -17>
;;   %index.next = add nuw i64 %index, 16
;;   %38 = icmp eq i64 %index.next, %n.vec
;;   br i1 %38, label %middle.block, label %vector.body, !llvm.loop !3
;;
;; middle.block:                                     ; preds = %vector.body
;;   %bin.rdx = add <4 x i64> %35, %34
;;   %bin.rdx108 = add <4 x i64> %36, %bin.rdx
;;   %bin.rdx109 = add <4 x i64> %37, %bin.rdx108
;;   %39 = call i64 @llvm.vector.reduce.add.v4i64(<4 x i64> %bin.rdx109)
;;   %bin.rdx110 = add <4 x i32> %31, %30
;;   %bin.rdx111 = add <4 x i32> %32, %bin.rdx110
;;   %bin.rdx112 = add <4 x i32> %33, %bin.rdx111
;;   %40 = call i32 @llvm.vector.reduce.add.v4i32(<4 x i32> %bin.rdx112)
;;   %cmp.n = icmp eq i64 %n.vec, %10
;;   br i1 %cmp.n, label %block.end, label %br_if.next.preheader114
;;
;; block.end:                                        ; preds = %"deadline exceeded.skip17", %br_if.next, %middle.block, %loop.preheader
;;   %.0 = phi i32 [ 0, %loop.preheader ], [ %40, %middle.block ], [ %43, %br_if.next ], [ %.268, %"deadline exceeded.skip17" ]
;;   %fuel.slot.0.in = phi i64 [ %fuel, %loop.preheader ], [ %39, %middle.block ], [ %fuel10, %br_if.next ], [ %23, %"deadline exceeded.skip17" ]
;;   %fuel24 = add i64 %fuel.slot.0.in, -4
;;   store i64 %fuel24, ptr %store, align 4
;;   ret i32 %.0
;;
;; br_if.next:                                       ; preds = %br_if.next.preheader114, %br_if.next
;;   %fuel.slot.173 = phi i64 [ %fuel10, %br_if.next ], [ %fuel.slot.173.ph, %br_if.next.preheader114 ]
;;   %k.slot.072 = phi i64 [ %45, %br_if.next ], [ %k.slot.072.ph, %br_if.next.preheader114 ]
;;   %.171 = phi i32 [ %43, %br_if.next ], [ %.171.ph, %br_if.next.preheader114 ]
;;   %.05470 = phi i32 [ %44, %br_if.next ], [ %.05470.ph, %br_if.next.preheader114 ]
;;   %41 = shl nuw nsw i64 %k.slot.072, 2
;;   %gep = getelementptr i8, ptr %invariant.gep, i64 %41
;;   %42 = load i32, ptr %gep, align 1
;;   %43 = add i32 %42, %.171
;;   %44 = add i32 %.05470, -1
;;   %fuel10 = add i64 %fuel.slot.173, -17
;;   %45 = add nuw nsw i64 %k.slot.072, 1
;;   %46 = icmp eq i32 %44, 0
;;   br i1 %46, label %block.end, label %br_if.next, !llvm.loop !6
;;
;; "out of fuel.skip14":                             ; preds = %"out of fuel.skip14.preheader", %"out of bounds memory access.skip"
;;   %fuel.slot.269 = phi i64 [ %fuel23, %"out of bounds memory access.skip" ], [ %fuel, %"out of fuel.skip14.preheader" ]
;;   %.268 = phi i32 [ %53, %"out of bounds memory access.skip" ], [ 0, %"out of fuel.skip14.preheader" ]
;;   %.15567 = phi i32 [ %55, %"out of bounds memory access.skip" ], [ %1, %"out of fuel.skip14.preheader" ]
;;   %.15766 = phi i32 [ %54, %"out of bounds memory access.skip" ], [ %0, %"out of fuel.skip14.preheader" ]
;;   %interrupt15 = load atomic i64, ptr %6 monotonic, align 8
;;   %.not58 = icmp eq i64 %interrupt15, 0
;;   br i1 %.not58, label %"deadline exceeded.skip17", label %"deadline exceeded", !prof !2
;;
;; "deadline exceeded.skip17":                       ; preds = %"out of fuel.skip14"
;;   %47 = icmp eq i32 %.15567, 0
;;   br i1 %47, label %block.end, label %br_if.next19
;;
;; br_if.next19:                                     ; preds = %"deadline exceeded.skip17"
;;   %48 = zext i32 %.15766 to i64
;;   %49 = add nuw nsw i64 %48, 4
;;   %50 = icmp ugt i64 %49, %memory.size
;;   br i1 %50, label %"out of bounds memory access", label %"out of bounds memory access.skip", !prof !1
;;
;; "out of bounds memory access.skip":               ; preds = %br_if.next19
;;   %51 = getelementptr i8, ptr %memory.base, i64 %48
;;   %52 = load i32, ptr %51, align 1
;;   %53 = add i32 %52, %.268
;;   %54 = add i32 %.15766, 4
;;   %55 = add i32 %.15567, -1
;;   %fuel23 = add nsw i64 %fuel.slot.269, -17
;;   %56 = icmp slt i64 %fuel.slot.269, 17
;;   br i1 %56, label %"out of fuel", label %"out of fuel.skip14", !prof !7
;;
;; "out of bounds memory access":                    ; preds = %br_if.next19
;;   %57 = add nsw i64 %fuel.slot.269, -6
;;   store i64 %57, ptr %store, align 4
;;   %58 = getelementptr i8, ptr %vmctx, i64 16
;;   %59 = load ptr, ptr %58, align 8, !invariant.load !0
;;   %60 = load ptr, ptr %59, align 8, !invariant.load !0
;;   call void %60(ptr nonnull %vmctx, i32 5, i32 55) #4
;;   unreachable
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   store i64 %fuel, ptr %store, align 4
;;   %61 = getelementptr i8, ptr %vmctx, i64 16
;;   %62 = load ptr, ptr %61, align 8, !invariant.load !0
;;   %63 = load ptr, ptr %62, align 8, !invariant.load !0
;;   call void %63(ptr nonnull %vmctx, i32 10, i32 38) #4
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %"out of bounds memory access.skip", %entry
;;   %site = phi i32 [ 38, %entry ], [ 77, %"out of bounds memory access.skip" ]
;;   %64 = phi i64 [ %fuel, %entry ], [ %fuel23, %"out of bounds memory access.skip" ]
;;   store i64 %64, ptr %store, align 4
;;   %65 = getelementptr i8, ptr %vmctx, i64 16
;;   %66 = load ptr, ptr %65, align 8, !invariant.load !0
;;   %67 = load ptr, ptr %66, align 8, !invariant.load !0
;;   call void %67(ptr nonnull %vmctx, i32 11, i32 %site) #4
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %"out of fuel.skip14", %"out of fuel.skip"
;;   %site3 = phi i32 [ 38, %"out of fuel.skip" ], [ 77, %"out of fuel.skip14" ]
;;   %68 = phi i64 [ %fuel, %"out of fuel.skip" ], [ %fuel.slot.269, %"out of fuel.skip14" ]
;;   store i64 %68, ptr %store, align 4
;;   %69 = getelementptr i8, ptr %vmctx, i64 16
;;   %70 = load ptr, ptr %69, align 8, !invariant.load !0
;;   %71 = load ptr, ptr %70, align 8, !invariant.load !0
;;   call void %71(ptr nonnull %vmctx, i32 12, i32 %site3) #4
;;   unreachable
;; }
;;
;; ; Function Attrs: mustprogress nocallback nofree nosync nounwind willreturn
;; declare ptr @llvm.stacksave.p0() #1
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry0(ptr %0, ptr nocapture %1) #2 {
;; entry:
;;   %2 = load i32, ptr %1, align 4
;;   %3 = getelementptr i8, ptr %1, i64 8
;;   %4 = load i32, ptr %3, align 4
;;   %5 = tail call i32 @wasm_f0(ptr %0, i32 %2, i32 %4)
;;   store i32 %5, ptr %1, align 4
;;   ret void
;; }
;;
;; ; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
;; declare i64 @llvm.vector.reduce.add.v4i64(<4 x i64>) #3
;;
;; ; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
;; declare i32 @llvm.vector.reduce.add.v4i32(<4 x i32>) #3
;;
;; attributes #0 = { nounwind "disable-tail-calls"="true" "no-builtins" "probe-stack"="inline-asm" }
;; attributes #1 = { mustprogress nocallback nofree nosync nounwind willreturn }
;; attributes #2 = { nounwind "no-builtins" }
;; attributes #3 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }
;; attributes #4 = { cold noreturn nounwind }
;;
;; !0 = !{}
;; !1 = !{!"branch_weights", i32 1, i32 2000}
;; !2 = !{!"branch_weights", i32 2000, i32 1}
;; !3 = distinct !{!3, !4, !5}
;; !4 = !{!"llvm.loop.isvectorized", i32 1}
;; !5 = !{!"llvm.loop.unroll.runtime.disable"}
;; !6 = distinct !{!6, !5, !4}
;; !7 = !{!"branch_weights", i32 127, i32 255873}
