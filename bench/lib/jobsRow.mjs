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

/** A run's seconds: its own timed part when it printed one, else the process's wall time. */
const secondsOf = (r) => r.result?.seconds ?? r.wallSeconds;

/**
 * This machine's own ceiling for `jobs` threads in this run: `jobs` copies of the --jobs 1 run started
 * at once (`together`: one entry per copy), against that run alone (`aloneSeconds`, its median). N
 * copies that each take as long as one alone would give N×; a shared machine whose neighbours take
 * part of its cores gives less, and no thread pool can beat what the processes got.
 */
function machineCeiling(aloneSeconds, together, jobs) {
  const each = median(together.filter((r) => r.ok).map(secondsOf));
  return aloneSeconds && each ? (jobs * aloneSeconds) / each : undefined;
}

/** Starts `copies` runs at once and waits for all of them. */
export const runTogether = (copies, start) => Promise.all(Array.from({ length: copies }, () => start()));

/**
 * `one`/`many`: the runs with --jobs 1 and --jobs `jobs`; `reason`: why neither was measured; `same`: a
 * note on the results; `together`: runs of the --jobs 1 work as `jobs` processes at once (machineCeiling).
 */
export function jobsRow({ id, what, one, many, reason, jobs, target, same, together }) {
  const oneS = reason ? { status: 'not measured', reason } : summarize(one, secondsOf);
  const manyS = reason ? { status: 'not measured', reason } : summarize(many, secondsOf);
  const speedup = oneS.seconds && manyS.seconds ? oneS.seconds / manyS.seconds : undefined;
  const cores = coresUsed(many) !== undefined ? `; cores used: ${coresUsed(one)?.toFixed(2)} (--jobs 1), ${coresUsed(many).toFixed(2)} (--jobs ${jobs})` : '';
  const ceiling = together && !reason ? machineCeiling(oneS.seconds, together, jobs) : undefined;
  const speed = speedup === undefined ? '' : `speed-up ${speedup.toFixed(2)}×`;
  const ceilingNote = ceiling === undefined ? '' : `this machine's ceiling in this run ${ceiling.toFixed(2)}× (${jobs} --jobs 1 processes at once against one alone)`;
  return {
    id, what, unit: 's', ours: manyS, theirs: oneS, theirsLabel: '--jobs 1', ratio: speedup === undefined ? undefined : 1 / speedup,
    target: `≥ ${target}× faster than --jobs 1 (ratio ≤ ${(1 / target).toFixed(3)})`,
    met: speedup === undefined ? undefined : speedup >= target,
    ...(ceiling !== undefined ? { ceiling } : {}),
    note: `${[speed, ceilingNote, same].filter(Boolean).join('; ')}${cores}`,
  };
}
