#include "fma.h"

/* a*b + c as this build computes it: the engine checks with it that the FMA build's relaxed madd
 * fuses before using that build (svmEngine.ts). */
__attribute__((export_name("svm_fma"))) double svm_fma(double a, double b, double c) {
  return fused_madd(a, b, c);
}
