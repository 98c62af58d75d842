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
;;   br i1 %22, label %loop.preheader, label %"out of fuel.skip15.preheader", !prof !2
;;
;; "out of fuel.skip15.preheader":                   ; preds = %"call stack exhausted.skip"
;;   %23 = sub nsw i64 %fuel, %11
;;   br label %"out of fuel.skip15"
;;
;; loop.preheader:                                   ; preds = %"call stack exhausted.skip"
;;   %invariant.gep = getelementptr inbounds i8, ptr %memory.base, i64 %13
;;   br i1 %20, label %block.end, label %br_if.next.preheader
;;
;; br_if.next.preheader:                             ; preds = %loop.preheader
;;   %min.iters.check = icmp ult i32 %1, 32
;;   br i1 %min.iters.check, label %br_if.next.preheader107, label %vector.ph
;;
;; br_if.next.preheader107:                          ; preds = %middle.block, %br_if.next.preheader
;;   %k.slot.074.ph = phi i64 [ 0, %br_if.next.preheader ], [ %n.vec, %middle.block ]
;;   %.173.ph = phi i32 [ 0, %br_if.next.preheader ], [ %34, %middle.block ]
;;   br label %br_if.next
;;
;; vector.ph:                                        ; preds = %br_if.next.preheader
;;   %n.vec = and i64 %10, 4294967264
;;   br label %vector.body
;;
;; vector.body:                                      ; preds = %vector.body, %vector.ph
;;   %index = phi i64 [ 0, %vector.ph ], [ %index.next, %vector.body ]
;;   %vec.phi = phi <8 x i32> [ zeroinitializer, %vector.ph ], [ %29, %vector.body ]
;;   %vec.phi99 = phi <8 x i32> [ zeroinitializer, %vector.ph ], [ %30, %vector.body ]
;;   %vec.phi100 = phi <8 x i32> [ zeroinitializer, %vector.ph ], [ %31, %vector.body ]
;;   %vec.phi101 = phi <8 x i32> [ zeroinitializer, %vector.ph ], [ %32, %vector.body ]
;;   %24 = shl nuw nsw i64 %index, 2
;;   %25 = getelementptr inbounds i8, ptr %invariant.gep, i64 %24
;;   %26 = getelementptr inbounds i8, ptr %25, i64 32
;;   %27 = getelementptr inbounds i8, ptr %25, i64 64
;;   %28 = getelementptr inbounds i8, ptr %25, i64 96
;;   %wide.load = load <8 x i32>, ptr %25, align 1
;;   %wide.load102 = load <8 x i32>, ptr %26, align 1
;;   %wide.load103 = load <8 x i32>, ptr %27, align 1
;;   %wide.load104 = load <8 x i32>, ptr %28, align 1
;;   %29 = add <8 x i32> %wide.load, %vec.phi
;;   %30 = add <8 x i32> %wide.load102, %vec.phi99
;;   %31 = add <8 x i32> %wide.load103, %vec.phi100
;;   %32 = add <8 x i32> %wide.load104, %vec.phi101
;;   %index.next = add nuw i64 %index, 32
;;   %33 = icmp eq i64 %index.next, %n.vec
;;   br i1 %33, label %middle.block, label %vector.body, !llvm.loop !3
;;
;; middle.block:                                     ; preds = %vector.body
;;   %bin.rdx = add <8 x i32> %30, %29
;;   %bin.rdx105 = add <8 x i32> %31, %bin.rdx
;;   %bin.rdx106 = add <8 x i32> %32, %bin.rdx105
;;   %34 = call i32 @llvm.vector.reduce.add.v8i32(<8 x i32> %bin.rdx106)
;;   %cmp.n = icmp eq i64 %n.vec, %10
;;   br i1 %cmp.n, label %block.end.loopexit, label %br_if.next.preheader107
;;
;; block.end.loopexit:                               ; preds = %br_if.next, %middle.block
;;   %.lcssa = phi i32 [ %34, %middle.block ], [ %38, %br_if.next ]
;;   %35 = sub nsw i64 %fuel, %11
;;   br label %block.end
;;
;; block.end:                                        ; preds = %"deadline exceeded.skip18", %block.end.loopexit, %loop.preheader
;;   %.0 = phi i32 [ 0, %loop.preheader ], [ %.lcssa, %block.end.loopexit ], [ %.270, %"deadline exceeded.skip18" ]
;;   %fuel.slot.0.in = phi i64 [ %fuel, %loop.preheader ], [ %35, %block.end.loopexit ], [ %23, %"deadline exceeded.skip18" ]
;;   %fuel25 = add i64 %fuel.slot.0.in, -4
;;   store i64 %fuel25, ptr %store, align 4
;;   ret i32 %.0
;;
;; br_if.next:                                       ; preds = %br_if.next.preheader107, %br_if.next
;;   %k.slot.074 = phi i64 [ %39, %br_if.next ], [ %k.slot.074.ph, %br_if.next.preheader107 ]
;;   %.173 = phi i32 [ %38, %br_if.next ], [ %.173.ph, %br_if.next.preheader107 ]
;;   %36 = shl nuw nsw i64 %k.slot.074, 2
;;   %gep = getelementptr inbounds i8, ptr %invariant.gep, i64 %36
;;   %37 = load i32, ptr %gep, align 1
;;   %38 = add i32 %37, %.173
;;   %39 = add nuw nsw i64 %k.slot.074, 1
;;   %k.test = icmp eq i64 %39, %10
;;   br i1 %k.test, label %block.end.loopexit, label %br_if.next, !llvm.loop !6
;;
;; "out of fuel.skip15":                             ; preds = %"out of fuel.skip15.preheader", %"out of bounds memory access.skip"
;;   %fuel.slot.271 = phi i64 [ %fuel24, %"out of bounds memory access.skip" ], [ %fuel, %"out of fuel.skip15.preheader" ]
;;   %.270 = phi i32 [ %46, %"out of bounds memory access.skip" ], [ 0, %"out of fuel.skip15.preheader" ]
;;   %.15769 = phi i32 [ %48, %"out of bounds memory access.skip" ], [ %1, %"out of fuel.skip15.preheader" ]
;;   %.15968 = phi i32 [ %47, %"out of bounds memory access.skip" ], [ %0, %"out of fuel.skip15.preheader" ]
;;   %interrupt16 = load atomic i64, ptr %6 monotonic, align 8
;;   %.not60 = icmp eq i64 %interrupt16, 0
;;   br i1 %.not60, label %"deadline exceeded.skip18", label %"deadline exceeded", !prof !2
;;
;; "deadline exceeded.skip18":                       ; preds = %"out of fuel.skip15"
;;   %40 = icmp eq i32 %.15769, 0
;;   br i1 %40, label %block.end, label %br_if.next20
;;
;; br_if.next20:                                     ; preds = %"deadline exceeded.skip18"
;;   %41 = zext i32 %.15968 to i64
;;   %42 = add nuw nsw i64 %41, 4
;;   %43 = icmp ugt i64 %42, %memory.size
;;   br i1 %43, label %"out of bounds memory access", label %"out of bounds memory access.skip", !prof !1
;;
;; "out of bounds memory access.skip":               ; preds = %br_if.next20
;;   %44 = getelementptr inbounds i8, ptr %memory.base, i64 %41
;;   %45 = load i32, ptr %44, align 1
;;   %46 = add i32 %45, %.270
;;   %47 = add i32 %.15968, 4
;;   %48 = add i32 %.15769, -1
;;   %fuel24 = add nsw i64 %fuel.slot.271, -17
;;   %49 = icmp slt i64 %fuel.slot.271, 17
;;   br i1 %49, label %"out of fuel", label %"out of fuel.skip15", !prof !7
;;
;; "out of bounds memory access":                    ; preds = %br_if.next20
;;   %50 = add nsw i64 %fuel.slot.271, -6
;;   store i64 %50, ptr %store, align 4
;;   %51 = getelementptr i8, ptr %vmctx, i64 16
;;   %52 = load ptr, ptr %51, align 8, !invariant.load !0
;;   %53 = load ptr, ptr %52, align 8, !invariant.load !0
;;   call void %53(ptr nonnull %vmctx, i32 5, i32 55) #4
;;   unreachable
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   store i64 %fuel, ptr %store, align 4
;;   %54 = getelementptr i8, ptr %vmctx, i64 16
;;   %55 = load ptr, ptr %54, align 8, !invariant.load !0
;;   %56 = load ptr, ptr %55, align 8, !invariant.load !0
;;   call void %56(ptr nonnull %vmctx, i32 10, i32 38) #4
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %"out of bounds memory access.skip", %entry
;;   %site = phi i32 [ 38, %entry ], [ 77, %"out of bounds memory access.skip" ]
;;   %57 = phi i64 [ %fuel, %entry ], [ %fuel24, %"out of bounds memory access.skip" ]
;;   store i64 %57, ptr %store, align 4
;;   %58 = getelementptr i8, ptr %vmctx, i64 16
;;   %59 = load ptr, ptr %58, align 8, !invariant.load !0
;;   %60 = load ptr, ptr %59, align 8, !invariant.load !0
;;   call void %60(ptr nonnull %vmctx, i32 11, i32 %site) #4
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %"out of fuel.skip15", %"out of fuel.skip"
;;   %site3 = phi i32 [ 38, %"out of fuel.skip" ], [ 77, %"out of fuel.skip15" ]
;;   %61 = phi i64 [ %fuel, %"out of fuel.skip" ], [ %fuel.slot.271, %"out of fuel.skip15" ]
;;   store i64 %61, ptr %store, align 4
;;   %62 = getelementptr i8, ptr %vmctx, i64 16
;;   %63 = load ptr, ptr %62, align 8, !invariant.load !0
;;   %64 = load ptr, ptr %63, align 8, !invariant.load !0
;;   call void %64(ptr nonnull %vmctx, i32 12, i32 %site3) #4
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
