;; velocity-curve — reshape note-on velocities through an adjustable curve (event ABI).
;;
;; Hand-written WebAssembly text for midimon's event ABI, version 1 (docs/plugin-abi.md).
;; It exports
;;
;;     i32 midimon_event_abi_version()                      returns 1
;;     i32 midimon_on_event(i32 message, i64 timestamp_us)  handles one event
;;
;; and imports `midimon.param` (its three parameters) and `midimon.emit`. No memory: a
;; plugin needs one only to pass text to `midimon.log`.
;;
;; A note-on with a velocity v > 0 is re-sent at once (delay 0) with the velocity
;;
;;     x = v / 127
;;     y = x + amount * (sqrt(x) - x)   when amount >= 0 (softer: quiet notes come out louder)
;;     y = x - amount * (x * x - x)     when amount < 0  (harder: it takes force to be loud)
;;     out = clamp(nearest(min + y * (max - min)), 1, 127)
;;
;; and on_event returns 0 (handled: only what was emitted is sent). Every other message,
;; note-on with velocity 0 (a note-off) included, is passed through: on_event returns 1.
;;
;; Parameters (midimon.param index, manifest order):
;;   0 amount  -1..1, default 0.5   (0 = linear, 1 = square root, -1 = square)
;;   1 min     1..127, default 1    velocity sent for the softest note
;;   2 max     1..127, default 127  velocity sent for the hardest note (min > max inverts)
;; An absent parameter (NaN) takes its default; values are clamped to their ranges.
;;
;; Built by plugins/build with wat2wasm.
(module
  (import "midimon" "emit" (func $emit (param i32 i32) (result i32)))
  (import "midimon" "param" (func $param (param i32) (result f64)))

  (func (export "midimon_event_abi_version") (result i32)
    i32.const 1)

  ;; Parameter `index`, its default when absent (NaN), clamped to [low, high].
  (func $setting (param $index i32) (param $default f64) (param $low f64) (param $high f64)
                 (result f64)
    (local $v f64)
    local.get $index
    call $param
    local.tee $v
    local.get $v
    f64.ne                      ;; NaN is the only value unequal to itself
    if
      local.get $default
      local.set $v
    end
    local.get $v
    local.get $low
    f64.max
    local.get $high
    f64.min)

  (func (export "midimon_on_event") (param $message i32) (param $timestamp_us i64) (result i32)
    (local $velocity i32) (local $x f64) (local $y f64) (local $amount f64)
    (local $min f64) (local $max f64)

    ;; Only note-on (0x9n) with a velocity above 0 is reshaped.
    local.get $message
    i32.const 0xf0
    i32.and
    i32.const 0x90
    i32.ne
    if
      i32.const 1
      return
    end
    local.get $message
    i32.const 16
    i32.shr_u
    i32.const 0x7f
    i32.and
    local.tee $velocity
    i32.eqz
    if
      i32.const 1
      return
    end

    (local.set $amount (call $setting (i32.const 0) (f64.const 0.5) (f64.const -1) (f64.const 1)))
    (local.set $min (call $setting (i32.const 1) (f64.const 1) (f64.const 1) (f64.const 127)))
    (local.set $max (call $setting (i32.const 2) (f64.const 127) (f64.const 1) (f64.const 127)))

    ;; x = v / 127
    local.get $velocity
    f64.convert_i32_u
    f64.const 127
    f64.div
    local.set $x

    ;; y = x + |amount| * (curve(x) - x), curve = sqrt for amount >= 0, square below.
    local.get $x
    local.get $amount
    f64.abs
    local.get $amount
    f64.const 0
    f64.ge
    if (result f64)
      local.get $x
      f64.sqrt
    else
      local.get $x
      local.get $x
      f64.mul
    end
    local.get $x
    f64.sub
    f64.mul
    f64.add
    local.set $y

    ;; out = clamp(nearest(min + y * (max - min)), 1, 127), into bits 16-23 of the message.
    local.get $message
    i32.const 0xffff
    i32.and
    local.get $min
    local.get $y
    local.get $max
    local.get $min
    f64.sub
    f64.mul
    f64.add
    f64.nearest
    f64.const 1
    f64.max
    f64.const 127
    f64.min
    i32.trunc_f64_u
    i32.const 16
    i32.shl
    i32.or
    i32.const 0                 ;; delay_us: now
    call $emit
    drop                        ;; 1 = the host's queue was full; nothing better to do
    i32.const 0))
