;; libm64x2.wat: libm64.wat's exp, expm1, tanh and σ on two lanes (f64x2) for the gate loops, lane for lane the scalar
;; functions' bits. Part of the module of scripts/build-wasm.ts.
  ;; ---- the same exp, expm1 and tanh on two lanes (f64x2) for the gate loop ----
  ;; Each lane performs exactly the scalar function's operations: the branches of fdlibm become lane selects, using that
  ;; for the inputs taken here the general reduction gives the bits of the special cases (k = ±1: t·ln2_hi = ±ln2_hi
  ;; exactly; k = 0: hi = x, lo = 0, and 0 − q = −q, so exp's k = 0 formula has the same value), and that the
  ;; thresholds on the high word are exact comparisons of |x| with doubles (|x| > 0x3FD62E42_xxxxxxxx ⟺ |x| ≥ 0x1.62e43p-2).
  ;; Lanes outside the vector formulas' range (exp: |x| ≥ 708 or NaN; tanh: |x| ≥ 22 or NaN) run the scalar functions.
;; 2^k and 2^−k for lanes holding integer doubles k are built in the exponent bits like fdlibm's INSERT_WORDS: k + 1.5·2^52 holds
;; 0x4338000000000000 + k as a 64-bit integer, and shifted left by 52 the constant part vanishes: ((k + 1.5·2^52) ± 1023) << 52.

  ;; $exp64x2: $exp64 on both lanes
  (func $exp64x2 (param $x v128) (result v128)
    (local $ax v128) (local $k v128) (local $hi v128) (local $lo v128) (local $r v128) (local $t v128) (local $c v128) (local $y v128)
    (local.set $ax (f64x2.abs (local.get $x)))
    (if (i32.eqz (i64x2.all_true (f64x2.lt (local.get $ax) (f64x2.splat (f64.const 708))))) (then
      (return (f64x2.replace_lane 1 (f64x2.splat (call $exp64 (f64x2.extract_lane 0 (local.get $x)))) (call $exp64 (f64x2.extract_lane 1 (local.get $x)))))))
    ;; k = (int)(x/ln2 ± 1/2) (a truncation, as the C cast) as doubles where |x| > 0.5·ln2 (fdlibm's hx > 0x3FD62E42), else +0
    (local.set $k (v128.and
      (f64x2.trunc (f64x2.add (f64x2.mul (f64x2.splat (f64.const 0x1.71547652b82fep0)) (local.get $x))
        (v128.or (f64x2.splat (f64.const 0.5)) (v128.and (local.get $x) (v128.const i64x2 0x8000000000000000 0x8000000000000000)))))
      (f64x2.ge (f64x2.abs (local.get $x)) (f64x2.splat (f64.const 0x1.62e43p-2)))))
    (local.set $hi (f64x2.sub (local.get $x) (f64x2.mul (local.get $k) (f64x2.splat (f64.const 0x1.62e42fee00000p-1)))))
    (local.set $lo (f64x2.mul (local.get $k) (f64x2.splat (f64.const 0x1.a39ef35793c76p-33))))
    (local.set $r (f64x2.sub (local.get $hi) (local.get $lo)))
    (local.set $t (f64x2.mul (local.get $r) (local.get $r)))
    (local.set $c (f64x2.sub (local.get $r) (f64x2.mul (local.get $t)
      (f64x2.add (f64x2.splat (f64.const 0x1.555555555553ep-3)) (f64x2.mul (local.get $t)
      (f64x2.add (f64x2.splat (f64.const -0x1.6c16c16bebd93p-9)) (f64x2.mul (local.get $t)
      (f64x2.add (f64x2.splat (f64.const 0x1.1566aaf25de2cp-14)) (f64x2.mul (local.get $t)
      (f64x2.add (f64x2.splat (f64.const -0x1.bbd41c5d26bf1p-20)) (f64x2.mul (local.get $t) (f64x2.splat (f64.const 0x1.6376972bea4d0p-25)))))))))))))
    (local.set $y (f64x2.sub (f64x2.splat (f64.const 1)) (f64x2.sub (f64x2.sub (local.get $lo)
      (f64x2.div (f64x2.mul (local.get $r) (local.get $c)) (f64x2.sub (f64x2.splat (f64.const 2)) (local.get $c)))) (local.get $hi))))
    (local.set $y (f64x2.mul (local.get $y) (i64x2.shl (i64x2.add (f64x2.add (local.get $k) (f64x2.splat (f64.const 0x1.8p52))) (i64x2.splat (i64.const 1023))) (i32.const 52))))
    ;; |x| < 2^-28: 1 + x;  x = 1: V8's correctly rounded e
    (local.set $y (v128.bitselect (f64x2.add (f64x2.splat (f64.const 1)) (local.get $x)) (local.get $y) (f64x2.lt (local.get $ax) (f64x2.splat (f64.const 0x1p-28)))))
    (v128.bitselect (f64x2.splat (f64.const 0x1.5bf0a8b145769p1)) (local.get $y) (f64x2.eq (local.get $x) (f64x2.splat (f64.const 1)))))

  ;; $expm1_64x2: $expm1_64 on both lanes for tanh's arguments only: x in [2, 44) or (−2, −2^-27], where neither of expm1's
  ;; early returns applies and k is never 1 (k ∈ {0, −1, −2, −3} or 3 … 63); every other case of k is computed, each lane takes its own.
  (func $expm1_64x2 (param $x v128) (result v128)
    (local $k v128) (local $hi v128) (local $lo v128) (local $c v128) (local $r v128) (local $hfx v128) (local $hxs v128)
    (local $r1 v128) (local $t v128) (local $e v128) (local $twopk v128) (local $twomk v128) (local $y v128)
    ;; k = (int)(x/ln2 ± 1/2) (a truncation, as the C cast) as doubles where |x| > 0.5·ln2 (fdlibm's hx > 0x3FD62E42), else +0
    (local.set $k (v128.and
      (f64x2.trunc (f64x2.add (f64x2.mul (f64x2.splat (f64.const 0x1.71547652b82fep0)) (local.get $x))
        (v128.or (f64x2.splat (f64.const 0.5)) (v128.and (local.get $x) (v128.const i64x2 0x8000000000000000 0x8000000000000000)))))
      (f64x2.ge (f64x2.abs (local.get $x)) (f64x2.splat (f64.const 0x1.62e43p-2)))))
    (local.set $hi (f64x2.sub (local.get $x) (f64x2.mul (local.get $k) (f64x2.splat (f64.const 0x1.62e42fee00000p-1)))))
    (local.set $lo (f64x2.mul (local.get $k) (f64x2.splat (f64.const 0x1.a39ef35793c76p-33))))
    (local.set $r (f64x2.sub (local.get $hi) (local.get $lo)))
    (local.set $c (f64x2.sub (f64x2.sub (local.get $hi) (local.get $r)) (local.get $lo)))
    (local.set $hfx (f64x2.mul (f64x2.splat (f64.const 0.5)) (local.get $r)))
    (local.set $hxs (f64x2.mul (local.get $r) (local.get $hfx)))
    (local.set $r1 (f64x2.add (f64x2.splat (f64.const 1)) (f64x2.mul (local.get $hxs)
      (f64x2.add (f64x2.splat (f64.const -0x1.11111111110f4p-5)) (f64x2.mul (local.get $hxs)
      (f64x2.add (f64x2.splat (f64.const 0x1.a01a019fe5585p-10)) (f64x2.mul (local.get $hxs)
      (f64x2.add (f64x2.splat (f64.const -0x1.4ce199eaadbb7p-14)) (f64x2.mul (local.get $hxs)
      (f64x2.add (f64x2.splat (f64.const 0x1.0cfca86e65239p-18)) (f64x2.mul (local.get $hxs) (f64x2.splat (f64.const -0x1.afdb76e09c32dp-23)))))))))))))
    (local.set $t (f64x2.sub (f64x2.splat (f64.const 3)) (f64x2.mul (local.get $r1) (local.get $hfx))))
    (local.set $e (f64x2.mul (local.get $hxs) (f64x2.div (f64x2.sub (local.get $r1) (local.get $t))
      (f64x2.sub (f64x2.splat (f64.const 6)) (f64x2.mul (local.get $r) (local.get $t))))))
    ;; k = 0
    (local.set $y (f64x2.sub (local.get $r) (f64x2.sub (f64x2.mul (local.get $r) (local.get $e)) (local.get $hxs))))
    (if (v128.any_true (f64x2.ne (local.get $k) (f64x2.splat (f64.const 0)))) (then
      (local.set $e (f64x2.sub (f64x2.sub (f64x2.mul (local.get $r) (f64x2.sub (local.get $e) (local.get $c))) (local.get $c)) (local.get $hxs)))
      (local.set $twopk (i64x2.shl (i64x2.add (f64x2.add (local.get $k) (f64x2.splat (f64.const 0x1.8p52))) (i64x2.splat (i64.const 1023))) (i32.const 52)))
      ;; 2 ≤ k < 20: (1 − 2^−k − (e − r))·2^k;  20 ≤ k ≤ 56: ((r − (e + 2^−k)) + 1)·2^k (only when some lane has k > 0)
      (if (v128.any_true (f64x2.gt (local.get $k) (f64x2.splat (f64.const 0)))) (then
        (local.set $twomk (i64x2.shl (i64x2.sub (i64x2.splat (i64.const 1023)) (f64x2.add (local.get $k) (f64x2.splat (f64.const 0x1.8p52)))) (i32.const 52)))
        (local.set $t (v128.bitselect
          (f64x2.mul (f64x2.sub (f64x2.sub (f64x2.splat (f64.const 1)) (local.get $twomk)) (f64x2.sub (local.get $e) (local.get $r))) (local.get $twopk))
          (f64x2.mul (f64x2.add (f64x2.sub (local.get $r) (f64x2.add (local.get $e) (local.get $twomk))) (f64x2.splat (f64.const 1))) (local.get $twopk))
          (f64x2.lt (local.get $k) (f64x2.splat (f64.const 20)))))))
      ;; k ≤ −2 or k > 56: (1 − (e − r))·2^k − 1
      (local.set $t (v128.bitselect
        (f64x2.sub (f64x2.mul (f64x2.sub (f64x2.splat (f64.const 1)) (f64x2.sub (local.get $e) (local.get $r))) (local.get $twopk)) (f64x2.splat (f64.const 1)))
        (local.get $t)
        (v128.or (f64x2.le (local.get $k) (f64x2.splat (f64.const -2))) (f64x2.gt (local.get $k) (f64x2.splat (f64.const 56))))))
      ;; k = −1: (r − e)/2 − 1/2
      (local.set $t (v128.bitselect
        (f64x2.sub (f64x2.mul (f64x2.splat (f64.const 0.5)) (f64x2.sub (local.get $r) (local.get $e))) (f64x2.splat (f64.const 0.5)))
        (local.get $t)
        (f64x2.eq (local.get $k) (f64x2.splat (f64.const -1)))))
      (local.set $y (v128.bitselect (local.get $y) (local.get $t) (f64x2.eq (local.get $k) (f64x2.splat (f64.const 0)))))))
    (local.get $y))

  ;; $tanh64x2: $tanh64 on both lanes
  (func $tanh64x2 (param $x v128) (result v128)
    (local $ax v128) (local $ge1 v128) (local $t v128) (local $q v128) (local $z v128)
    (local.set $ax (f64x2.abs (local.get $x)))
    (if (i32.eqz (i64x2.all_true (f64x2.lt (local.get $ax) (f64x2.splat (f64.const 22))))) (then
      (return (f64x2.replace_lane 1 (f64x2.splat (call $tanh64 (f64x2.extract_lane 0 (local.get $x)))) (call $tanh64 (f64x2.extract_lane 1 (local.get $x)))))))
    ;; |x| ≥ 1: t = expm1(2|x|), 1 − 2/(t + 2);  else t = expm1(−2|x|), −t/(t + 2)
    (local.set $ge1 (f64x2.ge (local.get $ax) (f64x2.splat (f64.const 1))))
    (local.set $t (call $expm1_64x2 (f64x2.mul (v128.bitselect (f64x2.splat (f64.const 2)) (f64x2.splat (f64.const -2)) (local.get $ge1)) (local.get $ax))))
    (local.set $q (f64x2.div (v128.bitselect (f64x2.splat (f64.const 2)) (f64x2.neg (local.get $t)) (local.get $ge1)) (f64x2.add (local.get $t) (f64x2.splat (f64.const 2)))))
    (local.set $z (v128.bitselect (f64x2.sub (f64x2.splat (f64.const 1)) (local.get $q)) (local.get $q) (local.get $ge1)))
    ;; the sign of x; |x| < 2^-28: x itself
    (local.set $z (v128.xor (local.get $z) (v128.and (local.get $x) (v128.const i64x2 0x8000000000000000 0x8000000000000000))))
    (v128.bitselect (local.get $x) (local.get $z) (f64x2.lt (local.get $ax) (f64x2.splat (f64.const 0x1p-28)))))

  ;; $sigmoid64x2: $sigmoid64 on both lanes
  (func $sigmoid64x2 (param $x v128) (result v128)
    (local $pos v128) (local $e v128)
    (local.set $pos (f64x2.ge (local.get $x) (f64x2.splat (f64.const 0))))
    (local.set $e (call $exp64x2 (v128.bitselect (f64x2.neg (local.get $x)) (local.get $x) (local.get $pos))))
    (f64x2.div (v128.bitselect (f64x2.splat (f64.const 1)) (local.get $e) (local.get $pos)) (f64x2.add (f64x2.splat (f64.const 1)) (local.get $e))))

  ;; test entry points: the two-lane functions on n (even) values in place at p
  (func $rows2 (param $p i32) (param $n i32) (param $which i32)
    (local $v v128)
    (block $end (loop $l
      (br_if $end (i32.lt_s (local.get $n) (i32.const 2)))
      (local.set $v (v128.load (local.get $p)))
      (v128.store (local.get $p) (if (result v128) (i32.eqz (local.get $which)) (then (call $exp64x2 (local.get $v)))
        (else (if (result v128) (i32.eq (local.get $which) (i32.const 1)) (then (call $tanh64x2 (local.get $v))) (else (call $sigmoid64x2 (local.get $v)))))))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (local.set $n (i32.sub (local.get $n) (i32.const 2)))
      (br $l))))
  (func (export "exp64x2rows") (param $p i32) (param $n i32) (call $rows2 (local.get $p) (local.get $n) (i32.const 0)))
  (func (export "tanh64x2rows") (param $p i32) (param $n i32) (call $rows2 (local.get $p) (local.get $n) (i32.const 1)))
  (func (export "sigmoid64x2rows") (param $p i32) (param $n i32) (call $rows2 (local.get $p) (local.get $n) (i32.const 2)))
