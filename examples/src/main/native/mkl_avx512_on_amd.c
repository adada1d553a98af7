/*
 * Lets Intel MKL use its AVX-512 kernels on AMD processors that have AVX-512.
 *
 * PyTorch (which DJL runs) links oneMKL statically for float32 matrix products. On a non-Intel
 * CPU, MKL's dispatcher asks mkl_serv_intel_cpu_true() and, when it answers 0, runs its AVX2
 * code path even on CPUs with AVX-512 (measured on this project's AMD EPYC, docs/BENCHMARKS.md:
 * 64x300x300 products 85 -> 178 GFLOP/s, 1024^3 107 -> 184-203 GFLOP/s on 2 cores). Preloading
 * this library (LD_PRELOAD) answers 1; MKL still picks among the kernels the CPU's feature bits
 * allow, so a CPU without AVX-512 keeps AVX2. ./eoc builds and preloads it on AMD CPUs with
 * AVX-512 unless EOC_MKL_AVX512=0.
 */
int mkl_serv_intel_cpu_true(void) { return 1; }
