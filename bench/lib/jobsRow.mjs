// One row of a --jobs N against --jobs 1 comparison (the sweep and tune sections): medians of
// the runs, the speed-up against issue 17's target, and how many cores each side really got.
import { failureReason, median } from './processes.mjs';

/** Median seconds and peak RSS of the runs that succeeded, or why none did. */
export function summarize(runs, pick) {
  const ok = runs.filter((r) => r.ok);
  if (ok.length === 0) return { status: 'failed', reason: runs.length ? failureReason(runs[runs.length - 1]) : 'not run' };
  return { status: 'measured', runs: ok.length, seconds: median(ok.map(pick)), peakRssMB: median(ok.map((r) => r.peakRssMB)) };
}

/** Cores the in-process runs really got: CPU seconds (all threads) per wall second, median. */
const coresUsed = (runs) => median(runs.filter((r) => r.ok && r.result?.cpuSeconds).map((r) => r.result.cpuSeconds / r.result.seconds));

/** `one`/`many`: the runs with --jobs 1 and --jobs `jobs`; `reason`: why neither was measured; `same`: a note on the results. */
export function jobsRow({ id, what, one, many, reason, jobs, target, same }) {
  const oneS = reason ? { status: 'not measured', reason } : summarize(one, (r) => r.result?.seconds ?? r.wallSeconds);
  const manyS = reason ? { status: 'not measured', reason } : summarize(many, (r) => r.result?.seconds ?? r.wallSeconds);
  const speedup = oneS.seconds && manyS.seconds ? oneS.seconds / manyS.seconds : undefined;
  const cores = coresUsed(many) !== undefined ? `; cores used: ${coresUsed(one)?.toFixed(2)} (--jobs 1), ${coresUsed(many).toFixed(2)} (--jobs ${jobs})` : '';
  const speed = speedup === undefined ? '' : `speed-up ${speedup.toFixed(2)}×`;
  return {
    id, what, unit: 's', ours: manyS, theirs: oneS, theirsLabel: '--jobs 1', ratio: speedup === undefined ? undefined : 1 / speedup,
    target: `≥ ${target}× faster than --jobs 1 (ratio ≤ ${(1 / target).toFixed(3)})`,
    met: speedup === undefined ? undefined : speedup >= target,
    note: `${[speed, same].filter(Boolean).join('; ')}${cores}`,
  };
}
