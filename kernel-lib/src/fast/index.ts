// The fast backend: everything that exists for speed (WebAssembly SIMD, the optional native add-on, the float32 path,
// whole-sequence kernels, threads) behind the seam of src/backend. Loading this module registers it as the default.
import { registerBackend } from "../backend/backend";
import { FAST_TENSOR_KERNELS } from "./products";
import { FAST_SEQUENCE_KERNELS } from "./sequence/kernels";

export { GEMM_WASM_MIN_WORK, fastGemm } from "./products";
export { gemmWasm } from "./wasm/gemm-wasm";
export { wasmGemmAvailable, wasmGemmThreadsReady } from "./wasm/instance";
export { gemmNative, nativeKernels, setNativeKernels } from "./native/gemm-native";
export { BackendEnvironment, backendEnvironments, nativeIsasPresent } from "./environments";
export { GEMM_THREAD_MIN_WORK, MAX_GEMM_THREADS, gemmThreadStats, gemmThreads, machineThreads, setGemmThreads } from "./wasm/gemm-threads";

registerBackend({ name: "fast", tensor: FAST_TENSOR_KERNELS, sequences: FAST_SEQUENCE_KERNELS }, { default: true });
