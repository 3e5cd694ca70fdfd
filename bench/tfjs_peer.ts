// TensorFlow.js peer of the benchmark: the same training step (forward, loss Σ outputs·w, full BPTT) with tf ops.
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths, setThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import type { Workload } from "./workloads";

/** Selects the cpu (plain JS) or wasm (SIMD, one thread in Node) backend; the wasm binaries come from node_modules. */
export async function useTfjsBackend(name: "cpu" | "wasm"): Promise<void> {
  if (name === "wasm") {
    const dist = path.dirname(require.resolve("@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm"));
    setWasmPaths(dist + path.sep);
    setThreadsCount(1);
  }
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tfjs: backend ${name} failed to initialise`);
  await tf.ready();
}

/**
 * One training step of `w` in tf ops, returning a function that runs it once.
 * Cells in PyTorch's gate order (LSTM i,f,g,o; GRU r,z,n reset-after); the input projection of all
 * steps is one matMul, the recurrent one a matMul per step, gradients by tf.grads for the three parameters.
 * @param w workload sizes; `T` may be shortened for warm-up
 */
export function tfjsTrainingStep(w: Workload): () => void {
  const { B, T, I, H } = w;
  const G = { RNN: 1, GRU: 3, LSTM: 4 }[w.kind];
  const init = 1 / Math.sqrt(H);
  const wIh = tf.randomUniform([G * H, I], -init, init, "float32", 1);
  const wHh = tf.randomUniform([G * H, H], -init, init, "float32", 2);
  const bIh = tf.randomUniform([G * H], -init, init, "float32", 3);
  const bHh = tf.randomUniform([G * H], -init, init, "float32", 4);
  const x = tf.randomNormal([T * B, I], 0, 1, "float32", 5);
  const lossWeights = tf.randomNormal([T, B, H], 0, 1, "float32", 6);

  const loss = (wih: tf.Tensor, whh: tf.Tensor, bih: tf.Tensor, bhh: tf.Tensor): tf.Scalar => {
    const gx = tf.unstack(tf.reshape(tf.add(tf.matMul(x, wih, false, true), bih), [T, B, G * H]));
    let h: tf.Tensor = tf.zeros([B, H]);
    let c: tf.Tensor = tf.zeros([B, H]);
    const outs: tf.Tensor[] = [];
    for (let t = 0; t < T; t++) {
      const gh = tf.add(tf.matMul(h, whh, false, true), bhh);
      if (w.kind === "RNN") {
        h = tf.tanh(tf.add(gx[t], gh));
      } else if (w.kind === "LSTM") {
        const [i, f, g, o] = tf.split(tf.add(gx[t], gh), 4, 1);
        c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
        h = tf.mul(tf.sigmoid(o), tf.tanh(c));
      } else {
        const [xr, xz, xn] = tf.split(gx[t], 3, 1);
        const [hr, hz, hn] = tf.split(gh, 3, 1);
        const r = tf.sigmoid(tf.add(xr, hr));
        const z = tf.sigmoid(tf.add(xz, hz));
        const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
        h = tf.add(tf.mul(tf.sub(1, z), n), tf.mul(z, h));
      }
      outs.push(h);
    }
    return tf.sum(tf.mul(tf.stack(outs), lossWeights));
  };
  const gradsOf = tf.grads(loss as (...a: tf.Tensor[]) => tf.Tensor);
  return () => {
    tf.tidy(() => {
      const gs = gradsOf([wIh, wHh, bIh, bHh]);
      gs[0].dataSync(); // force the lazy backends to finish the step
    });
  };
}
