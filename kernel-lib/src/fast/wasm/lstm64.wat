;; lstm64.wat: the exact float64 LSTM kernels built on libm64.wat: the gate loop, and the small-batch forward and backward
;; time loops (whole sequences in one call). Part of the module of scripts/build-wasm.ts.
  ;; lstm64: the float64 LSTM gate loop for B rows of H units, exactly lstmGateLoopNaive's loop (fast/sequence/lstm-gates.ts, the arithmetic of cells/lstm.ts) with the
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
