;; gates32.wat: the float32 gate loops of the fast path (LSTM, reset-after GRU, tanh rows) on f32x4 lanes, with a float32
;; polynomial exp; every buffer stays float64 (rounded on load, widened on store). Part of the module of scripts/build-wasm.ts.
  ;; The float32 fast path of the LSTM gate loop (setPrecision("float32")): exp, σ and tanh on f32x4 lanes.
  ;; exp32: e^x for four lanes to float32 accuracy: x clamped to [−87, 88], k = nearest(x·log₂e), r = x − k·ln2 (two-part ln2),
  ;; e^r by a degree-6 polynomial (truncation r⁷/7! < 1.2e-7 at |r| ≤ ln2/2), times 2^k built in the exponent bits.
  (func $exp32 (param $x v128) (result v128)
    (local $k v128) (local $r v128) (local $p v128)
    (local.set $x (f32x4.min (f32x4.max (local.get $x) (f32x4.splat (f32.const -87))) (f32x4.splat (f32.const 88))))
    (local.set $k (f32x4.nearest (f32x4.mul (local.get $x) (f32x4.splat (f32.const 1.44269504)))))
    (local.set $r (f32x4.sub (f32x4.sub (local.get $x) (f32x4.mul (local.get $k) (f32x4.splat (f32.const 0.693145752))))
                             (f32x4.mul (local.get $k) (f32x4.splat (f32.const 1.42860677e-6)))))
    (local.set $p (f32x4.add (f32x4.splat (f32.const 0.00138888889)) (f32x4.mul (local.get $r) (f32x4.splat (f32.const 0.000198412698)))))
    (local.set $p (f32x4.add (f32x4.splat (f32.const 0.00833333333)) (f32x4.mul (local.get $r) (local.get $p))))
    (local.set $p (f32x4.add (f32x4.splat (f32.const 0.0416666667)) (f32x4.mul (local.get $r) (local.get $p))))
    (local.set $p (f32x4.add (f32x4.splat (f32.const 0.166666667)) (f32x4.mul (local.get $r) (local.get $p))))
    (local.set $p (f32x4.add (f32x4.splat (f32.const 0.5)) (f32x4.mul (local.get $r) (local.get $p))))
    (local.set $p (f32x4.add (f32x4.splat (f32.const 1)) (f32x4.mul (local.get $r) (local.get $p))))
    (local.set $p (f32x4.add (f32x4.splat (f32.const 1)) (f32x4.mul (local.get $r) (local.get $p))))
    (f32x4.mul (local.get $p)
      (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $k)) (i32x4.splat (i32.const 127))) (i32.const 23))))

  ;; sig32: σ(x) = 1 / (1 + e^{−x}).
  (func $sig32 (param $x v128) (result v128)
    (f32x4.div (f32x4.splat (f32.const 1)) (f32x4.add (f32x4.splat (f32.const 1)) (call $exp32 (f32x4.neg (local.get $x))))))

  ;; tanh32: 1 − 2/(e^{2x} + 1), and x − x³/3 + 2x⁵/15 for |x| < 1/16 (where the first form loses relative accuracy).
  (func $tanh32 (param $x v128) (result v128)
    (local $x2 v128) (local $small v128)
    (local.set $x2 (f32x4.mul (local.get $x) (local.get $x)))
    (local.set $small (f32x4.mul (local.get $x) (f32x4.add (f32x4.splat (f32.const 1))
      (f32x4.mul (local.get $x2) (f32x4.add (f32x4.splat (f32.const -0.333333333)) (f32x4.mul (local.get $x2) (f32x4.splat (f32.const 0.133333333))))))))
    (v128.bitselect (local.get $small)
      (f32x4.sub (f32x4.splat (f32.const 1))
        (f32x4.div (f32x4.splat (f32.const 2)) (f32x4.add (call $exp32 (f32x4.add (local.get $x) (local.get $x))) (f32x4.splat (f32.const 1)))))
      (f32x4.lt (f32x4.abs (local.get $x)) (f32x4.splat (f32.const 0.0625)))))

  ;; ld4: four f64 at q rounded to one f32x4.  st4: one f32x4 widened to four f64 at q.
  (func $ld4 (param $q i32) (result v128)
    (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
      (f32x4.demote_f64x2_zero (v128.load (local.get $q))) (f32x4.demote_f64x2_zero (v128.load offset=16 (local.get $q)))))
  (func $st4 (param $q i32) (param $v v128)
    (v128.store (local.get $q) (f64x2.promote_low_f32x4 (local.get $v)))
    (v128.store offset=16 (local.get $q) (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $v) (local.get $v)))))

  ;; lstm32: the LSTM gate loop for B rows of H units (H a multiple of 4), all buffers float64: z [B, 4H] pre-activations are
  ;; overwritten by i, f, g, o = σ, σ, tanh, σ; then c' = f∗c + i∗g, tanh c', h' = o∗tanh c' into cn, tc, h [B, H] (c at pc [B, H]).
  ;; Computed in float32 lanes: the float32 fast path of lstmGateLoop.
  (func (export "lstm32") (param $pz i32) (param $pc i32) (param $pcn i32) (param $ptc i32) (param $ph i32) (param $B i32) (param $H i32)
    (local $b i32) (local $j i32) (local $hb i32) (local $qz i32) (local $qs i32)
    (local $i v128) (local $f v128) (local $g v128) (local $o v128) (local $c v128) (local $t v128)
    (local.set $hb (i32.shl (local.get $H) (i32.const 3)))
    (block $bend (loop $bl
      (br_if $bend (i32.ge_s (local.get $b) (local.get $B)))
      (local.set $j (i32.const 0))
      (block $jend (loop $jl
        (br_if $jend (i32.ge_s (local.get $j) (local.get $H)))
        (local.set $qz (i32.add (local.get $pz) (i32.shl (i32.add (i32.mul (local.get $b) (i32.shl (local.get $H) (i32.const 2))) (local.get $j)) (i32.const 3))))
        (local.set $qs (i32.shl (i32.add (i32.mul (local.get $b) (local.get $H)) (local.get $j)) (i32.const 3)))
        (local.set $i (call $sig32 (call $ld4 (local.get $qz))))
        (local.set $f (call $sig32 (call $ld4 (i32.add (local.get $qz) (local.get $hb)))))
        (local.set $g (call $tanh32 (call $ld4 (i32.add (local.get $qz) (i32.shl (local.get $hb) (i32.const 1))))))
        (local.set $o (call $sig32 (call $ld4 (i32.add (local.get $qz) (i32.mul (local.get $hb) (i32.const 3))))))
        (call $st4 (local.get $qz) (local.get $i))
        (call $st4 (i32.add (local.get $qz) (local.get $hb)) (local.get $f))
        (call $st4 (i32.add (local.get $qz) (i32.shl (local.get $hb) (i32.const 1))) (local.get $g))
        (call $st4 (i32.add (local.get $qz) (i32.mul (local.get $hb) (i32.const 3))) (local.get $o))
        (local.set $c (f32x4.add (f32x4.mul (local.get $f) (call $ld4 (i32.add (local.get $pc) (local.get $qs)))) (f32x4.mul (local.get $i) (local.get $g))))
        (local.set $t (call $tanh32 (local.get $c)))
        (call $st4 (i32.add (local.get $pcn) (local.get $qs)) (local.get $c))
        (call $st4 (i32.add (local.get $ptc) (local.get $qs)) (local.get $t))
        (call $st4 (i32.add (local.get $ph) (local.get $qs)) (f32x4.mul (local.get $o) (local.get $t)))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $jl)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $bl))))

  ;; tanh32rows: z ← tanh(z) in place for n float64 values at pz (n a multiple of 4), in float32 lanes: the float32 fast path of
  ;; the vanilla RNN's activation.
  (func (export "tanh32rows") (param $pz i32) (param $n i32)
    (local $q i32) (local $end i32)
    (local.set $q (local.get $pz))
    (local.set $end (i32.add (local.get $pz) (i32.shl (local.get $n) (i32.const 3))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $q) (local.get $end)))
      (call $st4 (local.get $q) (call $tanh32 (call $ld4 (local.get $q))))
      (local.set $q (i32.add (local.get $q) (i32.const 32)))
      (br $l))))

  ;; gru32: the reset-after GRU gate loop for B rows of H units (H a multiple of 4), float64 buffers, float32 lanes (the float32
  ;; fast path of gruResetAfterPointwise): r = σ(g_r + (gh_r + b_hr)), z = σ(g_z + (gh_z + b_hz)), hn = gh_n + b_hn,
  ;; n = tanh(g_n + r∗hn), h' = (1 − z)∗n + z∗h, from g, gh [B, 3H], b_hh [3H], h [B, H] into r, z, n, hn, h' [B, H].
  (func (export "gru32") (param $pg i32) (param $pgh i32) (param $pb i32) (param $php i32)
    (param $pr i32) (param $pz i32) (param $pn i32) (param $phn i32) (param $ph i32) (param $B i32) (param $H i32)
    (local $b i32) (local $j i32) (local $hb i32) (local $qg i32) (local $qs i32) (local $qb i32)
    (local $r v128) (local $z v128) (local $n v128) (local $hn v128)
    (local.set $hb (i32.shl (local.get $H) (i32.const 3)))
    (block $bend (loop $bl
      (br_if $bend (i32.ge_s (local.get $b) (local.get $B)))
      (local.set $j (i32.const 0))
      (block $jend (loop $jl
        (br_if $jend (i32.ge_s (local.get $j) (local.get $H)))
        (local.set $qg (i32.shl (i32.add (i32.mul (local.get $b) (i32.mul (local.get $H) (i32.const 3))) (local.get $j)) (i32.const 3)))
        (local.set $qs (i32.shl (i32.add (i32.mul (local.get $b) (local.get $H)) (local.get $j)) (i32.const 3)))
        (local.set $qb (i32.add (local.get $pb) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $r (call $sig32 (f32x4.add (call $ld4 (i32.add (local.get $pg) (local.get $qg)))
          (f32x4.add (call $ld4 (i32.add (local.get $pgh) (local.get $qg))) (call $ld4 (local.get $qb))))))
        (local.set $qg (i32.add (local.get $qg) (local.get $hb)))
        (local.set $qb (i32.add (local.get $qb) (local.get $hb)))
        (local.set $z (call $sig32 (f32x4.add (call $ld4 (i32.add (local.get $pg) (local.get $qg)))
          (f32x4.add (call $ld4 (i32.add (local.get $pgh) (local.get $qg))) (call $ld4 (local.get $qb))))))
        (local.set $qg (i32.add (local.get $qg) (local.get $hb)))
        (local.set $qb (i32.add (local.get $qb) (local.get $hb)))
        (local.set $hn (f32x4.add (call $ld4 (i32.add (local.get $pgh) (local.get $qg))) (call $ld4 (local.get $qb))))
        (local.set $n (call $tanh32 (f32x4.add (call $ld4 (i32.add (local.get $pg) (local.get $qg))) (f32x4.mul (local.get $r) (local.get $hn)))))
        (call $st4 (i32.add (local.get $pr) (local.get $qs)) (local.get $r))
        (call $st4 (i32.add (local.get $pz) (local.get $qs)) (local.get $z))
        (call $st4 (i32.add (local.get $pn) (local.get $qs)) (local.get $n))
        (call $st4 (i32.add (local.get $phn) (local.get $qs)) (local.get $hn))
        (call $st4 (i32.add (local.get $ph) (local.get $qs))
          (f32x4.add (f32x4.mul (f32x4.sub (f32x4.splat (f32.const 1)) (local.get $z)) (local.get $n))
                     (f32x4.mul (local.get $z) (call $ld4 (i32.add (local.get $php) (local.get $qs))))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $jl)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $bl))))
