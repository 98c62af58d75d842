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
;;   br i1 %9, label %"call stack exhausted", label %"out of fuel.skip9", !prof !1
;;
;; block.end:                                        ; preds = %"deadline exceeded.skip12"
;;   %10 = zext i32 %1 to i64
;;   %.neg = mul nsw i64 %10, -17
;;   %11 = add i64 %.neg, %fuel
;;   %fuel18 = add nsw i64 %11, -4
;;   store i64 %fuel18, ptr %store, align 4
;;   ret i32 %.03646
;;
;; "out of fuel.skip9":                              ; preds = %"deadline exceeded.skip", %"out of bounds memory access.skip"
;;   %fuel.slot.048 = phi i64 [ %fuel17, %"out of bounds memory access.skip" ], [ %fuel, %"deadline exceeded.skip" ]
;;   %.047 = phi i32 [ %19, %"out of bounds memory access.skip" ], [ %0, %"deadline exceeded.skip" ]
;;   %.03646 = phi i32 [ %18, %"out of bounds memory access.skip" ], [ 0, %"deadline exceeded.skip" ]
;;   %.03745 = phi i32 [ %20, %"out of bounds memory access.skip" ], [ %1, %"deadline exceeded.skip" ]
;;   %interrupt10 = load atomic i64, ptr %6 monotonic, align 8
;;   %.not38 = icmp eq i64 %interrupt10, 0
;;   br i1 %.not38, label %"deadline exceeded.skip12", label %"deadline exceeded", !prof !2
;;
;; "deadline exceeded.skip12":                       ; preds = %"out of fuel.skip9"
;;   %12 = icmp eq i32 %.03745, 0
;;   br i1 %12, label %block.end, label %br_if.next
;;
;; br_if.next:                                       ; preds = %"deadline exceeded.skip12"
;;   %13 = zext i32 %.047 to i64
;;   %14 = add nuw nsw i64 %13, 4
;;   %15 = icmp ugt i64 %14, %memory.size
;;   br i1 %15, label %"out of bounds memory access", label %"out of bounds memory access.skip", !prof !1
;;
;; "out of bounds memory access.skip":               ; preds = %br_if.next
;;   %16 = getelementptr i8, ptr %memory.base, i64 %13
;;   %17 = load i32, ptr %16, align 1
;;   %18 = add i32 %17, %.03646
;;   %19 = add i32 %.047, 4
;;   %20 = add i32 %.03745, -1
;;   %fuel17 = add nsw i64 %fuel.slot.048, -17
;;   %21 = icmp slt i64 %fuel.slot.048, 17
;;   br i1 %21, label %"out of fuel", label %"out of fuel.skip9", !prof !3
;;
;; "out of bounds memory access":                    ; preds = %br_if.next
;;   %22 = add nsw i64 %fuel.slot.048, -6
;;   store i64 %22, ptr %store, align 4
;;   %23 = getelementptr i8, ptr %vmctx, i64 16
;;   %24 = load ptr, ptr %23, align 8, !invariant.load !0
;;   %25 = load ptr, ptr %24, align 8, !invariant.load !0
;;   call void %25(ptr nonnull %vmctx, i32 5, i32 55) #3
;;   unreachable
;;
;; "call stack exhausted":                           ; preds = %"deadline exceeded.skip"
;;   store i64 %fuel, ptr %store, align 4
;;   %26 = getelementptr i8, ptr %vmctx, i64 16
;;   %27 = load ptr, ptr %26, align 8, !invariant.load !0
;;   %28 = load ptr, ptr %27, align 8, !invariant.load !0
;;   call void %28(ptr nonnull %vmctx, i32 10, i32 38) #3
;;   unreachable
;;
;; "out of fuel":                                    ; preds = %"out of bounds memory access.skip", %entry
;;   %site = phi i32 [ 38, %entry ], [ 44, %"out of bounds memory access.skip" ]
;;   %29 = phi i64 [ %fuel, %entry ], [ %fuel17, %"out of bounds memory access.skip" ]
;;   store i64 %29, ptr %store, align 4
;;   %30 = getelementptr i8, ptr %vmctx, i64 16
;;   %31 = load ptr, ptr %30, align 8, !invariant.load !0
;;   %32 = load ptr, ptr %31, align 8, !invariant.load !0
;;   call void %32(ptr nonnull %vmctx, i32 11, i32 %site) #3
;;   unreachable
;;
;; "deadline exceeded":                              ; preds = %"out of fuel.skip9", %"out of fuel.skip"
;;   %site3 = phi i32 [ 38, %"out of fuel.skip" ], [ 44, %"out of fuel.skip9" ]
;;   %33 = phi i64 [ %fuel, %"out of fuel.skip" ], [ %fuel.slot.048, %"out of fuel.skip9" ]
;;   store i64 %33, ptr %store, align 4
;;   %34 = getelementptr i8, ptr %vmctx, i64 16
;;   %35 = load ptr, ptr %34, align 8, !invariant.load !0
;;   %36 = load ptr, ptr %35, align 8, !invariant.load !0
;;   call void %36(ptr nonnull %vmctx, i32 12, i32 %site3) #3
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
;; attributes #0 = { nounwind "disable-tail-calls"="true" "no-builtins" "probe-stack"="inline-asm" }
;; attributes #1 = { mustprogress nocallback nofree nosync nounwind willreturn }
;; attributes #2 = { nounwind "no-builtins" }
;; attributes #3 = { cold noreturn nounwind }
;;
;; !0 = !{}
;; !1 = !{!"branch_weights", i32 1, i32 2000}
;; !2 = !{!"branch_weights", i32 2000, i32 1}
;; !3 = !{!"branch_weights", i32 127, i32 255873}
