;; softmax64.wat: the rows of a softmax (tensorKernels().softmaxRows in src/tensor/kernels.ts) with libm64x2.wat's exp, lane
;; for lane the bits of softmaxRowsJs (Math.max, Math.exp, one sum in increasing k, two divisions). Part of the module of
;; scripts/build-wasm.ts.

  ;; softmax64(p, rows, C, pm, scale, pmax, psum): for each row n of the [rows, C] float64 values at p whose mask value
  ;; (float64 at pm + 8n; pm = 0: no mask) is not 0: mx = max_k z_k (f64.max: Math.max's bits, +0 above −0),
  ;; e_k = exp(z_k − mx) (two lanes at a time, the last one alone), s = Σ_k e_k in increasing k, z_k ← e_k / s / scale in
  ;; place; mx and s at pmax + 8n and psum + 8n. Masked rows are left as they are.
  (func (export "softmax64") (param $p i32) (param $rows i32) (param $C i32) (param $pm i32) (param $scale f64)
    (param $pmax i32) (param $psum i32)
    (local $n i32) (local $row i32) (local $end i32) (local $q i32) (local $mx f64) (local $s f64) (local $mv v128)
    (block $done (loop $rowl
      (br_if $done (i32.ge_u (local.get $n) (local.get $rows)))
      (block $next
        (if (local.get $pm) (then
          (br_if $next (f64.eq (f64.load (i32.add (local.get $pm) (i32.shl (local.get $n) (i32.const 3)))) (f64.const 0)))))
        (local.set $row (i32.add (local.get $p) (i32.shl (i32.mul (local.get $n) (local.get $C)) (i32.const 3))))
        (local.set $end (i32.add (local.get $row) (i32.shl (local.get $C) (i32.const 3))))
        (local.set $mx (f64.const -inf))
        (local.set $q (local.get $row))
        (block $b1 (loop $l1
          (br_if $b1 (i32.ge_u (local.get $q) (local.get $end)))
          (local.set $mx (f64.max (local.get $mx) (f64.load (local.get $q))))
          (local.set $q (i32.add (local.get $q) (i32.const 8)))
          (br $l1)))
        (local.set $mv (f64x2.splat (local.get $mx)))
        (local.set $q (local.get $row))
        (block $b2 (loop $l2
          (br_if $b2 (i32.gt_u (i32.add (local.get $q) (i32.const 16)) (local.get $end)))
          (v128.store (local.get $q) (call $exp64x2 (f64x2.sub (v128.load (local.get $q)) (local.get $mv))))
          (local.set $q (i32.add (local.get $q) (i32.const 16)))
          (br $l2)))
        (if (i32.lt_u (local.get $q) (local.get $end)) (then
          (f64.store (local.get $q) (call $exp64 (f64.sub (f64.load (local.get $q)) (local.get $mx))))))
        (local.set $s (f64.const 0))
        (local.set $q (local.get $row))
        (block $b3 (loop $l3
          (br_if $b3 (i32.ge_u (local.get $q) (local.get $end)))
          (local.set $s (f64.add (local.get $s) (f64.load (local.get $q))))
          (local.set $q (i32.add (local.get $q) (i32.const 8)))
          (br $l3)))
        (local.set $q (local.get $row))
        (block $b4 (loop $l4
          (br_if $b4 (i32.ge_u (local.get $q) (local.get $end)))
          (f64.store (local.get $q) (f64.div (f64.div (f64.load (local.get $q)) (local.get $s)) (local.get $scale)))
          (local.set $q (i32.add (local.get $q) (i32.const 8)))
          (br $l4)))
        (f64.store (i32.add (local.get $pmax) (i32.shl (local.get $n) (i32.const 3))) (local.get $mx))
        (f64.store (i32.add (local.get $psum) (i32.shl (local.get $n) (i32.const 3))) (local.get $s)))
      (local.set $n (i32.add (local.get $n) (i32.const 1)))
      (br $rowl))))
