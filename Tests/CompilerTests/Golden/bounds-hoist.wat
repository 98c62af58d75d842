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
;;   %6 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit = load atomic i64, ptr %6 monotonic, align 8
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %7 = ptrtoint ptr %sp to i64
;;   %8 = icmp ugt i64 %stack.limit, %7
;;   br i1 %8, label %stack.check.failed, label %stack.check.ok, !prof !1
;;
;; stack.check.failed:                               ; preds = %"out of fuel.skip"
;;   %9 = icmp eq i64 %stack.limit, -1
;;   br i1 %9, label %"deadline exceeded", label %"deadline exceeded.skip", !prof !1
;;
;; stack.check.ok:                                   ; preds = %"out of fuel.skip"
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
;;   br i1 %22, label %loop.preheader, label %"out of fuel.skip15.lr.ph", !prof !2
;;
;; "out of fuel.skip15.lr.ph":                       ; preds = %stack.check.ok
;;   %23 = getelementptr i8, ptr %store, i64 16
;;   %24 = sub nsw i64 %fuel, %11
;;   br label %"out of fuel.skip15"
;;
;; loop.preheader:                                   ; preds = %stack.check.ok
;;   %invariant.gep = getelementptr inbounds i8, ptr %memory.base, i64 %13
;;   br i1 %20, label %block.end, label %br_if.next.preheader
;;
;; br_if.next.preheader:                             ; preds = %loop.preheader
;;   %min.iters.check = icmp ult i32 %1, 32
;;   br i1 %min.iters.check, label %br_if.next.preheader105, label %vector.ph
;;
;; br_if.next.preheader105:                          ; preds = %middle.block, %br_if.next.preheader
;;   %k.slot.072.ph = phi i64 [ 0, %br_if.next.preheader ], [ %n.vec, %middle.block ]
;;   %.171.ph = phi i32 [ 0, %br_if.next.preheader ], [ %35, %middle.block ]
;;   br label %br_if.next
;;
;; vector.ph:                                        ; preds = %br_if.next.preheader
;;   %n.vec = and i64 %10, 4294967264
;;   br label %vector.body
;;
;; vector.body:                                      ; preds = %vector.body, %vector.ph
;;   %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
;;   %vec.phi = phi <8 x i32> [ zeroinitializer, %vector.ph ], [ %30, %vector.body ]
;;   %vec.phi97 = phi <8 x i32> [ zeroinitializer, %vector.ph ], [ %31, %vector.body ]
;;   %vec.phi98 = phi <8 x i32> [ zeroinitializer, %vector.ph ], [ %32, %vector.body ]
;;   %vec.phi99 = phi <8 x i32> [ zeroinitializer, %vector.ph ], [ %33, %vector.body ]
;;   %25 = shl nuw nsw i64 %index, 2
;;   %26 = getelementptr inbounds i8, ptr %invariant.gep, i64 %25
;;   %27 = getelementptr inbounds i8, ptr %26, i64 32
;;   %28 = getelementptr inbounds i8, ptr %26, i64 64
;;   %29 = getelementptr inbounds i8, ptr %26, i64 96
;;   %wide.load = load <8 x i32>, ptr %26, align 1
;;   %wide.load100 = load <8 x i32>, ptr %27, align 1
;;   %wide.load101 = load <8 x i32>, ptr %28, align 1
;;   %wide.load102 = load <8 x i32>, ptr %29, align 1
;;   %30 = add <8 x i32> %wide.load, %vec.phi
;;   %31 = add <8 x i32> %wide.load100, %vec.phi97
;;   %32 = add <8 x i32> %wide.load101, %vec.phi98
;;   %33 = add <8 x i32> %wide.load102, %vec.phi99
;;   %index.next = add nuw i64 %index, 32
;;   %34 = icmp eq i64 %index.next, %n.vec
;;   br i1 %34, label %middle.block, label %vector.body, !llvm.loop !3
;;
;; middle.block:                                     ; preds = %vector.body
;;   %bin.rdx = add <8 x i32> %31, %30
;;   %bin.rdx103 = add <8 x i32> %32, %bin.rdx
;;   %bin.rdx104 = add <8 x i32> %33, %bin.rdx103
;;   %35 = call i32 @llvm.vector.reduce.add.v8i32(<8 x i32> %bin.rdx104)
;;   %cmp.n = icmp eq i64 %n.vec, %10
;;   br i1 %cmp.n, label %block.end.loopexit, label %br_if.next.preheader105
;;
;; "deadline exceeded.skip":                         ; preds = %stack.check.failed
;;   store i64 %fuel, ptr %store, align 4
;;   %36 = getelementptr i8, ptr %vmctx, i64 16
;;   %37 = load ptr, ptr %36, align 8, !invariant.load !0
;;   %38 = load ptr, ptr %37, align 8, !invariant.load !0
;;   call void %38(ptr nonnull %vmctx, i32 10, i32 38) #4
;;   unreachable
;;
;; block.end.loopexit:                               ; preds = %br_if.next, %middle.block
;;   %.lcssa = phi i32 [ %35, %middle.block ], [ %42, %br_if.next ]
;;   %39 = sub nsw i64 %fuel, %11
;;   br label %block.end
;;
;; block.end:                                        ; preds = %"deadline exceeded.skip17", %block.end.loopexit, %loop.preheader
;;   %.0 = phi i32 [ 0, %loop.preheader ], [ %.lcssa, %block.end.loopexit ], [ %.268, %"deadline exceeded.skip17" ]
;;   %fuel.slot.0.in = phi i64 [ %fuel, %loop.preheader ], [ %39, %block.end.loopexit ], [ %24, %"deadline exceeded.skip17" ]
;;   %fuel24 = add i64 %fuel.slot.0.in, -4
;;   store i64 %fuel24, ptr %store, align 4
;;   ret i32 %.0
;;
;; br_if.next:                                       ; preds = %br_if.next.preheader105, %br_if.next
;;   %k.slot.072 = phi i64 [ %43, %br_if.next ], [ %k.slot.072.ph, %br_if.next.preheader105 ]
;;   %.171 = phi i32 [ %42, %br_if.next ], [ %.171.ph, %br_if.next.preheader105 ]
;;   %40 = shl nuw nsw i64 %k.slot.072, 2
;;   %gep = getelementptr inbounds i8, ptr %invariant.gep, i64 %40
;;   %41 = load i32, ptr %gep, align 1
;;   %42 = add i32 %41, %.171
;;   %43 = add nuw nsw i64 %k.slot.072, 1
;;   %k.test = icmp eq i64 %43, %10
;;   br i1 %k.test, label %block.end.loopexit, label %br_if.next, !llvm.loop !6
;;
;; "out of fuel.skip15":                             ; preds = %"out of fuel.skip15.lr.ph", %"out of bounds memory access.skip"
;;   %fuel.slot.269 = phi i64 [ %fuel, %"out of fuel.skip15.lr.ph" ], [ %fuel23, %"out of bounds memory access.skip" ]
;;   %.268 = phi i32 [ 0, %"out of fuel.skip15.lr.ph" ], [ %50, %"out of bounds memory access.skip" ]
;;   %.15667 = phi i32 [ %1, %"out of fuel.skip15.lr.ph" ], [ %52, %"out of bounds memory access.skip" ]
;;   %.15866 = phi i32 [ %0, %"out of fuel.skip15.lr.ph" ], [ %51, %"out of bounds memory access.skip" ]
;;   %interrupt = load atomic i64, ptr %23 monotonic, align 8
;;   %.not = icmp eq i64 %interrupt, 0
;;   br i1 %.not, label %"deadline exceeded.skip17", label %"deadline exceeded", !prof !2
;;
;; "deadline exceeded.skip17":                       ; preds = %"out of fuel.skip15"
;;   %44 = icmp eq i32 %.15667, 0
;;   br i1 %44, label %block.end, label %br_if.next19
;;
;; br_if.next19:                                     ; preds = %"deadline exceeded.skip17"
;;   %45 = zext i32 %.15866 to i64
;;   %46 = add nuw nsw i64 %45, 4
;;   %47 = icmp ugt i64 %46, %memory.size
;;   br i1 %47, label %"out of bounds memory access", label %"out of bounds memory access.skip", !prof !1
;;
;; "out of bounds memory access.skip":               ; preds = %br_if.next19
;;   %48 = getelementptr inbounds i8, ptr %memory.base, i64 %45
;;   %49 = load i32, ptr %48, align 1
;;   %50 = add i32 %49, %.268
;;   %51 = add i32 %.15866, 4
;;   %52 = add i32 %.15667, -1
;;   %fuel23 = add nsw i64 %fuel.slot.269, -17
;;   %53 = icmp slt i64 %fuel.slot.269, 17
;;   br i1 %53, label %"out of fuel", label %"out of fuel.skip15", !prof !7
;;
;; "out of bounds memory access":                    ; preds = %br_if.next19
;;   %54 = add nsw i64 %fuel.slot.269, -6
;;   store i64 %54, ptr %store, align 4
;;   %55 = getelementptr i8, ptr %vmctx, i64 16
;;   %56 = load ptr, ptr %55, align 8, !invariant.load !0
;;   %57 = load ptr, ptr %56, align 8, !invariant.load !0
;;   call void %57(ptr nonnull %vmctx, i32 5, i32 55) #4
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %"out of bounds memory access.skip", %entry
;;   %site = phi i32 [ 38, %entry ], [ 77, %"out of bounds memory access.skip" ]
;;   %58 = phi i64 [ %fuel, %entry ], [ %fuel23, %"out of bounds memory access.skip" ]
;;   store i64 %58, ptr %store, align 4
;;   %59 = getelementptr i8, ptr %vmctx, i64 16
;;   %60 = load ptr, ptr %59, align 8, !invariant.load !0
;;   %61 = load ptr, ptr %60, align 8, !invariant.load !0
;;   call void %61(ptr nonnull %vmctx, i32 11, i32 %site) #4
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %"out of fuel.skip15", %stack.check.failed
;;   %site4 = phi i32 [ 38, %stack.check.failed ], [ 77, %"out of fuel.skip15" ]
;;   %62 = phi i64 [ %fuel, %stack.check.failed ], [ %fuel.slot.269, %"out of fuel.skip15" ]
;;   store i64 %62, ptr %store, align 4
;;   %63 = getelementptr i8, ptr %vmctx, i64 16
;;   %64 = load ptr, ptr %63, align 8, !invariant.load !0
;;   %65 = load ptr, ptr %64, align 8, !invariant.load !0
;;   call void %65(ptr nonnull %vmctx, i32 12, i32 %site4) #4
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
;; declare i32 @llvm.vector.reduce.add.v8i32(<8 x i32>) #3
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
