/*
 * V8 runs WebAssembly first as baseline code (Liftoff) and moves a function to optimised code
 * (TurboFan, compiled on another thread) only between two calls of it: a running call is never
 * switched over. So the code is cut along how often it runs:
 *   HOT  a loop that runs many times in a fit is a function of its own, called often, so it is
 *        optimised after its first few calls;
 *   ONCE a function that runs once or a few times stays out of its caller, so that neither grows
 *        large: optimising a large function that will not run again only takes a core away.
 */
#ifndef SVM_TIERING_H
#define SVM_TIERING_H

#define HOT __attribute__((noinline))
#define ONCE __attribute__((noinline))

#endif
