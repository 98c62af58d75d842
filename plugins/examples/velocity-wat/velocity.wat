;; velocity — reshape how hard notes sound, by a velocity curve.
;;
;; A hand-written WebAssembly text plugin. It exports `memory` and
;;
;;     i64 on_event(i32 status, i32 data1, i32 data2, i64 timestamp_us)
;;
;; which takes one 3-byte MIDI message and returns the message to send on,
;; packed as status | data1 << 8 | data2 << 16. For note-on (0x9n) and
;; polyphonic pressure (0xAn) the third byte goes through a curve; note-off
;; (0x8n) and every other message come back unchanged. A note-on velocity of 0
;; (a note-off in disguise) stays 0; every other value maps into 1..127.
;;
;; Two curves sit in a function table and are reached by call_indirect:
;;   0  soft (the default): 127 * sqrt(v / 127), quiet playing comes out louder
;;   1  hard:               127 * (v / 127)^2,   it takes more force to be loud
;;     void set_curve(i32 index)  picks one (the index is taken modulo 2).
;; The 128 results are computed in f32 by a loop on the first call after
;; start-up or after set_curve, and kept as bytes at address 0 of memory.
;;
;; Built by plugins/build with wat2wasm. The mix of features (memory, mutable
;; globals, a table, call_indirect, br_table, block/loop/if, i64 and f32
;; arithmetic, a data segment) is deliberate: this is also a test input.
(module
  (type $curve_fn (func (param f32) (result f32)))

  (memory (export "memory") 1)

  ;; The curve table: index 0 soft, index 1 hard.
  (table 2 funcref)
  (elem (i32.const 0) $soft $hard)

  ;; Which curve is active, and whether the byte table matches it.
  (global $curve (mut i32) (i32.const 0))
  (global $ready (mut i32) (i32.const 0))

  ;; Byte table at 0..127; a name for hosts and tools after it.
  (data (i32.const 128) "velocity-curve\00")

  (func $soft (type $curve_fn) (param $x f32) (result f32)
    local.get $x
    f32.sqrt)

  (func $hard (type $curve_fn) (param $x f32) (result f32)
    local.get $x
    local.get $x
    f32.mul)

  ;; table[v] = clamp(nearest(127 * curve(v / 127)), 1, 127) for v in 1..127;
  ;; table[0] = 0.
  (func $build_table
    (local $v i32)
    i32.const 0
    i32.const 0
    i32.store8
    i32.const 1
    local.set $v
    loop $next
      local.get $v                     ;; address for the store below
      local.get $v
      f32.convert_i32_u
      f32.const 127
      f32.div
      global.get $curve
      call_indirect (type $curve_fn)
      f32.const 127
      f32.mul
      f32.nearest
      f32.const 1
      f32.max
      f32.const 127
      f32.min
      i32.trunc_f32_u
      i32.store8
      local.get $v
      i32.const 1
      i32.add
      local.tee $v
      i32.const 128
      i32.lt_u
      br_if $next
    end
    i32.const 1
    global.set $ready)

  (func (export "set_curve") (param $index i32)
    local.get $index
    i32.const 1
    i32.and
    global.set $curve
    i32.const 0
    global.set $ready)

  (func (export "on_event")
        (param $status i32) (param $data1 i32) (param $data2 i32)
        (param $timestamp_us i64) (result i64)
    local.get $status
    i32.const 0xff
    i32.and
    local.set $status
    local.get $data1
    i32.const 0x7f
    i32.and
    local.set $data1
    local.get $data2
    i32.const 0x7f
    i32.and
    local.set $data2

    block $pass
      block $shape
        ;; High nibble minus 8: 0 note-off, 1 note-on, 2 poly pressure.
        ;; Anything else (including data bytes below 0x80, which wrap to a
        ;; large unsigned index) takes the default: pass.
        local.get $status
        i32.const 4
        i32.shr_u
        i32.const 8
        i32.sub
        br_table $pass $shape $shape $pass
      end
      ;; $shape: replace the third byte by its curve entry.
      global.get $ready
      i32.eqz
      if
        call $build_table
      end
      local.get $data2
      i32.load8_u
      local.set $data2
    end

    ;; Pack status | data1 << 8 | data2 << 16 as i64.
    local.get $status
    i64.extend_i32_u
    local.get $data1
    i64.extend_i32_u
    i64.const 8
    i64.shl
    i64.or
    local.get $data2
    i64.extend_i32_u
    i64.const 16
    i64.shl
    i64.or))
