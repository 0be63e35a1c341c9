// Whether starting worker threads pays for a job of pure units (a sweep's models, tune's fits). A
// thread's start costs about as much as 150–200 ms of fitting on this 2-core machine (Node's own start
// of a worker, ~55 ms when these were measured, ~30 ms since scopedV8Flags.ts; then its JavaScript
// and the SVM warming up), and a unit's fit and scoring grow about as the square of its training rows
// (kernel evaluations), so a job's work is counted as units × rows². Each kind of job sets its own threshold, measured in fresh processes
// (sweepRunner.ts, tune/poolRunner.ts).

/**
 * True when a job of `units` units, each training on `trainRows` rows, is worth starting threads
 * for: at least two units and at least `minWork` of work (units × trainRows²). `minWork` 0: always
 * (an explicit --jobs N, or threads already running).
 */
export function threadsPay(units: number, trainRows: number, minWork: number): boolean {
  return units >= 2 && units * trainRows * trainRows >= minWork;
}
