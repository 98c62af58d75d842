;;! opt-level = 2
;; After the pipeline: the loop is versioned. Its fast copy has no bounds or fuel check, exits
;; on the iteration count (so LLVM charges its fuel in one subtraction and vectorises it with
;; inbounds addresses); the checked copy keeps a check per access and per iteration.
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
;; @wasm_functions = private constant [1 x ptr] [ptr @wasm_host_f0], align 8
;; @wasm_entries = private constant [1 x ptr] [ptr @wasm_entry0], align 8
;; @wasm_body_offsets = private constant [1 x i32] [i32 38], align 8
;; @midimon_module_descriptor = local_unnamed_addr constant { i64, i64, ptr, i64, i64, ptr, ptr, ptr, i64, i64, ptr } { i64 94099835581647181, i64 3, ptr @wasm_skeleton, i64 35, i64 1, ptr @wasm_functions, ptr @wasm_entries, ptr null, i64 64, i64 1, ptr @wasm_body_offsets }, align 8
;;
;; ; Function Attrs: mustprogress nocallback nofree nosync nounwind willreturn
;; declare ptr @llvm.stacksave.p0() #0
;;
;; ; Function Attrs: nounwind
;; define internal i32 @wasm_host_f0(ptr %0, i32 %1, i32 %2) #1 {
;; entry:
;;   %store = load ptr, ptr %0, align 8
;;   %fuel = load i64, ptr %store, align 4
;;   %3 = getelementptr i8, ptr %0, i64 8
;;   %memory.i = load ptr, ptr %3, align 8, !invariant.load !0
;;   %memory.base.i = load ptr, ptr %memory.i, align 8, !invariant.load !0
;;   %4 = getelementptr i8, ptr %memory.i, i64 8
;;   %memory.size.i = load i64, ptr %4, align 4
;;   %fuel.i = add i64 %fuel, -1
;;   %5 = icmp slt i64 %fuel.i, 0
;;   br i1 %5, label %"out of fuel.i", label %"out of fuel.skip.i", !prof !1
;;
;; "out of fuel.skip.i":                             ; preds = %entry
;;   %6 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit.i = load atomic i64, ptr %6 monotonic, align 8
;;   %sp.i = call ptr @llvm.stacksave.p0()
;;   %7 = ptrtoint ptr %sp.i to i64
;;   %8 = icmp ugt i64 %stack.limit.i, %7
;;   br i1 %8, label %stack.check.failed.i, label %stack.check.ok.i, !prof !1
;;
;; stack.check.failed.i:                             ; preds = %"out of fuel.skip.i"
;;   %9 = icmp eq i64 %stack.limit.i, -1
;;   br i1 %9, label %"deadline exceeded.i", label %"deadline exceeded.skip.i", !prof !1
;;
;; stack.check.ok.i:                                 ; preds = %"out of fuel.skip.i"
;;   %10 = zext i32 %2 to i64
;;   %11 = mul nuw nsw i64 %10, 17
;;   %fuel.needed.i = add nuw nsw i64 %11, 17
;;   %12 = icmp uge i64 %fuel.i, %fuel.needed.i
;;   %13 = zext i32 %1 to i64
;;   %14 = shl nuw nsw i64 %10, 2
;;   %15 = add nuw nsw i64 %14, %13
;;   %16 = add nsw i64 %15, -4
;;   %17 = icmp ult i64 %16, 4294967296
;;   %18 = icmp ule i64 %15, %memory.size.i
;;   %19 = and i1 %17, %18
;;   %20 = icmp eq i32 %2, 0
;;   %21 = or i1 %20, %19
;;   %22 = and i1 %12, %21
;;   br i1 %22, label %loop.preheader.i, label %loop13.preheader.i, !prof !2
;;
;; loop13.preheader.i:                               ; preds = %stack.check.ok.i
;;   %23 = getelementptr i8, ptr %store, i64 16
;;   %interrupt64.i = load atomic i64, ptr %23 monotonic, align 8
;;   %24 = icmp slt i64 %fuel.i, %interrupt64.i
;;   br i1 %24, label %"deadline exceeded.i", label %loop.check.ok.preheader.i, !prof !3
;;
;; loop.check.ok.preheader.i:                        ; preds = %loop13.preheader.i
;;   %25 = sub nsw i64 %fuel.i, %11
;;   br label %loop.check.ok.i
;;
;; loop.preheader.i:                                 ; preds = %stack.check.ok.i
;;   %invariant.gep.i = getelementptr inbounds i8, ptr %memory.base.i, i64 %13
;;   br i1 %20, label %wasm_f0.exit, label %br_if.next.i.preheader
;;
;; br_if.next.i.preheader:                           ; preds = %loop.preheader.i
;;   %min.iters.check = icmp ult i32 %2, 32
;;   br i1 %min.iters.check, label %br_if.next.i.preheader26, label %vector.ph
;;
;; br_if.next.i.preheader26:                         ; preds = %middle.block, %br_if.next.i.preheader
;;   %k.slot.071.i.ph = phi i64 [ 0, %br_if.next.i.preheader ], [ %n.vec, %middle.block ]
;;   %.170.i.ph = phi i32 [ 0, %br_if.next.i.preheader ], [ %36, %middle.block ]
;;   br label %br_if.next.i
;;
;; vector.ph:                                        ; preds = %br_if.next.i.preheader
;;   %n.vec = and i64 %10, 4294967264
;;   br label %vector.body
;;
;; vector.body:                                      ; preds = %vector.body, %vector.ph
;;   %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
;;   %vec.phi = phi <8 x i32> [ zeroinitializer, %vector.ph ], [ %31, %vector.body ]
;;   %vec.phi18 = phi <8 x i32> [ zeroinitializer, %vector.ph ], [ %32, %vector.body ]
;;   %vec.phi19 = phi <8 x i32> [ zeroinitializer, %vector.ph ], [ %33, %vector.body ]
;;   %vec.phi20 = phi <8 x i32> [ zeroinitializer, %vector.ph ], [ %34, %vector.body ]
;;   %26 = shl nuw nsw i64 %index, 2
;;   %27 = getelementptr inbounds i8, ptr %invariant.gep.i, i64 %26
;;   %28 = getelementptr inbounds i8, ptr %27, i64 32
;;   %29 = getelementptr inbounds i8, ptr %27, i64 64
;;   %30 = getelementptr inbounds i8, ptr %27, i64 96
;;   %wide.load = load <8 x i32>, ptr %27, align 1
;;   %wide.load21 = load <8 x i32>, ptr %28, align 1
;;   %wide.load22 = load <8 x i32>, ptr %29, align 1
;;   %wide.load23 = load <8 x i32>, ptr %30, align 1
;;   %31 = add <8 x i32> %wide.load, %vec.phi
;;   %32 = add <8 x i32> %wide.load21, %vec.phi18
;;   %33 = add <8 x i32> %wide.load22, %vec.phi19
;;   %34 = add <8 x i32> %wide.load23, %vec.phi20
;;   %index.next = add nuw i64 %index, 32
;;   %35 = icmp eq i64 %index.next, %n.vec
;;   br i1 %35, label %middle.block, label %vector.body, !llvm.loop !4
;;
;; middle.block:                                     ; preds = %vector.body
;;   %bin.rdx = add <8 x i32> %32, %31
;;   %bin.rdx24 = add <8 x i32> %33, %bin.rdx
;;   %bin.rdx25 = add <8 x i32> %34, %bin.rdx24
;;   %36 = call i32 @llvm.vector.reduce.add.v8i32(<8 x i32> %bin.rdx25)
;;   %cmp.n = icmp eq i64 %n.vec, %10
;;   br i1 %cmp.n, label %block.end.loopexit.i, label %br_if.next.i.preheader26
;;
;; "deadline exceeded.skip.i":                       ; preds = %stack.check.failed.i
;;   store i64 %fuel.i, ptr %store, align 4
;;   %37 = getelementptr i8, ptr %0, i64 16
;;   %38 = load ptr, ptr %37, align 8, !invariant.load !0
;;   %39 = load ptr, ptr %38, align 8, !invariant.load !0
;;   call void %39(ptr nonnull %0, i32 10, i32 38) #4
;;   unreachable
;;
;; block.end.loopexit.i:                             ; preds = %br_if.next.i, %middle.block
;;   %.lcssa = phi i32 [ %36, %middle.block ], [ %43, %br_if.next.i ]
;;   %40 = sub nsw i64 %fuel.i, %11
;;   br label %wasm_f0.exit
;;
;; br_if.next.i:                                     ; preds = %br_if.next.i.preheader26, %br_if.next.i
;;   %k.slot.071.i = phi i64 [ %44, %br_if.next.i ], [ %k.slot.071.i.ph, %br_if.next.i.preheader26 ]
;;   %.170.i = phi i32 [ %43, %br_if.next.i ], [ %.170.i.ph, %br_if.next.i.preheader26 ]
;;   %41 = shl nuw nsw i64 %k.slot.071.i, 2
;;   %gep.i = getelementptr inbounds i8, ptr %invariant.gep.i, i64 %41
;;   %42 = load i32, ptr %gep.i, align 1
;;   %43 = add i32 %42, %.170.i
;;   %44 = add nuw nsw i64 %k.slot.071.i, 1
;;   %k.test.i = icmp eq i64 %44, %10
;;   br i1 %k.test.i, label %block.end.loopexit.i, label %br_if.next.i, !llvm.loop !7
;;
;; loop.check.failed.i:                              ; preds = %"out of bounds memory access.skip.i"
;;   %45 = icmp slt i64 %fuel22.i, 0
;;   br i1 %45, label %"out of fuel.i", label %"deadline exceeded.i", !prof !8
;;
;; loop.check.ok.i:                                  ; preds = %"out of bounds memory access.skip.i", %loop.check.ok.preheader.i
;;   %fuel.slot.268.i = phi i64 [ %fuel22.i, %"out of bounds memory access.skip.i" ], [ %fuel.i, %loop.check.ok.preheader.i ]
;;   %.267.i = phi i32 [ %52, %"out of bounds memory access.skip.i" ], [ 0, %loop.check.ok.preheader.i ]
;;   %.15666.i = phi i32 [ %54, %"out of bounds memory access.skip.i" ], [ %2, %loop.check.ok.preheader.i ]
;;   %.15865.i = phi i32 [ %53, %"out of bounds memory access.skip.i" ], [ %1, %loop.check.ok.preheader.i ]
;;   %46 = icmp eq i32 %.15666.i, 0
;;   br i1 %46, label %wasm_f0.exit, label %br_if.next18.i
;;
;; br_if.next18.i:                                   ; preds = %loop.check.ok.i
;;   %47 = zext i32 %.15865.i to i64
;;   %48 = add nuw nsw i64 %47, 4
;;   %49 = icmp ugt i64 %48, %memory.size.i
;;   br i1 %49, label %"out of bounds memory access.i", label %"out of bounds memory access.skip.i", !prof !1
;;
;; "out of bounds memory access.skip.i":             ; preds = %br_if.next18.i
;;   %50 = getelementptr inbounds i8, ptr %memory.base.i, i64 %47
;;   %51 = load i32, ptr %50, align 1
;;   %52 = add i32 %51, %.267.i
;;   %53 = add i32 %.15865.i, 4
;;   %54 = add i32 %.15666.i, -1
;;   %fuel22.i = add i64 %fuel.slot.268.i, -17
;;   %interrupt.i = load atomic i64, ptr %23 monotonic, align 8
;;   %55 = icmp slt i64 %fuel22.i, %interrupt.i
;;   br i1 %55, label %loop.check.failed.i, label %loop.check.ok.i, !prof !9
;;
;; "out of bounds memory access.i":                  ; preds = %br_if.next18.i
;;   %56 = add i64 %fuel.slot.268.i, -6
;;   store i64 %56, ptr %store, align 4
;;   %57 = getelementptr i8, ptr %0, i64 16
;;   %58 = load ptr, ptr %57, align 8, !invariant.load !0
;;   %59 = load ptr, ptr %58, align 8, !invariant.load !0
;;   call void %59(ptr nonnull %0, i32 5, i32 55) #4
;;   unreachable
;;
;; "out of fuel.i":                                  ; preds = %loop.check.failed.i, %entry
;;   %site.i = phi i32 [ 38, %entry ], [ 77, %loop.check.failed.i ]
;;   %60 = phi i64 [ %fuel.i, %entry ], [ %fuel22.i, %loop.check.failed.i ]
;;   store i64 %60, ptr %store, align 4
;;   %61 = getelementptr i8, ptr %0, i64 16
;;   %62 = load ptr, ptr %61, align 8, !invariant.load !0
;;   %63 = load ptr, ptr %62, align 8, !invariant.load !0
;;   call void %63(ptr nonnull %0, i32 11, i32 %site.i) #4
;;   unreachable
;;
;; "deadline exceeded.i":                            ; preds = %loop.check.failed.i, %loop13.preheader.i, %stack.check.failed.i
;;   %site4.i = phi i32 [ 38, %stack.check.failed.i ], [ 77, %loop.check.failed.i ], [ 77, %loop13.preheader.i ]
;;   %64 = phi i64 [ %fuel.i, %stack.check.failed.i ], [ %fuel22.i, %loop.check.failed.i ], [ %fuel.i, %loop13.preheader.i ]
;;   store i64 %64, ptr %store, align 4
;;   %65 = getelementptr i8, ptr %0, i64 16
;;   %66 = load ptr, ptr %65, align 8, !invariant.load !0
;;   %67 = load ptr, ptr %66, align 8, !invariant.load !0
;;   call void %67(ptr nonnull %0, i32 12, i32 %site4.i) #4
;;   unreachable
;;
;; wasm_f0.exit:                                     ; preds = %loop.check.ok.i, %loop.preheader.i, %block.end.loopexit.i
;;   %.0.i = phi i32 [ 0, %loop.preheader.i ], [ %.lcssa, %block.end.loopexit.i ], [ %.267.i, %loop.check.ok.i ]
;;   %fuel.slot.0.in.i = phi i64 [ %fuel.i, %loop.preheader.i ], [ %40, %block.end.loopexit.i ], [ %25, %loop.check.ok.i ]
;;   %fuel23.i = add i64 %fuel.slot.0.in.i, -4
;;   store i64 %fuel23.i, ptr %store, align 4
;;   ret i32 %.0.i
;; }
;;
;; ; Function Attrs: nounwind
;; define internal void @wasm_entry0(ptr %0, ptr nocapture %1) #2 {
;; entry:
;;   %2 = load i32, ptr %1, align 4
;;   %3 = getelementptr i8, ptr %1, i64 8
;;   %4 = load i32, ptr %3, align 4
;;   %5 = tail call i32 @wasm_host_f0(ptr %0, i32 %2, i32 %4)
;;   store i32 %5, ptr %1, align 4
;;   ret void
;; }
;;
;; ; Function Attrs: nocallback nofree nosync nounwind speculatable willreturn memory(none)
;; declare i32 @llvm.vector.reduce.add.v8i32(<8 x i32>) #3
;;
;; attributes #0 = { mustprogress nocallback nofree nosync nounwind willreturn }
;; attributes #1 = { nounwind "disable-tail-calls"="true" "no-builtins" "probe-stack"="inline-asm" }
;; attributes #2 = { nounwind "no-builtins" }
;; attributes #3 = { nocallback nofree nosync nounwind speculatable willreturn memory(none) }
;; attributes #4 = { cold noreturn nounwind }
;;
;; !0 = !{}
;; !1 = !{!"branch_weights", i32 1, i32 2000}
;; !2 = !{!"branch_weights", i32 2000, i32 1}
;; !3 = !{!"branch_weights", i32 1, i32 127}
;; !4 = distinct !{!4, !5, !6}
;; !5 = !{!"llvm.loop.isvectorized", i32 1}
;; !6 = !{!"llvm.loop.unroll.runtime.disable"}
;; !7 = distinct !{!7, !6, !5}
;; !8 = !{!"branch_weights", i32 1639930, i32 2145843718}
;; !9 = !{!"branch_weights", i32 127, i32 255873}
