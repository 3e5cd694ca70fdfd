;; gemm-simd.wat: matrix-multiply micro-kernels with WebAssembly SIMD (f64x2, and f32x4 for the float32 path), the float32
;; gate-loop kernels of gates-wasm.ts, and the float64 LSTM kernels (an exact port of V8's exp/tanh, the gate loop, the
;; fused small-batch forward time loop), assembled by scripts/build-wasm.ts.
;; Only whole tiles are computed here; the caller (gemm-wasm.ts) copies operands into `mem`, runs a kernel, copies C back
;; and finishes the ragged rows/columns in JS. Addresses are byte offsets into `mem`.
(module
  (memory (export "mem") 1)

  ;; colvec: C[i, j] (+)= Σ_k op(A)[i, k] · B[k, j] over 4×4 tiles (i < M & ~3, j < N & ~3), for B stored [K, N] (no transpose).
  ;; op(A)[i, k] is the f64 at pa + 8(i·ars + k·aks); C is [M, N] at pc. Columns are vectorised (two f64x2 per row),
  ;; each element sums its products in increasing k with a separate multiply and add: bit-identical to the naive loop.
  (func (export "colvec")
    (param $M i32) (param $N i32) (param $K i32) (param $pa i32) (param $ars i32) (param $aks i32) (param $pb i32) (param $pc i32) (param $acc i32)
    (local $i i32) (local $j i32) (local $k i32) (local $M4 i32) (local $N4 i32)
    (local $ar i32) (local $ar2 i32) (local $ar3 i32) (local $ak i32) (local $nb i32)
    (local $qa i32) (local $qb i32) (local $qc i32)
    (local $a v128) (local $b0 v128) (local $b1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local.set $M4 (i32.and (local.get $M) (i32.const -4)))
    (local.set $N4 (i32.and (local.get $N) (i32.const -4)))
    (local.set $ar (i32.shl (local.get $ars) (i32.const 3)))
    (local.set $ar2 (i32.shl (local.get $ar) (i32.const 1)))
    (local.set $ar3 (i32.add (local.get $ar2) (local.get $ar)))
    (local.set $ak (i32.shl (local.get $aks) (i32.const 3)))
    (local.set $nb (i32.shl (local.get $N) (i32.const 3)))
    (local.set $i (i32.const 0))
    (block $iend (loop $il
      (br_if $iend (i32.ge_s (local.get $i) (local.get $M4)))
      (local.set $j (i32.const 0))
      (block $jend (loop $jl
        (br_if $jend (i32.ge_s (local.get $j) (local.get $N4)))
        (local.set $c00 (v128.const i64x2 0 0))
        (local.set $c01 (v128.const i64x2 0 0))
        (local.set $c10 (v128.const i64x2 0 0))
        (local.set $c11 (v128.const i64x2 0 0))
        (local.set $c20 (v128.const i64x2 0 0))
        (local.set $c21 (v128.const i64x2 0 0))
        (local.set $c30 (v128.const i64x2 0 0))
        (local.set $c31 (v128.const i64x2 0 0))
        (local.set $qa (i32.add (local.get $pa) (i32.mul (local.get $i) (local.get $ar))))
        (local.set $qb (i32.add (local.get $pb) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $k (local.get $K))
        (block $kend (loop $kl
          (br_if $kend (i32.eqz (local.get $k)))
          (local.set $b0 (v128.load (local.get $qb)))
          (local.set $b1 (v128.load offset=16 (local.get $qb)))
          (local.set $a (f64x2.splat (f64.load (local.get $qa))))
          (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $a) (local.get $b0))))
          (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $a) (local.get $b1))))
          (local.set $a (f64x2.splat (f64.load (i32.add (local.get $qa) (local.get $ar)))))
          (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $a) (local.get $b0))))
          (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $a) (local.get $b1))))
          (local.set $a (f64x2.splat (f64.load (i32.add (local.get $qa) (local.get $ar2)))))
          (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $a) (local.get $b0))))
          (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $a) (local.get $b1))))
          (local.set $a (f64x2.splat (f64.load (i32.add (local.get $qa) (local.get $ar3)))))
          (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $a) (local.get $b0))))
          (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $a) (local.get $b1))))
          (local.set $qa (i32.add (local.get $qa) (local.get $ak)))
          (local.set $qb (i32.add (local.get $qb) (local.get $nb)))
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (br $kl)))
        (local.set $qc (i32.add (local.get $pc) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $N)) (local.get $j)) (i32.const 3))))
        (if (local.get $acc) (then
          (local.set $c00 (f64x2.add (v128.load offset=0 (local.get $qc)) (local.get $c00)))
          (local.set $c01 (f64x2.add (v128.load offset=16 (local.get $qc)) (local.get $c01)))
          (local.set $qc (i32.add (local.get $qc) (local.get $nb)))
          (local.set $c10 (f64x2.add (v128.load offset=0 (local.get $qc)) (local.get $c10)))
          (local.set $c11 (f64x2.add (v128.load offset=16 (local.get $qc)) (local.get $c11)))
          (local.set $qc (i32.add (local.get $qc) (local.get $nb)))
          (local.set $c20 (f64x2.add (v128.load offset=0 (local.get $qc)) (local.get $c20)))
          (local.set $c21 (f64x2.add (v128.load offset=16 (local.get $qc)) (local.get $c21)))
          (local.set $qc (i32.add (local.get $qc) (local.get $nb)))
          (local.set $c30 (f64x2.add (v128.load offset=0 (local.get $qc)) (local.get $c30)))
          (local.set $c31 (f64x2.add (v128.load offset=16 (local.get $qc)) (local.get $c31)))
          (local.set $qc (i32.sub (local.get $qc) (i32.mul (local.get $nb) (i32.const 3))))))
        (v128.store offset=0 (local.get $qc) (local.get $c00))
        (v128.store offset=16 (local.get $qc) (local.get $c01))
        (local.set $qc (i32.add (local.get $qc) (local.get $nb)))
        (v128.store offset=0 (local.get $qc) (local.get $c10))
        (v128.store offset=16 (local.get $qc) (local.get $c11))
        (local.set $qc (i32.add (local.get $qc) (local.get $nb)))
        (v128.store offset=0 (local.get $qc) (local.get $c20))
        (v128.store offset=16 (local.get $qc) (local.get $c21))
        (local.set $qc (i32.add (local.get $qc) (local.get $nb)))
        (v128.store offset=0 (local.get $qc) (local.get $c30))
        (v128.store offset=16 (local.get $qc) (local.get $c31))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $jl)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $il))))

  ;; dotvec: C[i, j] (+)= Σ_k A[i, k] · B[j, k] over 2×4 tiles (i < M & ~1, j < N & ~3), for A [M, K] at pa and B stored [N, K] at pb.
  ;; Rows of both are contiguous in k, so k is vectorised: even and odd k are summed in the two lanes, then added
  ;; (and the last k when K is odd) — a fixed order, deterministic, within rounding of the naive loop.
  (func (export "dotvec")
    (param $M i32) (param $N i32) (param $K i32) (param $pa i32) (param $pb i32) (param $pc i32) (param $acc i32)
    (local $i i32) (local $j i32) (local $k i32) (local $M2 i32) (local $N4 i32) (local $kb i32) (local $nb i32)
    (local $qa i32) (local $qb i32) (local $qc i32) (local $x f64)
    (local $a0 v128) (local $a1 v128) (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128) (local $s v128)
    (local $c00 v128) (local $c01 v128) (local $c02 v128) (local $c03 v128) (local $c10 v128) (local $c11 v128) (local $c12 v128) (local $c13 v128)
    (local.set $M2 (i32.and (local.get $M) (i32.const -2)))
    (local.set $N4 (i32.and (local.get $N) (i32.const -4)))
    (local.set $kb (i32.shl (local.get $K) (i32.const 3)))
    (local.set $nb (i32.shl (local.get $N) (i32.const 3)))
    (local.set $i (i32.const 0))
    (block $iend (loop $il
      (br_if $iend (i32.ge_s (local.get $i) (local.get $M2)))
      (local.set $j (i32.const 0))
      (block $jend (loop $jl
        (br_if $jend (i32.ge_s (local.get $j) (local.get $N4)))
        (local.set $c00 (v128.const i64x2 0 0))
        (local.set $c01 (v128.const i64x2 0 0))
        (local.set $c02 (v128.const i64x2 0 0))
        (local.set $c03 (v128.const i64x2 0 0))
        (local.set $c10 (v128.const i64x2 0 0))
        (local.set $c11 (v128.const i64x2 0 0))
        (local.set $c12 (v128.const i64x2 0 0))
        (local.set $c13 (v128.const i64x2 0 0))
        (local.set $qa (i32.add (local.get $pa) (i32.mul (local.get $i) (local.get $kb))))
        (local.set $qb (i32.add (local.get $pb) (i32.mul (local.get $j) (local.get $kb))))
        (local.set $k (i32.shr_u (local.get $K) (i32.const 1)))
        (block $kend (loop $kl
          (br_if $kend (i32.eqz (local.get $k)))
          (local.set $a0 (v128.load (local.get $qa)))
          (local.set $a1 (v128.load (i32.add (local.get $qa) (local.get $kb))))
          (local.set $b0 (v128.load (local.get $qb)))
          (local.set $b1 (v128.load (i32.add (local.get $qb) (local.get $kb))))
          (local.set $b2 (v128.load (i32.add (local.get $qb) (i32.shl (local.get $kb) (i32.const 1)))))
          (local.set $b3 (v128.load (i32.add (local.get $qb) (i32.mul (local.get $kb) (i32.const 3)))))
          (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $a0) (local.get $b0))))
          (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $a0) (local.get $b1))))
          (local.set $c02 (f64x2.add (local.get $c02) (f64x2.mul (local.get $a0) (local.get $b2))))
          (local.set $c03 (f64x2.add (local.get $c03) (f64x2.mul (local.get $a0) (local.get $b3))))
          (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $a1) (local.get $b0))))
          (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $a1) (local.get $b1))))
          (local.set $c12 (f64x2.add (local.get $c12) (f64x2.mul (local.get $a1) (local.get $b2))))
          (local.set $c13 (f64x2.add (local.get $c13) (f64x2.mul (local.get $a1) (local.get $b3))))
          (local.set $qa (i32.add (local.get $qa) (i32.const 16)))
          (local.set $qb (i32.add (local.get $qb) (i32.const 16)))
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (br $kl)))
        (local.set $qc (i32.add (local.get $pc) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $N)) (local.get $j)) (i32.const 3))))
        ;; row 0, columns 0, 1: [even + odd lanes], the odd k, then C
        (local.set $s (f64x2.add
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $c00) (local.get $c01))
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $c00) (local.get $c01))))
        (if (i32.and (local.get $K) (i32.const 1)) (then
          (local.set $x (f64.load (local.get $qa)))
          (local.set $s (f64x2.add (local.get $s) (f64x2.mul (f64x2.splat (local.get $x))
            (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $qb))) (f64.load (i32.add (local.get $qb) (local.get $kb)))))))))
        (if (local.get $acc) (then (local.set $s (f64x2.add (v128.load offset=0 (local.get $qc)) (local.get $s)))))
        (v128.store offset=0 (local.get $qc) (local.get $s))
        ;; row 0, columns 2, 3: [even + odd lanes], the odd k, then C
        (local.set $s (f64x2.add
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $c02) (local.get $c03))
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $c02) (local.get $c03))))
        (if (i32.and (local.get $K) (i32.const 1)) (then
          (local.set $x (f64.load (local.get $qa)))
          (local.set $s (f64x2.add (local.get $s) (f64x2.mul (f64x2.splat (local.get $x))
            (f64x2.replace_lane 1 (f64x2.splat (f64.load (i32.add (local.get $qb) (i32.shl (local.get $kb) (i32.const 1))))) (f64.load (i32.add (local.get $qb) (i32.mul (local.get $kb) (i32.const 3))))))))))
        (if (local.get $acc) (then (local.set $s (f64x2.add (v128.load offset=16 (local.get $qc)) (local.get $s)))))
        (v128.store offset=16 (local.get $qc) (local.get $s))
        (local.set $qc (i32.add (local.get $qc) (local.get $nb)))
        ;; row 1, columns 0, 1: [even + odd lanes], the odd k, then C
        (local.set $s (f64x2.add
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $c10) (local.get $c11))
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $c10) (local.get $c11))))
        (if (i32.and (local.get $K) (i32.const 1)) (then
          (local.set $x (f64.load (i32.add (local.get $qa) (local.get $kb))))
          (local.set $s (f64x2.add (local.get $s) (f64x2.mul (f64x2.splat (local.get $x))
            (f64x2.replace_lane 1 (f64x2.splat (f64.load (local.get $qb))) (f64.load (i32.add (local.get $qb) (local.get $kb)))))))))
        (if (local.get $acc) (then (local.set $s (f64x2.add (v128.load offset=0 (local.get $qc)) (local.get $s)))))
        (v128.store offset=0 (local.get $qc) (local.get $s))
        ;; row 1, columns 2, 3: [even + odd lanes], the odd k, then C
        (local.set $s (f64x2.add
          (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $c12) (local.get $c13))
          (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $c12) (local.get $c13))))
        (if (i32.and (local.get $K) (i32.const 1)) (then
          (local.set $x (f64.load (i32.add (local.get $qa) (local.get $kb))))
          (local.set $s (f64x2.add (local.get $s) (f64x2.mul (f64x2.splat (local.get $x))
            (f64x2.replace_lane 1 (f64x2.splat (f64.load (i32.add (local.get $qb) (i32.shl (local.get $kb) (i32.const 1))))) (f64.load (i32.add (local.get $qb) (i32.mul (local.get $kb) (i32.const 3))))))))))
        (if (local.get $acc) (then (local.set $s (f64x2.add (v128.load offset=16 (local.get $qc)) (local.get $s)))))
        (v128.store offset=16 (local.get $qc) (local.get $s))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $jl)))
      (local.set $i (i32.add (local.get $i) (i32.const 2)))
      (br $il))))

  ;; colvec32: the float32 fast path of colvec (gemm's matmul precision "float32"): C[i, j] (+)= Σ_k op(A)[i, k] · B[k, j] over 4×8
  ;; tiles (i < M & ~3, j < N & ~7), f32 operands (byte offsets, element (i, k) of op(A) at pa + 4(i·ars + k·aks), B [K, N]) and a
  ;; float64 C [M, N]: two f32x4 per row of the tile, each element summed in increasing k in float32, then widened to f64 and
  ;; stored or added into C in float64 (checked against the float64 path in tests).
  (func (export "colvec32")
    (param $M i32) (param $N i32) (param $K i32) (param $pa i32) (param $ars i32) (param $aks i32) (param $pb i32) (param $pc i32) (param $acc i32)
    (local $i i32) (local $j i32) (local $k i32) (local $M4 i32) (local $N8 i32)
    (local $ar i32) (local $ar2 i32) (local $ar3 i32) (local $ak i32) (local $nb i32)
    (local $qa i32) (local $qb i32) (local $qc i32)
    (local $a v128) (local $b0 v128) (local $b1 v128)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128) (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $cb i32)
    (local.set $cb (i32.shl (local.get $N) (i32.const 3)))
    (local.set $M4 (i32.and (local.get $M) (i32.const -4)))
    (local.set $N8 (i32.and (local.get $N) (i32.const -8)))
    (local.set $ar (i32.shl (local.get $ars) (i32.const 2)))
    (local.set $ar2 (i32.shl (local.get $ar) (i32.const 1)))
    (local.set $ar3 (i32.add (local.get $ar2) (local.get $ar)))
    (local.set $ak (i32.shl (local.get $aks) (i32.const 2)))
    (local.set $nb (i32.shl (local.get $N) (i32.const 2)))
    (local.set $i (i32.const 0))
    (block $iend (loop $il
      (br_if $iend (i32.ge_s (local.get $i) (local.get $M4)))
      (local.set $j (i32.const 0))
      (block $jend (loop $jl
        (br_if $jend (i32.ge_s (local.get $j) (local.get $N8)))
        (local.set $c00 (v128.const i64x2 0 0))
        (local.set $c01 (v128.const i64x2 0 0))
        (local.set $c10 (v128.const i64x2 0 0))
        (local.set $c11 (v128.const i64x2 0 0))
        (local.set $c20 (v128.const i64x2 0 0))
        (local.set $c21 (v128.const i64x2 0 0))
        (local.set $c30 (v128.const i64x2 0 0))
        (local.set $c31 (v128.const i64x2 0 0))
        (local.set $qa (i32.add (local.get $pa) (i32.mul (local.get $i) (local.get $ar))))
        (local.set $qb (i32.add (local.get $pb) (i32.shl (local.get $j) (i32.const 2))))
        (local.set $k (local.get $K))
        (block $kend (loop $kl
          (br_if $kend (i32.eqz (local.get $k)))
          (local.set $b0 (v128.load (local.get $qb)))
          (local.set $b1 (v128.load offset=16 (local.get $qb)))
          (local.set $a (f32x4.splat (f32.load (local.get $qa))))
          (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $a) (local.get $b1))))
          (local.set $a (f32x4.splat (f32.load (i32.add (local.get $qa) (local.get $ar)))))
          (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $a) (local.get $b1))))
          (local.set $a (f32x4.splat (f32.load (i32.add (local.get $qa) (local.get $ar2)))))
          (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $a) (local.get $b1))))
          (local.set $a (f32x4.splat (f32.load (i32.add (local.get $qa) (local.get $ar3)))))
          (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $a) (local.get $b0))))
          (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $a) (local.get $b1))))
          (local.set $qa (i32.add (local.get $qa) (local.get $ak)))
          (local.set $qb (i32.add (local.get $qb) (local.get $nb)))
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (br $kl)))
        (local.set $qc (i32.add (local.get $pc) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $N)) (local.get $j)) (i32.const 3))))
        (call $put (local.get $qc) (i32.const 0) (local.get $c00) (local.get $acc))
        (call $put (local.get $qc) (i32.const 32) (local.get $c01) (local.get $acc))
        (local.set $qc (i32.add (local.get $qc) (local.get $cb)))
        (call $put (local.get $qc) (i32.const 0) (local.get $c10) (local.get $acc))
        (call $put (local.get $qc) (i32.const 32) (local.get $c11) (local.get $acc))
        (local.set $qc (i32.add (local.get $qc) (local.get $cb)))
        (call $put (local.get $qc) (i32.const 0) (local.get $c20) (local.get $acc))
        (call $put (local.get $qc) (i32.const 32) (local.get $c21) (local.get $acc))
        (local.set $qc (i32.add (local.get $qc) (local.get $cb)))
        (call $put (local.get $qc) (i32.const 0) (local.get $c30) (local.get $acc))
        (call $put (local.get $qc) (i32.const 32) (local.get $c31) (local.get $acc))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $jl)))
      (local.set $i (i32.add (local.get $i) (i32.const 4)))
      (br $il))))

  ;; dotvec32: the float32 fast path of dotvec: C[i, j] (+)= Σ_k A[i, k] · B[j, k] over 2×4 tiles (i < M & ~1, j < N & ~3), for
  ;; f32 A [M, K] and B stored [N, K] whose rows the caller zero-pads to K a multiple of 4. Four k per f32x4 lane group, then each
  ;; element's four lane sums are added pairwise ((l0 + l2) + (l1 + l3)): a fixed order, deterministic.
  (func (export "dotvec32")
    (param $M i32) (param $N i32) (param $K i32) (param $pa i32) (param $pb i32) (param $pc i32) (param $acc i32)
    (local $i i32) (local $j i32) (local $k i32) (local $M2 i32) (local $N4 i32) (local $kb i32) (local $nb i32)
    (local $qa i32) (local $qb i32) (local $qc i32)
    (local $a0 v128) (local $a1 v128) (local $b0 v128) (local $b1 v128) (local $b2 v128) (local $b3 v128) (local $s v128)
    (local $c00 v128) (local $c01 v128) (local $c02 v128) (local $c03 v128) (local $c10 v128) (local $c11 v128) (local $c12 v128) (local $c13 v128)
    (local.set $M2 (i32.and (local.get $M) (i32.const -2)))
    (local.set $N4 (i32.and (local.get $N) (i32.const -4)))
    (local.set $kb (i32.shl (local.get $K) (i32.const 2)))
    (local.set $nb (i32.shl (local.get $N) (i32.const 3)))
    (local.set $i (i32.const 0))
    (block $iend (loop $il
      (br_if $iend (i32.ge_s (local.get $i) (local.get $M2)))
      (local.set $j (i32.const 0))
      (block $jend (loop $jl
        (br_if $jend (i32.ge_s (local.get $j) (local.get $N4)))
        (local.set $c00 (v128.const i64x2 0 0))
        (local.set $c01 (v128.const i64x2 0 0))
        (local.set $c02 (v128.const i64x2 0 0))
        (local.set $c03 (v128.const i64x2 0 0))
        (local.set $c10 (v128.const i64x2 0 0))
        (local.set $c11 (v128.const i64x2 0 0))
        (local.set $c12 (v128.const i64x2 0 0))
        (local.set $c13 (v128.const i64x2 0 0))
        (local.set $qa (i32.add (local.get $pa) (i32.mul (local.get $i) (local.get $kb))))
        (local.set $qb (i32.add (local.get $pb) (i32.mul (local.get $j) (local.get $kb))))
        (local.set $k (i32.shr_u (local.get $K) (i32.const 2)))
        (block $kend (loop $kl
          (br_if $kend (i32.eqz (local.get $k)))
          (local.set $a0 (v128.load (local.get $qa)))
          (local.set $a1 (v128.load (i32.add (local.get $qa) (local.get $kb))))
          (local.set $b0 (v128.load (local.get $qb)))
          (local.set $b1 (v128.load (i32.add (local.get $qb) (local.get $kb))))
          (local.set $b2 (v128.load (i32.add (local.get $qb) (i32.shl (local.get $kb) (i32.const 1)))))
          (local.set $b3 (v128.load (i32.add (local.get $qb) (i32.mul (local.get $kb) (i32.const 3)))))
          (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $a0) (local.get $b0))))
          (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $a0) (local.get $b1))))
          (local.set $c02 (f32x4.add (local.get $c02) (f32x4.mul (local.get $a0) (local.get $b2))))
          (local.set $c03 (f32x4.add (local.get $c03) (f32x4.mul (local.get $a0) (local.get $b3))))
          (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $a1) (local.get $b0))))
          (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $a1) (local.get $b1))))
          (local.set $c12 (f32x4.add (local.get $c12) (f32x4.mul (local.get $a1) (local.get $b2))))
          (local.set $c13 (f32x4.add (local.get $c13) (f32x4.mul (local.get $a1) (local.get $b3))))
          (local.set $qa (i32.add (local.get $qa) (i32.const 16)))
          (local.set $qb (i32.add (local.get $qb) (i32.const 16)))
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (br $kl)))
        (local.set $qc (i32.add (local.get $pc) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $N)) (local.get $j)) (i32.const 3))))
        ;; row 0: [l0 + l2, l1 + l3] of columns 0, 1 and of 2, 3, then their pairwise sums: one f32x4 of four dot products
        (local.set $a0 (f32x4.add (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $c00) (local.get $c01)) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $c00) (local.get $c01))))
        (local.set $a1 (f32x4.add (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $c02) (local.get $c03)) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $c02) (local.get $c03))))
        (local.set $s (f32x4.add (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $a0) (local.get $a1)) (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $a0) (local.get $a1))))
        (call $put (local.get $qc) (i32.const 0) (local.get $s) (local.get $acc))
        (local.set $qc (i32.add (local.get $qc) (local.get $nb)))
        ;; row 1: [l0 + l2, l1 + l3] of columns 0, 1 and of 2, 3, then their pairwise sums: one f32x4 of four dot products
        (local.set $a0 (f32x4.add (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $c10) (local.get $c11)) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $c10) (local.get $c11))))
        (local.set $a1 (f32x4.add (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $c12) (local.get $c13)) (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $c12) (local.get $c13))))
        (local.set $s (f32x4.add (i8x16.shuffle 0 1 2 3 8 9 10 11 16 17 18 19 24 25 26 27 (local.get $a0) (local.get $a1)) (i8x16.shuffle 4 5 6 7 12 13 14 15 20 21 22 23 28 29 30 31 (local.get $a0) (local.get $a1))))
        (call $put (local.get $qc) (i32.const 0) (local.get $s) (local.get $acc))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $jl)))
      (local.set $i (i32.add (local.get $i) (i32.const 2)))
      (br $il))))

  ;; put: the four f32 lanes of v widened to f64 and stored (acc = 0) or added (acc ≠ 0) at q + off … q + off + 31 (a float64 C row).
  (func $put (param $q i32) (param $off i32) (param $v v128) (param $acc i32)
    (local $lo v128) (local $hi v128)
    (local.set $q (i32.add (local.get $q) (local.get $off)))
    (local.set $lo (f64x2.promote_low_f32x4 (local.get $v)))
    (local.set $hi (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $v) (local.get $v))))
    (if (local.get $acc) (then
      (local.set $lo (f64x2.add (v128.load (local.get $q)) (local.get $lo)))
      (local.set $hi (f64x2.add (v128.load offset=16 (local.get $q)) (local.get $hi)))))
    (v128.store (local.get $q) (local.get $lo))
    (v128.store offset=16 (local.get $q) (local.get $hi)))

  ;; f32rows: rounds `rows` rows of n f64 values at ps (row stride n) to f32 rows at pd with row stride np ≥ n, zero-filling
  ;; the padding (np − n values per row). Two values per f32x4.demote_f64x2_zero, the odd one alone. ps and pd must not overlap.
  (func (export "f32rows") (param $ps i32) (param $pd i32) (param $rows i32) (param $n i32) (param $np i32)
    (local $r i32) (local $k i32) (local $n2 i32)
    (local.set $n2 (i32.and (local.get $n) (i32.const -2)))
    (block $rend (loop $rl
      (br_if $rend (i32.ge_s (local.get $r) (local.get $rows)))
      (local.set $k (i32.const 0))
      (block $kend (loop $kl
        (br_if $kend (i32.ge_s (local.get $k) (local.get $n2)))
        (v128.store64_lane 0 (i32.add (local.get $pd) (i32.shl (local.get $k) (i32.const 2)))
          (f32x4.demote_f64x2_zero (v128.load (i32.add (local.get $ps) (i32.shl (local.get $k) (i32.const 3))))))
        (local.set $k (i32.add (local.get $k) (i32.const 2)))
        (br $kl)))
      (block $pend (loop $pl
        (br_if $pend (i32.ge_s (local.get $k) (local.get $n)))
        (f32.store (i32.add (local.get $pd) (i32.shl (local.get $k) (i32.const 2)))
          (f32.demote_f64 (f64.load (i32.add (local.get $ps) (i32.shl (local.get $k) (i32.const 3))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $pl)))
      (block $zend (loop $zl
        (br_if $zend (i32.ge_s (local.get $k) (local.get $np)))
        (f32.store (i32.add (local.get $pd) (i32.shl (local.get $k) (i32.const 2))) (f32.const 0))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $zl)))
      (local.set $ps (i32.add (local.get $ps) (i32.shl (local.get $n) (i32.const 3))))
      (local.set $pd (i32.add (local.get $pd) (i32.shl (local.get $np) (i32.const 2))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rl))))

  ;; rowvec: C[i, j] (+)= Σ_k A[i, k] · B[k, j] for every row i < M and column j < N, for small products (batch-1 steps):
  ;; A [M, K], B [K, N], C [M, N] float64 at pa, pb, pc. Columns in strips of 8 (four f64x2 sums), then 2, then the last
  ;; column alone; every element is one sum from 0 in increasing k with a separate multiply and add, then added to C:
  ;; bit-identical to the naive loop and to the JS kernels.
  (func $rowvec (export "rowvec") (param $M i32) (param $N i32) (param $K i32) (param $pa i32) (param $pb i32) (param $pc i32) (param $acc i32)
    (local $i i32) (local $j i32) (local $k i32) (local $N8 i32) (local $N2 i32) (local $nb i32)
    (local $qa i32) (local $qb i32) (local $qc i32) (local $ra i32) (local $rc i32)
    (local $a v128) (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $s3 v128) (local $x f64)
    (local.set $N8 (i32.and (local.get $N) (i32.const -8)))
    (local.set $N2 (i32.and (local.get $N) (i32.const -2)))
    (local.set $nb (i32.shl (local.get $N) (i32.const 3)))
    (local.set $ra (local.get $pa))
    (local.set $rc (local.get $pc))
    (block $iend (loop $il
      (br_if $iend (i32.ge_s (local.get $i) (local.get $M)))
      (local.set $j (i32.const 0))
      ;; strips of 8 columns
      (block $jend (loop $jl
        (br_if $jend (i32.ge_s (local.get $j) (local.get $N8)))
        (local.set $s0 (v128.const i64x2 0 0))
        (local.set $s1 (v128.const i64x2 0 0))
        (local.set $s2 (v128.const i64x2 0 0))
        (local.set $s3 (v128.const i64x2 0 0))
        (local.set $qa (local.get $ra))
        (local.set $qb (i32.add (local.get $pb) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $k (local.get $K))
        (block $kend (loop $kl
          (br_if $kend (i32.eqz (local.get $k)))
          (local.set $a (f64x2.splat (f64.load (local.get $qa))))
          (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (local.get $a) (v128.load offset=0 (local.get $qb)))))
          (local.set $s1 (f64x2.add (local.get $s1) (f64x2.mul (local.get $a) (v128.load offset=16 (local.get $qb)))))
          (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $a) (v128.load offset=32 (local.get $qb)))))
          (local.set $s3 (f64x2.add (local.get $s3) (f64x2.mul (local.get $a) (v128.load offset=48 (local.get $qb)))))
          (local.set $qa (i32.add (local.get $qa) (i32.const 8)))
          (local.set $qb (i32.add (local.get $qb) (local.get $nb)))
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (br $kl)))
        (local.set $qc (i32.add (local.get $rc) (i32.shl (local.get $j) (i32.const 3))))
        (if (local.get $acc) (then
          (local.set $s0 (f64x2.add (v128.load offset=0 (local.get $qc)) (local.get $s0)))
          (local.set $s1 (f64x2.add (v128.load offset=16 (local.get $qc)) (local.get $s1)))
          (local.set $s2 (f64x2.add (v128.load offset=32 (local.get $qc)) (local.get $s2)))
          (local.set $s3 (f64x2.add (v128.load offset=48 (local.get $qc)) (local.get $s3)))))
        (v128.store offset=0 (local.get $qc) (local.get $s0))
        (v128.store offset=16 (local.get $qc) (local.get $s1))
        (v128.store offset=32 (local.get $qc) (local.get $s2))
        (v128.store offset=48 (local.get $qc) (local.get $s3))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $jl)))
      ;; strips of 2 columns
      (block $j2end (loop $j2l
        (br_if $j2end (i32.ge_s (local.get $j) (local.get $N2)))
        (local.set $s0 (v128.const i64x2 0 0))
        (local.set $qa (local.get $ra))
        (local.set $qb (i32.add (local.get $pb) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $k (local.get $K))
        (block $k2end (loop $k2l
          (br_if $k2end (i32.eqz (local.get $k)))
          (local.set $s0 (f64x2.add (local.get $s0) (f64x2.mul (f64x2.splat (f64.load (local.get $qa))) (v128.load (local.get $qb)))))
          (local.set $qa (i32.add (local.get $qa) (i32.const 8)))
          (local.set $qb (i32.add (local.get $qb) (local.get $nb)))
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (br $k2l)))
        (local.set $qc (i32.add (local.get $rc) (i32.shl (local.get $j) (i32.const 3))))
        (if (local.get $acc) (then (local.set $s0 (f64x2.add (v128.load (local.get $qc)) (local.get $s0)))))
        (v128.store (local.get $qc) (local.get $s0))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $j2l)))
      ;; the last column when N is odd
      (if (i32.lt_s (local.get $j) (local.get $N)) (then
        (local.set $x (f64.const 0))
        (local.set $qa (local.get $ra))
        (local.set $qb (i32.add (local.get $pb) (i32.shl (local.get $j) (i32.const 3))))
        (local.set $k (local.get $K))
        (block $k1end (loop $k1l
          (br_if $k1end (i32.eqz (local.get $k)))
          (local.set $x (f64.add (local.get $x) (f64.mul (f64.load (local.get $qa)) (f64.load (local.get $qb)))))
          (local.set $qa (i32.add (local.get $qa) (i32.const 8)))
          (local.set $qb (i32.add (local.get $qb) (local.get $nb)))
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (br $k1l)))
        (local.set $qc (i32.add (local.get $rc) (i32.shl (local.get $j) (i32.const 3))))
        (if (local.get $acc) (then (local.set $x (f64.add (f64.load (local.get $qc)) (local.get $x)))))
        (f64.store (local.get $qc) (local.get $x))))
      (local.set $ra (i32.add (local.get $ra) (i32.shl (local.get $K) (i32.const 3))))
      (local.set $rc (i32.add (local.get $rc) (local.get $nb)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $il))))

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
  ;; Computed in float32 lanes: the float32 fast path of lstmPointwiseForwardAt.
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

  ;; lstm64: the float64 LSTM gate loop for B rows of H units, exactly lstmPointwiseForwardAt's loop (cells/lstm.ts) with the
  ;; exact σ and tanh above: i, f, o = σ(z), g = tanh(z) written back over z [B, 4H] at pz, c' = (f∗c) + (i∗g) from c [B, H]
  ;; at pcp, tanh c', h' = o∗tanh c' into [B, H] at pcn, ptc, ph. Same operations in the same order: the same bits.
  ;; Units go in pairs on the two-lane functions, an odd last unit alone.
  (func $lstm64 (export "lstm64") (param $pz i32) (param $pcp i32) (param $pcn i32) (param $ptc i32) (param $ph i32) (param $B i32) (param $H i32)
    (local $b i32) (local $hb i32) (local $qs i32) (local $qe i32) (local $qe2 i32)
    (local $i f64) (local $f f64) (local $g f64) (local $o f64) (local $cn f64) (local $tc f64)
    (local $vi v128) (local $vf v128) (local $vg v128) (local $vo v128) (local $vc v128) (local $vt v128)
    (local.set $hb (i32.shl (local.get $H) (i32.const 3)))
    (block $bend (loop $bl
      (br_if $bend (i32.ge_s (local.get $b) (local.get $B)))
      (local.set $qe (i32.add (local.get $qs) (local.get $hb)))
      (local.set $qe2 (i32.sub (local.get $qe) (i32.const 8)))
      ;; two units at a time
      (block $j2end (loop $j2l
        (br_if $j2end (i32.ge_u (local.get $qs) (local.get $qe2)))
        (local.set $vi (call $sigmoid64x2 (v128.load (local.get $pz))))
        (v128.store (local.get $pz) (local.get $vi))
        (local.set $vf (call $sigmoid64x2 (v128.load (i32.add (local.get $pz) (local.get $hb)))))
        (v128.store (i32.add (local.get $pz) (local.get $hb)) (local.get $vf))
        (local.set $vg (call $tanh64x2 (v128.load (i32.add (local.get $pz) (i32.shl (local.get $hb) (i32.const 1))))))
        (v128.store (i32.add (local.get $pz) (i32.shl (local.get $hb) (i32.const 1))) (local.get $vg))
        (local.set $vo (call $sigmoid64x2 (v128.load (i32.add (local.get $pz) (i32.mul (local.get $hb) (i32.const 3))))))
        (v128.store (i32.add (local.get $pz) (i32.mul (local.get $hb) (i32.const 3))) (local.get $vo))
        (local.set $vc (f64x2.add (f64x2.mul (local.get $vf) (v128.load (i32.add (local.get $pcp) (local.get $qs))))
                                  (f64x2.mul (local.get $vi) (local.get $vg))))
        (local.set $vt (call $tanh64x2 (local.get $vc)))
        (v128.store (i32.add (local.get $pcn) (local.get $qs)) (local.get $vc))
        (v128.store (i32.add (local.get $ptc) (local.get $qs)) (local.get $vt))
        (v128.store (i32.add (local.get $ph) (local.get $qs)) (f64x2.mul (local.get $vo) (local.get $vt)))
        (local.set $pz (i32.add (local.get $pz) (i32.const 16)))
        (local.set $qs (i32.add (local.get $qs) (i32.const 16)))
        (br $j2l)))
      ;; the last unit when H is odd
      (block $jend (loop $jl
        (br_if $jend (i32.ge_u (local.get $qs) (local.get $qe)))
        (local.set $i (call $sigmoid64 (f64.load (local.get $pz))))
        (f64.store (local.get $pz) (local.get $i))
        (local.set $f (call $sigmoid64 (f64.load (i32.add (local.get $pz) (local.get $hb)))))
        (f64.store (i32.add (local.get $pz) (local.get $hb)) (local.get $f))
        (local.set $g (call $tanh64 (f64.load (i32.add (local.get $pz) (i32.shl (local.get $hb) (i32.const 1))))))
        (f64.store (i32.add (local.get $pz) (i32.shl (local.get $hb) (i32.const 1))) (local.get $g))
        (local.set $o (call $sigmoid64 (f64.load (i32.add (local.get $pz) (i32.mul (local.get $hb) (i32.const 3))))))
        (f64.store (i32.add (local.get $pz) (i32.mul (local.get $hb) (i32.const 3))) (local.get $o))
        (local.set $cn (f64.add (f64.mul (local.get $f) (f64.load (i32.add (local.get $pcp) (local.get $qs))))
                                (f64.mul (local.get $i) (local.get $g))))
        (local.set $tc (call $tanh64 (local.get $cn)))
        (f64.store (i32.add (local.get $pcn) (local.get $qs)) (local.get $cn))
        (f64.store (i32.add (local.get $ptc) (local.get $qs)) (local.get $tc))
        (f64.store (i32.add (local.get $ph) (local.get $qs)) (f64.mul (local.get $o) (local.get $tc)))
        (local.set $pz (i32.add (local.get $pz) (i32.const 8)))
        (local.set $qs (i32.add (local.get $qs) (i32.const 8)))
        (br $jl)))
      ;; the next row of z: 4H values after this row's start, of which H were walked
      (local.set $pz (i32.add (local.get $pz) (i32.mul (local.get $hb) (i32.const 3))))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $bl))))

  ;; $copy64: n float64 values from byte address src to dst (regions apart)
  (func $copy64 (param $dst i32) (param $src i32) (param $n i32)
    (block $end (loop $l
      (br_if $end (i32.eqz (local.get $n)))
      (f64.store (local.get $dst) (f64.load (local.get $src)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 8)))
      (local.set $src (i32.add (local.get $src) (i32.const 8)))
      (local.set $n (i32.sub (local.get $n) (i32.const 1)))
      (br $l))))

  ;; lstmseq64: the whole float64 LSTM forward time loop for small batches, exactly lstmSequenceForward's per-step path with
  ;; the row kernel: for t = 0 … T−1, Z_t += h_{t−1} W_hhᵀ ($rowvec on W_hhᵀ [H, 4H] at pw), then $lstm64 on step t's rows,
  ;; then padded rows (mask value 0) copy their previous h and c. Buffers as lstmSequenceForward lays them out: gates
  ;; [T, B, 4H] at pz (input products in, activations out), hs, cs [T + 1, B, H] at phs, pcs (block 0 = state0 in, blocks
  ;; 1 … T out), tanh c [T, B, H] at ptc, mask [T, B] at pm (0 = no mask).
  (func (export "lstmseq64") (param $T i32) (param $B i32) (param $H i32) (param $pw i32) (param $pz i32) (param $phs i32)
    (param $pcs i32) (param $ptc i32) (param $pm i32)
    (local $t i32) (local $b i32) (local $bh i32) (local $hb i32) (local $q i32)
    (local.set $hb (i32.shl (local.get $H) (i32.const 3)))
    (local.set $bh (i32.mul (local.get $B) (local.get $hb)))
    (block $tend (loop $tl
      (br_if $tend (i32.ge_s (local.get $t) (local.get $T)))
      (call $rowvec (local.get $B) (i32.shl (local.get $H) (i32.const 2)) (local.get $H) (local.get $phs) (local.get $pw) (local.get $pz) (i32.const 1))
      (call $lstm64 (local.get $pz) (local.get $pcs) (i32.add (local.get $pcs) (local.get $bh)) (local.get $ptc)
        (i32.add (local.get $phs) (local.get $bh)) (local.get $B) (local.get $H))
      ;; a padded row keeps its previous state
      (if (local.get $pm) (then
        (local.set $b (i32.const 0))
        (local.set $q (i32.const 0))
        (block $bend (loop $bl
          (br_if $bend (i32.ge_s (local.get $b) (local.get $B)))
          (if (f64.eq (f64.load (local.get $pm)) (f64.const 0)) (then
            (call $copy64 (i32.add (i32.add (local.get $phs) (local.get $bh)) (local.get $q)) (i32.add (local.get $phs) (local.get $q)) (local.get $H))
            (call $copy64 (i32.add (i32.add (local.get $pcs) (local.get $bh)) (local.get $q)) (i32.add (local.get $pcs) (local.get $q)) (local.get $H))))
          (local.set $pm (i32.add (local.get $pm) (i32.const 8)))
          (local.set $q (i32.add (local.get $q) (local.get $hb)))
          (local.set $b (i32.add (local.get $b) (i32.const 1)))
          (br $bl)))))
      (local.set $pz (i32.add (local.get $pz) (i32.shl (local.get $bh) (i32.const 2))))
      (local.set $phs (i32.add (local.get $phs) (local.get $bh)))
      (local.set $pcs (i32.add (local.get $pcs) (local.get $bh)))
      (local.set $ptc (i32.add (local.get $ptc) (local.get $bh)))
      (local.set $t (i32.add (local.get $t) (i32.const 1)))
      (br $tl))))

  ;; lstmbwd64: the float64 LSTM backward time loop for small batches over steps t1−1 … t0, exactly lstmSequenceBackward's
  ;; per-step path with the row kernel: ∂L/∂h_t = dh (+ dOut_t on real rows), the gate backward (same formulas, same order:
  ;; dc' = dc + (dh∗o)∗(1 − tc∗tc), dz_i = (dc'∗g∗i)∗(1 − i), …) into the chunk's dZ rows, the norms ‖∂L/∂h_t‖, ‖∂L/∂c_t‖
  ;; summed element by element in the same order, then ∂L/∂h_{t−1} = dZ_t W_hh ($rowvec on W_hh [4H, H] at pw); padded rows
  ;; (mask 0) get no dZ and pass dh, dc through. Byte addresses: gates [T, B, 4H] at pg, tanh c, c_{t−1}, dOut [T, B, H] at
  ;; ptc, pcp, pdo (0 = no dOut), mask [T, B] at pm (0 = none), dZ [(t1 − t0), B, 4H] at pdz (zero on entry), dh, dc [B, H]
  ;; at pdh, pdc (updated), a [B, H] scratch at pdhp, norms [T] at pnh, pnc (written for t0 … t1−1).
  (func (export "lstmbwd64") (param $t0 i32) (param $t1 i32) (param $B i32) (param $H i32) (param $pw i32)
    (param $pg i32) (param $ptc i32) (param $pcp i32) (param $pdo i32) (param $pm i32) (param $pdz i32)
    (param $pdh i32) (param $pdc i32) (param $pdhp i32) (param $pnh i32) (param $pnc i32)
    (local $t i32) (local $b i32) (local $hb i32) (local $bhb i32) (local $qg i32) (local $qz i32) (local $qs i32) (local $qu i32) (local $qe i32)
    (local $pad i32) (local $anyPad i32)
    (local $sh f64) (local $sc f64) (local $dhj f64) (local $dcv f64) (local $i f64) (local $f f64) (local $g f64) (local $o f64)
    (local $tc f64) (local $dO f64) (local $dcn f64) (local $dI f64) (local $dG f64) (local $dF f64)
    (local.set $hb (i32.shl (local.get $H) (i32.const 3)))
    (local.set $bhb (i32.mul (local.get $B) (local.get $hb)))
    (local.set $t (i32.sub (local.get $t1) (i32.const 1)))
    (block $tend (loop $tl
      (br_if $tend (i32.lt_s (local.get $t) (local.get $t0)))
      (local.set $sh (f64.const 0))
      (local.set $sc (f64.const 0))
      (local.set $anyPad (i32.const 0))
      (local.set $b (i32.const 0))
      (block $bend (loop $bl
        (br_if $bend (i32.ge_s (local.get $b) (local.get $B)))
        (local.set $pad (i32.const 0))
        (if (local.get $pm) (then
          (local.set $pad (f64.eq (f64.load (i32.add (local.get $pm) (i32.shl (i32.add (i32.mul (local.get $t) (local.get $B)) (local.get $b)) (i32.const 3))))
            (f64.const 0)))))
        (local.set $anyPad (i32.or (local.get $anyPad) (local.get $pad)))
        ;; this row of the gates and of dZ; qs walks dh, dc (row b), qu walks tanh c, c_{t−1}, dOut (step t, row b)
        (local.set $qg (i32.add (local.get $pg) (i32.shl (i32.mul (i32.add (i32.mul (local.get $t) (local.get $B)) (local.get $b)) (local.get $hb)) (i32.const 2))))
        (local.set $qz (i32.add (local.get $pdz) (i32.shl (i32.mul (i32.add (i32.mul (i32.sub (local.get $t) (local.get $t0)) (local.get $B)) (local.get $b)) (local.get $hb)) (i32.const 2))))
        (local.set $qs (i32.mul (local.get $b) (local.get $hb)))
        (local.set $qu (i32.add (i32.mul (local.get $t) (local.get $bhb)) (local.get $qs)))
        (local.set $qe (i32.add (local.get $qs) (local.get $hb)))
        (block $jend (loop $jl
          (br_if $jend (i32.ge_u (local.get $qs) (local.get $qe)))
          ;; ∂L/∂h_t = ∂L/∂outputs[t] (real rows) + the gradient carried back from step t+1
          (local.set $dhj (f64.load (i32.add (local.get $pdh) (local.get $qs))))
          (if (i32.and (i32.eqz (local.get $pad)) (i32.ne (local.get $pdo) (i32.const 0))) (then
            (local.set $dhj (f64.add (local.get $dhj) (f64.load (i32.add (local.get $pdo) (local.get $qu)))))
            (f64.store (i32.add (local.get $pdh) (local.get $qs)) (local.get $dhj))))
          (local.set $sh (f64.add (local.get $sh) (f64.mul (local.get $dhj) (local.get $dhj))))
          (if (local.get $pad)
            (then
              ;; the state was copied: gradients pass through
              (local.set $dcv (f64.load (i32.add (local.get $pdc) (local.get $qs))))
              (local.set $sc (f64.add (local.get $sc) (f64.mul (local.get $dcv) (local.get $dcv)))))
            (else
              (local.set $i (f64.load (local.get $qg)))
              (local.set $f (f64.load (i32.add (local.get $qg) (local.get $hb))))
              (local.set $g (f64.load (i32.add (local.get $qg) (i32.shl (local.get $hb) (i32.const 1)))))
              (local.set $o (f64.load (i32.add (local.get $qg) (i32.mul (local.get $hb) (i32.const 3)))))
              (local.set $tc (f64.load (i32.add (local.get $ptc) (local.get $qu))))
              ;; h' = o ∗ tanh(c'): do, and the h' path into c'
              (local.set $dO (f64.mul (local.get $dhj) (local.get $tc)))
              (local.set $dcn (f64.add (f64.load (i32.add (local.get $pdc) (local.get $qs)))
                (f64.mul (f64.mul (local.get $dhj) (local.get $o)) (f64.sub (f64.const 1) (f64.mul (local.get $tc) (local.get $tc))))))
              (local.set $sc (f64.add (local.get $sc) (f64.mul (local.get $dcn) (local.get $dcn))))
              ;; c' = f ∗ c + i ∗ g
              (local.set $dI (f64.mul (local.get $dcn) (local.get $g)))
              (local.set $dG (f64.mul (local.get $dcn) (local.get $i)))
              (local.set $dF (f64.mul (local.get $dcn) (f64.load (i32.add (local.get $pcp) (local.get $qu)))))
              (f64.store (i32.add (local.get $pdc) (local.get $qs)) (f64.mul (local.get $dcn) (local.get $f)))
              ;; through the gate nonlinearities to the pre-activations
              (f64.store (local.get $qz) (f64.mul (f64.mul (local.get $dI) (local.get $i)) (f64.sub (f64.const 1) (local.get $i))))
              (f64.store (i32.add (local.get $qz) (local.get $hb)) (f64.mul (f64.mul (local.get $dF) (local.get $f)) (f64.sub (f64.const 1) (local.get $f))))
              (f64.store (i32.add (local.get $qz) (i32.shl (local.get $hb) (i32.const 1)))
                (f64.mul (local.get $dG) (f64.sub (f64.const 1) (f64.mul (local.get $g) (local.get $g)))))
              (f64.store (i32.add (local.get $qz) (i32.mul (local.get $hb) (i32.const 3)))
                (f64.mul (f64.mul (local.get $dO) (local.get $o)) (f64.sub (f64.const 1) (local.get $o))))))
          (local.set $qg (i32.add (local.get $qg) (i32.const 8)))
          (local.set $qz (i32.add (local.get $qz) (i32.const 8)))
          (local.set $qs (i32.add (local.get $qs) (i32.const 8)))
          (local.set $qu (i32.add (local.get $qu) (i32.const 8)))
          (br $jl)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br $bl)))
      (f64.store (i32.add (local.get $pnh) (i32.shl (local.get $t) (i32.const 3))) (f64.sqrt (local.get $sh)))
      (f64.store (i32.add (local.get $pnc) (i32.shl (local.get $t) (i32.const 3))) (f64.sqrt (local.get $sc)))
      ;; ∂L/∂h_{t−1} = dZ_t W_hh (real rows); padded rows carry ∂L/∂h_t unchanged
      (call $rowvec (local.get $B) (local.get $H) (i32.shl (local.get $H) (i32.const 2))
        (i32.add (local.get $pdz) (i32.shl (i32.mul (i32.sub (local.get $t) (local.get $t0)) (local.get $bhb)) (i32.const 2)))
        (local.get $pw) (select (local.get $pdhp) (local.get $pdh) (local.get $anyPad)) (i32.const 0))
      (if (local.get $anyPad) (then
        (local.set $b (i32.const 0))
        (block $cend (loop $cl
          (br_if $cend (i32.ge_s (local.get $b) (local.get $B)))
          (if (f64.ne (f64.load (i32.add (local.get $pm) (i32.shl (i32.add (i32.mul (local.get $t) (local.get $B)) (local.get $b)) (i32.const 3))))
            (f64.const 0)) (then
            (call $copy64 (i32.add (local.get $pdh) (i32.mul (local.get $b) (local.get $hb))) (i32.add (local.get $pdhp) (i32.mul (local.get $b) (local.get $hb))) (local.get $H))))
          (local.set $b (i32.add (local.get $b) (i32.const 1)))
          (br $cl)))))
      (local.set $t (i32.sub (local.get $t) (i32.const 1)))
      (br $tl))))
)
