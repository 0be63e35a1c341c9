// Which SVC parameters a kernel uses, as libsvm computes them: linear u·v; poly (gamma u·v + coef0)^degree;
// rbf exp(-gamma |u - v|²); sigmoid tanh(gamma u·v + coef0). A parameter a kernel does not use changes
// nothing in its model, so views leave it out (names, tables, charts, facts) and sweeps fit it once.
import type { Kernel } from './svc';

export type KernelParameter = 'gamma' | 'degree' | 'coef0';

const USES: Readonly<Record<Kernel, readonly KernelParameter[]>> = {
  linear: [],
  poly: ['gamma', 'degree', 'coef0'],
  rbf: ['gamma'],
  sigmoid: ['gamma', 'coef0'],
};

/** True when `kernel` uses `parameter`; an unknown or missing kernel is taken to use it (nothing hidden). */
export function kernelUses(kernel: string | undefined, parameter: KernelParameter): boolean {
  const uses = kernel !== undefined && Object.hasOwn(USES, kernel) ? USES[kernel as Kernel] : undefined;
  return uses === undefined || uses.includes(parameter);
}
