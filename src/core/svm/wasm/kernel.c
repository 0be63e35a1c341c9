#include "kernel.h"
#include "blas_dot.h"

__attribute__((export_name("powi"))) double powi(double base, int times) {
  double tmp = base, ret = 1.0;
  for (int t = times; t > 0; t /= 2) {
    if (t % 2 == 1) ret *= tmp;
    tmp = tmp * tmp;
  }
  return ret;
}

double kernel_from_dot(const struct kernel_spec *spec, double dot) {
  switch (spec->kind) {
    case KERNEL_POLY: return powi(spec->gamma * dot + spec->coef0, spec->degree);
    case KERNEL_SIGMOID: return js_tanh(spec->gamma * dot + spec->coef0);
    default: return dot;
  }
}
