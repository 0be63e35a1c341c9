// Which of OpenBLAS's ddot kernels scikit-learn's SVC gets its dot products from on this machine.
// OpenBLAS (Debian 12's 0.3.21, and the one bundled with the scipy/numpy wheels) picks its kernels by
// processor when it loads: with AVX-512 (AVX512VL, as its support_avx512() asks: Skylake-X, Cooper
// Lake, Sapphire Rapids, AMD Zen 4) the SkylakeX kernel, else on x86-64 the Haswell one (AMD Zen 1-3
// too). The two round differently in the last bit, so a fit's dual coefficients do too; OpenBLAS's
// own OPENBLAS_CORETYPE overrides the choice, and so does MODEL_LAB_BLAS_KERNEL (the tests pin the
// kernel their fixtures were made with). Only the Haswell and SkylakeX orders are reproduced: other
// processors (ARM64, macOS's Accelerate) get the Haswell order, as before.
import { readFileSync } from 'node:fs';

export type BlasKernel = 'haswell' | 'skylakex';

/** OPENBLAS_CORETYPE names (lower case) whose ddot is the SkylakeX kernel. */
const SKYLAKEX_CORES = new Set(['skylakex', 'cooperlake', 'sapphirerapids']);

/**
 * The kernel for `env` and this processor's /proc/cpuinfo (read only when the environment does not
 * decide; anything but Linux on x86-64 gets 'haswell').
 */
export function openBlasKernel(env: NodeJS.ProcessEnv = process.env, cpuinfo: () => string = readCpuinfo): BlasKernel {
  const pinned = env['MODEL_LAB_BLAS_KERNEL']?.toLowerCase();
  if (pinned === 'haswell' || pinned === 'skylakex') return pinned;
  const core = env['OPENBLAS_CORETYPE']?.toLowerCase();
  if (core) return SKYLAKEX_CORES.has(core) ? 'skylakex' : 'haswell';
  if (process.arch !== 'x64' || process.platform !== 'linux') return 'haswell';
  const flags = /^flags\s*:(.*)$/m.exec(cpuinfo())?.[1]?.split(/\s+/) ?? [];
  return flags.includes('avx512f') && flags.includes('avx512vl') ? 'skylakex' : 'haswell';
}

function readCpuinfo(): string {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return '';
  }
}
