{
  "targets": [
    {
      "target_name": "rnnlab_native",
      "sources": ["native/addon.c", "native/napi-args.c", "native/gemm.c", "native/gates.c", "native/backward.c", "native/pool.c", "native/scan.c", "native/libm.c"],
      "libraries": ["-lpthread"],
      "cflags": ["-O2", "-fvect-cost-model=cheap", "-ffp-contract=off", "-fno-strict-aliasing", "-std=gnu11"],
      "xcode_settings": { "OTHER_CFLAGS": ["-O2", "-ffp-contract=off"] },
      "msvs_settings": { "VCCLCompilerTool": { "FloatingPointModel": "0" } }
    }
  ]
}
