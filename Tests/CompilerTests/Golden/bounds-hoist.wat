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
;; @midimon_module_descriptor = local_unnamed_addr constant { i64, i64, ptr, i64, i64, ptr, ptr, ptr, i64, i64 } { i64 94099835581647181, i64 1, ptr @wasm_skeleton, i64 35, i64 1, ptr @wasm_functions, ptr @wasm_entries, ptr null, i64 64, i64 0 }, align 8
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
;;   %4 = getelementptr i8, ptr %store, i64 8
;;   %stack.limit = load i64, ptr %4, align 4
;;   %sp = call ptr @llvm.stacksave.p0()
;;   %5 = ptrtoint ptr %sp to i64
;;   %6 = icmp ugt i64 %stack.limit, %5
;;   br i1 %6, label %"call stack exhausted", label %loop.preheader, !prof !1
;;
;; loop.preheader:                                   ; preds = %entry
;;   %7 = icmp eq i32 %1, 0
;;   br i1 %7, label %block.end, label %br_if.next
;;
;; block.end:                                        ; preds = %"out of bounds memory access.skip", %loop.preheader
;;   %.08.lcssa = phi i32 [ 0, %loop.preheader ], [ %13, %"out of bounds memory access.skip" ]
;;   ret i32 %.08.lcssa
;;
;; br_if.next:                                       ; preds = %loop.preheader, %"out of bounds memory access.skip"
;;   %.013 = phi i32 [ %14, %"out of bounds memory access.skip" ], [ %0, %loop.preheader ]
;;   %.0812 = phi i32 [ %13, %"out of bounds memory access.skip" ], [ 0, %loop.preheader ]
;;   %.0911 = phi i32 [ %15, %"out of bounds memory access.skip" ], [ %1, %loop.preheader ]
;;   %8 = zext i32 %.013 to i64
;;   %9 = add nuw nsw i64 %8, 4
;;   %10 = icmp ugt i64 %9, %memory.size
;;   br i1 %10, label %"out of bounds memory access", label %"out of bounds memory access.skip", !prof !1
;;
;; "out of bounds memory access.skip":               ; preds = %br_if.next
;;   %11 = getelementptr i8, ptr %memory.base, i64 %8
;;   %12 = load i32, ptr %11, align 1
;;   %13 = add i32 %12, %.0812
;;   %14 = add i32 %.013, 4
;;   %15 = add i32 %.0911, -1
;;   %16 = icmp eq i32 %15, 0
;;   br i1 %16, label %block.end, label %br_if.next
;;
;; "out of bounds memory access":                    ; preds = %br_if.next
;;   %17 = getelementptr i8, ptr %vmctx, i64 16
;;   %18 = load ptr, ptr %17, align 8, !invariant.load !0
;;   %19 = load ptr, ptr %18, align 8, !invariant.load !0
;;   call void %19(ptr nonnull %vmctx, i32 5, i32 55) #3
;;   unreachable
;;
;; "call stack exhausted":                           ; preds = %entry
;;   %20 = getelementptr i8, ptr %vmctx, i64 16
;;   %21 = load ptr, ptr %20, align 8, !invariant.load !0
;;   %22 = load ptr, ptr %21, align 8, !invariant.load !0
;;   call void %22(ptr nonnull %vmctx, i32 10, i32 38) #3
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
;;   %5 = getelementptr i8, ptr %0, i64 8
;;   %memory.i = load ptr, ptr %5, align 8, !invariant.load !0
;;   %memory.base.i = load ptr, ptr %memory.i, align 8, !invariant.load !0
;;   %6 = getelementptr i8, ptr %memory.i, i64 8
;;   %memory.size.i = load i64, ptr %6, align 4
;;   %store.i = load ptr, ptr %0, align 8, !invariant.load !0
;;   %7 = getelementptr i8, ptr %store.i, i64 8
;;   %stack.limit.i = load i64, ptr %7, align 4
;;   %sp.i = tail call ptr @llvm.stacksave.p0()
;;   %8 = ptrtoint ptr %sp.i to i64
;;   %9 = icmp ugt i64 %stack.limit.i, %8
;;   br i1 %9, label %"call stack exhausted.i", label %loop.preheader.i, !prof !1
;;
;; loop.preheader.i:                                 ; preds = %entry
;;   %10 = icmp eq i32 %4, 0
;;   br i1 %10, label %wasm_f0.exit, label %br_if.next.i
;;
;; br_if.next.i:                                     ; preds = %loop.preheader.i, %"out of bounds memory access.skip.i"
;;   %.013.i = phi i32 [ %17, %"out of bounds memory access.skip.i" ], [ %2, %loop.preheader.i ]
;;   %.0812.i = phi i32 [ %16, %"out of bounds memory access.skip.i" ], [ 0, %loop.preheader.i ]
;;   %.0911.i = phi i32 [ %18, %"out of bounds memory access.skip.i" ], [ %4, %loop.preheader.i ]
;;   %11 = zext i32 %.013.i to i64
;;   %12 = add nuw nsw i64 %11, 4
;;   %13 = icmp ugt i64 %12, %memory.size.i
;;   br i1 %13, label %"out of bounds memory access.i", label %"out of bounds memory access.skip.i", !prof !1
;;
;; "out of bounds memory access.skip.i":             ; preds = %br_if.next.i
;;   %14 = getelementptr i8, ptr %memory.base.i, i64 %11
;;   %15 = load i32, ptr %14, align 1
;;   %16 = add i32 %15, %.0812.i
;;   %17 = add i32 %.013.i, 4
;;   %18 = add i32 %.0911.i, -1
;;   %19 = icmp eq i32 %18, 0
;;   br i1 %19, label %wasm_f0.exit, label %br_if.next.i
;;
;; "out of bounds memory access.i":                  ; preds = %br_if.next.i
;;   %20 = getelementptr i8, ptr %0, i64 16
;;   %21 = load ptr, ptr %20, align 8, !invariant.load !0
;;   %22 = load ptr, ptr %21, align 8, !invariant.load !0
;;   tail call void %22(ptr nonnull %0, i32 5, i32 55) #3
;;   unreachable
;;
;; "call stack exhausted.i":                         ; preds = %entry
;;   %23 = getelementptr i8, ptr %0, i64 16
;;   %24 = load ptr, ptr %23, align 8, !invariant.load !0
;;   %25 = load ptr, ptr %24, align 8, !invariant.load !0
;;   tail call void %25(ptr nonnull %0, i32 10, i32 38) #3
;;   unreachable
;;
;; wasm_f0.exit:                                     ; preds = %"out of bounds memory access.skip.i", %loop.preheader.i
;;   %.08.lcssa.i = phi i32 [ 0, %loop.preheader.i ], [ %16, %"out of bounds memory access.skip.i" ]
;;   store i32 %.08.lcssa.i, ptr %1, align 4
;;   ret void
;; }
;;
;; attributes #0 = { nounwind "disable-tail-calls"="true" "no-builtins" }
;; attributes #1 = { mustprogress nocallback nofree nosync nounwind willreturn }
;; attributes #2 = { nounwind "no-builtins" }
;; attributes #3 = { cold noreturn nounwind }
;;
;; !0 = !{}
;; !1 = !{!"branch_weights", i32 1, i32 2000}
