;; libm64.wat: float64 exp, expm1, tanh and σ with the bits of V8's Math.exp / Math.tanh (its fdlibm port, operation for
;; operation). Part of the module of scripts/build-wasm.ts.
  ;; ---- float64 exp, expm1, tanh and σ, bit-identical to V8's Math.exp / Math.tanh ----
  ;; V8 computes Math.exp and Math.tanh with its port of fdlibm (ieee754::exp, ::expm1, ::tanh). The functions below are the
  ;; same algorithms, re-expressed in WebAssembly: the same constants (given as hex floats), the same branches on the high
  ;; word of x, and the same IEEE double operations in the same order (WebAssembly has no fused multiply-add and rounds to
  ;; nearest, as V8's C++ build does), so every result has the same bits. Tested over millions of values in libm-wasm.test.ts.

  ;; $exp64: e^x. Reduce x = k·ln2 + r (|r| ≤ ln2/2, r = hi − lo), e^r = 1 − ((lo − r·c/(2 − c)) − hi) with
  ;; c = r − t(P1 + t(P2 + t(P3 + t(P4 + t·P5)))), t = r², then scale by 2^k built in the exponent bits.
  (func $exp64 (param $x f64) (result f64)
    (local $hx i32) (local $xsb i32) (local $k i32)
    (local $hi f64) (local $lo f64) (local $t f64) (local $c f64) (local $y f64) (local $twopk f64)
    (local.set $hx (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 32))))
    (local.set $xsb (i32.shr_u (local.get $hx) (i32.const 31)))
    (local.set $hx (i32.and (local.get $hx) (i32.const 0x7fffffff)))
    ;; |x| ≥ 709.78…: NaN, ±∞, overflow, underflow
    (if (i32.ge_u (local.get $hx) (i32.const 0x40862E42)) (then
      (if (i32.ge_u (local.get $hx) (i32.const 0x7FF00000)) (then
        (if (i32.or (i32.and (local.get $hx) (i32.const 0xFFFFF)) (i32.wrap_i64 (i64.reinterpret_f64 (local.get $x))))
          (then (return (f64.add (local.get $x) (local.get $x)))))
        (if (local.get $xsb) (then (return (f64.const 0))))
        (return (local.get $x))))
      (if (f64.gt (local.get $x) (f64.const 0x1.62e42fefa39efp9)) (then (return (f64.mul (f64.const 1e300) (f64.const 1e300)))))
      (if (f64.lt (local.get $x) (f64.const -0x1.74910d52d3051p9)) (then (return (f64.mul (f64.const 0x1p-1000) (f64.const 0x1p-1000)))))))
    ;; argument reduction
    (if (i32.gt_u (local.get $hx) (i32.const 0x3FD62E42))
      (then
        (if (i32.lt_u (local.get $hx) (i32.const 0x3FF0A2B2))
          (then
            ;; V8 returns the correctly rounded e for x = 1 (the formula is one ulp off there)
            (if (f64.eq (local.get $x) (f64.const 1)) (then (return (f64.const 0x1.5bf0a8b145769p1))))
            (if (local.get $xsb)
              (then
                (local.set $hi (f64.sub (local.get $x) (f64.const -0x1.62e42fee00000p-1)))
                (local.set $lo (f64.const -0x1.a39ef35793c76p-33))
                (local.set $k (i32.const -1)))
              (else
                (local.set $hi (f64.sub (local.get $x) (f64.const 0x1.62e42fee00000p-1)))
                (local.set $lo (f64.const 0x1.a39ef35793c76p-33))
                (local.set $k (i32.const 1)))))
          (else
            (local.set $k (i32.trunc_f64_s (f64.add (f64.mul (f64.const 0x1.71547652b82fep0) (local.get $x))
              (select (f64.const -0.5) (f64.const 0.5) (local.get $xsb)))))
            (local.set $t (f64.convert_i32_s (local.get $k)))
            (local.set $hi (f64.sub (local.get $x) (f64.mul (local.get $t) (f64.const 0x1.62e42fee00000p-1))))
            (local.set $lo (f64.mul (local.get $t) (f64.const 0x1.a39ef35793c76p-33)))))
        (local.set $x (f64.sub (local.get $hi) (local.get $lo))))
      (else
        ;; |x| < 2^-28: 1 + x
        (if (i32.lt_u (local.get $hx) (i32.const 0x3E300000)) (then (return (f64.add (f64.const 1) (local.get $x)))))))
    ;; x is now in the primary range
    (local.set $t (f64.mul (local.get $x) (local.get $x)))
    (local.set $twopk (f64.reinterpret_i64 (i64.shl (i64.extend_i32_u (i32.add (i32.const 0x3FF00000)
      (i32.shl (select (local.get $k) (i32.add (local.get $k) (i32.const 1000)) (i32.ge_s (local.get $k) (i32.const -1021))) (i32.const 20)))) (i64.const 32))))
    (local.set $c (f64.sub (local.get $x) (f64.mul (local.get $t)
      (f64.add (f64.const 0x1.555555555553ep-3) (f64.mul (local.get $t)
      (f64.add (f64.const -0x1.6c16c16bebd93p-9) (f64.mul (local.get $t)
      (f64.add (f64.const 0x1.1566aaf25de2cp-14) (f64.mul (local.get $t)
      (f64.add (f64.const -0x1.bbd41c5d26bf1p-20) (f64.mul (local.get $t) (f64.const 0x1.6376972bea4d0p-25))))))))))))
    (if (i32.eqz (local.get $k)) (then
      (return (f64.sub (f64.const 1) (f64.sub (f64.div (f64.mul (local.get $x) (local.get $c)) (f64.sub (local.get $c) (f64.const 2))) (local.get $x))))))
    (local.set $y (f64.sub (f64.const 1) (f64.sub (f64.sub (local.get $lo)
      (f64.div (f64.mul (local.get $x) (local.get $c)) (f64.sub (f64.const 2) (local.get $c)))) (local.get $hi))))
    (if (i32.ge_s (local.get $k) (i32.const -1021)) (then
      (if (i32.eq (local.get $k) (i32.const 1024)) (then (return (f64.mul (f64.mul (local.get $y) (f64.const 2)) (f64.const 0x1p1023)))))
      (return (f64.mul (local.get $y) (local.get $twopk)))))
    (f64.mul (f64.mul (local.get $y) (local.get $twopk)) (f64.const 0x1p-1000)))

  ;; $expm1_64: e^x − 1 without cancellation near 0 (the kernel of tanh). Reduce x = k·ln2 + r with a correction c for the
  ;; rounding of r, expm1(r) = r − (r·e − r²/2) by the rational form with the scaled Q1…Q5 in r²/2, then rebuild
  ;; 2^k(expm1(r) + 1) − 1 by the case of k that loses the least (k = 0, −1, 1, k < −1 or k > 56, k < 20, else).
  (func $expm1_64 (param $x f64) (result f64)
    (local $hx i32) (local $xsb i32) (local $k i32)
    (local $y f64) (local $hi f64) (local $lo f64) (local $c f64) (local $t f64) (local $e f64)
    (local $hxs f64) (local $hfx f64) (local $r1 f64) (local $twopk f64)
    (local.set $hx (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 32))))
    (local.set $xsb (i32.and (local.get $hx) (i32.const 0x80000000)))
    (local.set $hx (i32.and (local.get $hx) (i32.const 0x7fffffff)))
    ;; |x| ≥ 56·ln2: NaN, ±∞, overflow, or −1 for very negative x
    (if (i32.ge_u (local.get $hx) (i32.const 0x4043687A)) (then
      (if (i32.ge_u (local.get $hx) (i32.const 0x40862E42)) (then
        (if (i32.ge_u (local.get $hx) (i32.const 0x7FF00000)) (then
          (if (i32.or (i32.and (local.get $hx) (i32.const 0xFFFFF)) (i32.wrap_i64 (i64.reinterpret_f64 (local.get $x))))
            (then (return (f64.add (local.get $x) (local.get $x)))))
          (if (local.get $xsb) (then (return (f64.const -1))))
          (return (local.get $x))))
        (if (f64.gt (local.get $x) (f64.const 0x1.62e42fefa39efp9)) (then (return (f64.mul (f64.const 1e300) (f64.const 1e300)))))))
      (if (local.get $xsb) (then
        (if (f64.lt (f64.add (local.get $x) (f64.const 1e-300)) (f64.const 0)) (then (return (f64.sub (f64.const 1e-300) (f64.const 1)))))))))
    ;; argument reduction
    (if (i32.gt_u (local.get $hx) (i32.const 0x3FD62E42))
      (then
        (if (i32.lt_u (local.get $hx) (i32.const 0x3FF0A2B2))
          (then
            (if (i32.eqz (local.get $xsb))
              (then
                (local.set $hi (f64.sub (local.get $x) (f64.const 0x1.62e42fee00000p-1)))
                (local.set $lo (f64.const 0x1.a39ef35793c76p-33))
                (local.set $k (i32.const 1)))
              (else
                (local.set $hi (f64.add (local.get $x) (f64.const 0x1.62e42fee00000p-1)))
                (local.set $lo (f64.const -0x1.a39ef35793c76p-33))
                (local.set $k (i32.const -1)))))
          (else
            (local.set $k (i32.trunc_f64_s (f64.add (f64.mul (f64.const 0x1.71547652b82fep0) (local.get $x))
              (select (f64.const -0.5) (f64.const 0.5) (local.get $xsb)))))
            (local.set $t (f64.convert_i32_s (local.get $k)))
            (local.set $hi (f64.sub (local.get $x) (f64.mul (local.get $t) (f64.const 0x1.62e42fee00000p-1))))
            (local.set $lo (f64.mul (local.get $t) (f64.const 0x1.a39ef35793c76p-33)))))
        (local.set $x (f64.sub (local.get $hi) (local.get $lo)))
        (local.set $c (f64.sub (f64.sub (local.get $hi) (local.get $x)) (local.get $lo))))
      (else
        ;; |x| < 2^-54: x (written as fdlibm does, so −0 stays −0)
        (if (i32.lt_u (local.get $hx) (i32.const 0x3C900000)) (then
          (local.set $t (f64.add (f64.const 1e300) (local.get $x)))
          (return (f64.sub (local.get $x) (f64.sub (local.get $t) (f64.add (f64.const 1e300) (local.get $x)))))))))
    ;; x is now in the primary range
    (local.set $hfx (f64.mul (f64.const 0.5) (local.get $x)))
    (local.set $hxs (f64.mul (local.get $x) (local.get $hfx)))
    (local.set $r1 (f64.add (f64.const 1) (f64.mul (local.get $hxs)
      (f64.add (f64.const -0x1.11111111110f4p-5) (f64.mul (local.get $hxs)
      (f64.add (f64.const 0x1.a01a019fe5585p-10) (f64.mul (local.get $hxs)
      (f64.add (f64.const -0x1.4ce199eaadbb7p-14) (f64.mul (local.get $hxs)
      (f64.add (f64.const 0x1.0cfca86e65239p-18) (f64.mul (local.get $hxs) (f64.const -0x1.afdb76e09c32dp-23))))))))))))
    (local.set $t (f64.sub (f64.const 3) (f64.mul (local.get $r1) (local.get $hfx))))
    (local.set $e (f64.mul (local.get $hxs) (f64.div (f64.sub (local.get $r1) (local.get $t))
      (f64.sub (f64.const 6) (f64.mul (local.get $x) (local.get $t))))))
    (if (i32.eqz (local.get $k)) (then
      (return (f64.sub (local.get $x) (f64.sub (f64.mul (local.get $x) (local.get $e)) (local.get $hxs))))))
    (local.set $twopk (f64.reinterpret_i64 (i64.shl (i64.extend_i32_u (i32.add (i32.const 0x3FF00000) (i32.shl (local.get $k) (i32.const 20)))) (i64.const 32))))
    (local.set $e (f64.sub (f64.mul (local.get $x) (f64.sub (local.get $e) (local.get $c))) (local.get $c)))
    (local.set $e (f64.sub (local.get $e) (local.get $hxs)))
    (if (i32.eq (local.get $k) (i32.const -1)) (then
      (return (f64.sub (f64.mul (f64.const 0.5) (f64.sub (local.get $x) (local.get $e))) (f64.const 0.5)))))
    (if (i32.eq (local.get $k) (i32.const 1)) (then
      (if (f64.lt (local.get $x) (f64.const -0.25)) (then
        (return (f64.mul (f64.const -2) (f64.sub (local.get $e) (f64.add (local.get $x) (f64.const 0.5)))))))
      (return (f64.add (f64.const 1) (f64.mul (f64.const 2) (f64.sub (local.get $x) (local.get $e)))))))
    (if (i32.or (i32.le_s (local.get $k) (i32.const -2)) (i32.gt_s (local.get $k) (i32.const 56))) (then
      (local.set $y (f64.sub (f64.const 1) (f64.sub (local.get $e) (local.get $x))))
      (if (i32.eq (local.get $k) (i32.const 1024))
        (then (local.set $y (f64.mul (f64.mul (local.get $y) (f64.const 2)) (f64.const 0x1p1023))))
        (else (local.set $y (f64.mul (local.get $y) (local.get $twopk)))))
      (return (f64.sub (local.get $y) (f64.const 1)))))
    (if (result f64) (i32.lt_s (local.get $k) (i32.const 20))
      (then
        ;; t = 1 − 2^−k
        (local.set $t (f64.reinterpret_i64 (i64.shl (i64.extend_i32_u (i32.sub (i32.const 0x3FF00000) (i32.shr_s (i32.const 0x200000) (local.get $k)))) (i64.const 32))))
        (f64.mul (f64.sub (local.get $t) (f64.sub (local.get $e) (local.get $x))) (local.get $twopk)))
      (else
        ;; t = 2^−k
        (local.set $t (f64.reinterpret_i64 (i64.shl (i64.extend_i32_u (i32.shl (i32.sub (i32.const 0x3FF) (local.get $k)) (i32.const 20))) (i64.const 32))))
        (f64.mul (f64.add (f64.sub (local.get $x) (f64.add (local.get $e) (local.get $t))) (f64.const 1)) (local.get $twopk)))))

  ;; $tanh64: tanh x = −t/(t + 2) with t = expm1(−2|x|) for |x| < 1, 1 − 2/(t + 2) with t = expm1(2|x|) for 1 ≤ |x| < 22,
  ;; ±1 beyond, x itself below 2^-28; the sign of x restored at the end.
  (func $tanh64 (param $x f64) (result f64)
    (local $jx i32) (local $ix i32) (local $t f64) (local $z f64)
    (local.set $jx (i32.wrap_i64 (i64.shr_u (i64.reinterpret_f64 (local.get $x)) (i64.const 32))))
    (local.set $ix (i32.and (local.get $jx) (i32.const 0x7fffffff)))
    ;; NaN, ±∞
    (if (i32.ge_u (local.get $ix) (i32.const 0x7FF00000)) (then
      (if (i32.ge_s (local.get $jx) (i32.const 0))
        (then (return (f64.add (f64.div (f64.const 1) (local.get $x)) (f64.const 1)))))
      (return (f64.sub (f64.div (f64.const 1) (local.get $x)) (f64.const 1)))))
    (if (i32.lt_u (local.get $ix) (i32.const 0x40360000))
      (then
        (if (i32.lt_u (local.get $ix) (i32.const 0x3E300000)) (then (return (local.get $x))))
        (if (i32.ge_u (local.get $ix) (i32.const 0x3FF00000))
          (then
            (local.set $t (call $expm1_64 (f64.mul (f64.const 2) (f64.abs (local.get $x)))))
            (local.set $z (f64.sub (f64.const 1) (f64.div (f64.const 2) (f64.add (local.get $t) (f64.const 2))))))
          (else
            (local.set $t (call $expm1_64 (f64.mul (f64.const -2) (f64.abs (local.get $x)))))
            (local.set $z (f64.div (f64.neg (local.get $t)) (f64.add (local.get $t) (f64.const 2)))))))
      (else (local.set $z (f64.sub (f64.const 1) (f64.const 1e-300)))))
    (select (local.get $z) (f64.neg (local.get $z)) (i32.ge_s (local.get $jx) (i32.const 0))))

  ;; $sigmoid64: σ(x) exactly as sigmoidScalar (activations.ts): 1/(1 + e^−x) for x ≥ 0, else e/(1 + e) with e = e^x
  ;; (one exp call for both branches: e^−x for x ≥ 0, else e^x)
  (func $sigmoid64 (param $x f64) (result f64)
    (local $e f64) (local $pos i32)
    (local.set $pos (f64.ge (local.get $x) (f64.const 0)))
    (local.set $e (call $exp64 (select (f64.neg (local.get $x)) (local.get $x) (local.get $pos))))
    (f64.div (select (f64.const 1) (local.get $e) (local.get $pos)) (f64.add (f64.const 1) (local.get $e))))

  ;; test entry points for libm-wasm.test.ts (the kernels call the functions above directly)
  (func (export "exp64") (param $x f64) (result f64) (call $exp64 (local.get $x)))
  (func (export "tanh64") (param $x f64) (result f64) (call $tanh64 (local.get $x)))
  (func (export "sigmoid64") (param $x f64) (result f64) (call $sigmoid64 (local.get $x)))
