// Every backend configuration this machine can run, for the test suites that must hold on each (as TensorFlow.js runs an op's
// tests over ALL_ENVS): the reference backend, the fast one on each native instruction set present, and WebAssembly alone.
import { BackendName, getBackend, setBackend } from "../backend/backend";
import { nativeKernels, setNativeKernels } from "./native/gemm-native";
import { gemmThreads, setGemmThreads } from "./wasm/gemm-threads";

/** One configuration: `enter()` switches to it, `exit()` restores what was in use before `enter()`. */
export interface BackendEnvironment {
  /** e.g. `"reference"`, `"fast, native avx2"`, `"fast, WebAssembly"`. */
  readonly name: string;
  readonly backend: BackendName;
  enter(): void;
  exit(): void;
}

/** The native instruction sets the add-on can run here, widest first (empty without the add-on). */
export function nativeIsasPresent(): ("avx512f" | "avx2" | "128-bit")[] {
  const n = nativeKernels();
  if (!n.available) return [];
  const was = n.enabled;
  const out: ("avx512f" | "avx2" | "128-bit")[] = [];
  for (const isa of ["avx512f", "avx2", "128-bit"] as const) if (setNativeKernels(true, isa) === isa) out.push(isa);
  setNativeKernels(true, out[0]);
  if (!was) setNativeKernels(false);
  return out;
}

/**
 * The configurations to run a suite under: `"reference"`, `"fast, native <isa>"` for every instruction set present, and
 * `"fast, WebAssembly"` (the add-on off: what runs where it cannot be built). One thread each.
 */
export function backendEnvironments(): BackendEnvironment[] {
  const configs: { name: string; backend: BackendName; native: string | null }[] = [{ name: "reference", backend: "reference", native: null }];
  for (const isa of nativeIsasPresent()) configs.push({ name: `fast, native ${isa}`, backend: "fast", native: isa });
  configs.push({ name: "fast, WebAssembly", backend: "fast", native: null });
  return configs.map((c) => {
    let saved: { backend: BackendName; native: boolean; isa: string; threads: number } | null = null;
    return {
      name: c.name,
      backend: c.backend,
      enter() {
        const n = nativeKernels();
        saved = { backend: getBackend(), native: n.enabled && n.available, isa: n.isa, threads: gemmThreads() };
        setBackend(c.backend);
        setGemmThreads(1);
        if (c.native !== null) setNativeKernels(true, c.native as "avx512f" | "avx2" | "128-bit");
        else if (n.available) setNativeKernels(false);
      },
      exit() {
        if (saved === null) return;
        setBackend(saved.backend);
        setGemmThreads(saved.threads);
        if (nativeKernels().available) {
          if (saved.native) setNativeKernels(true, saved.isa as "avx512f" | "avx2" | "128-bit");
          else setNativeKernels(false);
        }
        saved = null;
      },
    };
  });
}
