/*
 * V8 runs WebAssembly first as baseline code (Liftoff) and optimises a function (TurboFan, on
 * another thread) once its loops and returns have used up a budget of executed code; the optimised
 * code serves the next call, never the running one. So the code is cut along how often it runs:
 *   HOT  every loop is a small function of its own: one called often is optimised after its
 *        first calls, and optimising a small function is quick;
 *   ONCE a function that runs once or a few times per fit stays out of line and has no long loop
 *        of its own, so that it never spends the budget: optimising a large function that will
 *        not run again only takes a core away (28 ms of compiling for svm_train at 5,000 rows).
 */
#ifndef SVM_TIERING_H
#define SVM_TIERING_H

#define HOT __attribute__((noinline))
#define ONCE __attribute__((noinline))

#endif
