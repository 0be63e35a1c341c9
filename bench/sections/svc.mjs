// Part 1: SVC fit + predict, Model Lab against scikit-learn, on the same iris-like CSV per n, then on
// scikit-learn's digits (1,797 rows × 64 features, 10 classes: wide rows, where every kernel value
// is a 64-term dot product through emulated FMAs, and 45 one-vs-one sub-problems).
// Every figure every run: fit, predict and both in a fresh process (the cold figure), both again
// as the fifth fit in one process (the warm figure: what a long-lived process such as the
// extension host sees), peak RSS and the whole process's wall time, each side by side with its ratio.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { writeIrisLikeCsv } from '../lib/irisLike.mjs';
import { bundleEntry, ROOT } from '../lib/bundle.mjs';
import { runMeasured, median, failureReason } from '../lib/processes.mjs';
import { findSklearn } from '../lib/python.mjs';

/** A run slower than this stops that side's larger sizes (keeps the whole run near 5 minutes). */
const SLOW_RUN_SECONDS = 30;
/** Fits per warm process: the last one is timed (by the fifth, V8 has optimised what it will). */
const WARM_REPEAT = 5;
/** Issue 17's targets (ratios ours / scikit-learn). */
const TARGETS = {
  1000: { time: 1.0 },
  5000: { time: 1.0 },
  20000: { time: 0.8, memory: 1.0 },
};

function summarize(runs, reasonIfNone) {
  const ok = runs.filter((r) => r.ok && r.result);
  if (ok.length === 0) return { status: 'failed', reason: reasonIfNone ?? failureReason(runs[runs.length - 1]) };
  return {
    status: 'measured',
    runs: ok.length,
    seconds: median(ok.map((r) => r.result.seconds)),
    fitSeconds: median(ok.map((r) => r.result.fitSeconds)),
    predictSeconds: median(ok.map((r) => r.result.predictSeconds)),
    peakRssMB: median(ok.map((r) => r.peakRssMB)),
    processSeconds: median(ok.map((r) => r.wallSeconds)),
    nSupport: ok[0].result.nSupport,
    predictions: ok.map((r) => r.result.predictions),
  };
}

function countDiffs(a, b) {
  if (a.length !== b.length) return Math.max(a.length, b.length);
  let k = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) k++;
  return k;
}

/** Every run of ours against scikit-learn's first run; also says when either side disagrees with itself. */
function comparePredictions(ours, theirs) {
  if (!ours.predictions || !theirs.predictions) return 'not compared';
  const ref = theirs.predictions[0];
  const worst = Math.max(...ours.predictions.map((p) => countDiffs(p, ref)));
  const notes = [];
  if (ours.predictions.some((p) => countDiffs(p, ours.predictions[0]) > 0)) notes.push('Model Lab runs disagree with each other');
  if (theirs.predictions.some((p) => countDiffs(p, ref) > 0)) notes.push('scikit-learn runs disagree with each other');
  const verdict = worst === 0 ? 'identical' : `differ on ${worst} of ${ref.length} rows`;
  return notes.length ? `${verdict} (${notes.join('; ')})` : verdict;
}

const ratio = (a, b) => (a !== undefined && b !== undefined && b > 0 ? a / b : undefined);

function targetOf(n) {
  const t = TARGETS[n];
  if (!t) return {};
  const text = [`time ≤ ${t.time.toFixed(1)}×`, t.memory !== undefined ? `peak memory ≤ ${t.memory.toFixed(1)}×` : undefined].filter(Boolean).join('; ');
  return { text, ...t };
}

/** Runs both sides `runs` times, alternating so that drift on this shared machine hits both alike. */
async function alternate(runs, ours, theirs) {
  const oursRuns = [];
  const theirsRuns = [];
  for (let i = 0; i < runs; i++) {
    if (ours) oursRuns.push(await ours());
    if (theirs) theirsRuns.push(await theirs());
  }
  return { oursRuns, theirsRuns };
}

/**
 * scikit-learn's digits, standardized (as the course's StandardScaler would), as the benchmark's CSV
 * (64 features, then the label); undefined when scikit-learn is not there to write it.
 */
function writeDigitsCsv(sklearn, tmpDir) {
  if (!sklearn.ok) return undefined;
  const file = join(tmpDir, 'digits.csv');
  const script = [
    'import sys', 'from sklearn.datasets import load_digits', 'from sklearn.preprocessing import StandardScaler',
    'X, y = load_digits(return_X_y=True)', 'X = StandardScaler().fit_transform(X)',
    'with open(sys.argv[1], "w") as f:', '    for row, label in zip(X, y): f.write(",".join(repr(float(v)) for v in row) + "," + str(int(label)) + "\\n")',
  ].join('\n');
  const r = spawnSync(sklearn.python, ['-c', script, file], { encoding: 'utf8' });
  return r.status === 0 ? file : undefined;
}

export async function benchSvc({ sizes, runs, tmpDir, log }) {
  const bundled = existsSync(join(ROOT, 'src/core/svm/svc.ts'))
    ? await bundleEntry('bench/entries/svcFitPredict.ts', tmpDir)
    : { ok: false, reason: 'src/core/svm/svc.ts missing' };
  const sklearn = findSklearn();
  const script = join(ROOT, 'bench/svc_sklearn.py');
  const rows = [];
  let oursGaveUp = bundled.ok ? undefined : bundled.reason;
  let theirsGaveUp = sklearn.ok ? undefined : sklearn.reason;
  const dataSets = sizes.map((n) => ({ n, csv: () => writeIrisLikeCsv(tmpDir, n) }));
  dataSets.push({ n: 1797, label: 'digits: 1,797 × 64, 10 classes', csv: () => writeDigitsCsv(sklearn, tmpDir) });
  for (const { n, label, csv: write } of dataSets) {
    const csv = write();
    if (csv === undefined) continue;
    const run = (side, extra = []) => async () => {
      const r = side === 'ours'
        ? await runMeasured(process.execPath, [bundled.file, csv, ...extra], { tmpDir, timeoutMs: 300_000 })
        : await runMeasured(sklearn.python, [script, csv, ...extra], { tmpDir, timeoutMs: 300_000 });
      if (!r.ok) {
        if (side === 'ours') oursGaveUp = failureReason(r);
        else theirsGaveUp = failureReason(r);
      } else if (side === 'ours' && r.result.seconds > SLOW_RUN_SECONDS) {
        oursGaveUp = `skipped: n=${n} took ${r.result.seconds.toFixed(1)} s per run`;
      }
      return r;
    };
    const oursBefore = oursGaveUp;
    const theirsBefore = theirsGaveUp;
    const cold = await alternate(runs, !oursBefore && run('ours'), !theirsBefore && run('theirs'));
    const warm = await alternate(Math.min(runs, 3), !oursGaveUp && run('ours', ['--repeat', String(WARM_REPEAT)]),
      !theirsGaveUp && run('theirs', ['--repeat', String(WARM_REPEAT)]));
    const ours = summarize(cold.oursRuns, cold.oursRuns.length ? undefined : oursBefore);
    const theirs = summarize(cold.theirsRuns, cold.theirsRuns.length ? undefined : theirsBefore);
    const oursWarm = summarize(warm.oursRuns, 'not run');
    const theirsWarm = summarize(warm.theirsRuns, 'not run');
    const target = label ? {} : targetOf(n);
    const row = {
      n,
      ...(label ? { label } : {}),
      ours: { ...ours, predictions: undefined, warmSeconds: oursWarm.seconds },
      theirs: { ...theirs, predictions: undefined, warmSeconds: theirsWarm.seconds },
      fitRatio: ratio(ours.fitSeconds, theirs.fitSeconds),
      predictRatio: ratio(ours.predictSeconds, theirs.predictSeconds),
      ratio: ratio(ours.seconds, theirs.seconds),
      warmRatio: ratio(oursWarm.seconds, theirsWarm.seconds),
      memoryRatio: ratio(ours.peakRssMB, theirs.peakRssMB),
      processRatio: ratio(ours.processSeconds, theirs.processSeconds),
      predictions: ours.status === 'measured' && theirs.status === 'measured' ? comparePredictions(ours, theirs) : 'not compared',
      target: target.text,
    };
    if (target.time !== undefined) {
      const timeMet = row.ratio !== undefined ? row.ratio <= target.time : undefined;
      const memMet = target.memory === undefined ? true : row.memoryRatio !== undefined ? row.memoryRatio <= target.memory : undefined;
      row.met = timeMet === undefined || memMet === undefined ? undefined : timeMet && memMet && row.predictions === 'identical';
    }
    rows.push(row);
    log(`svc ${label ?? `n=${n}`}: ours ${fmt(ours.seconds)} s, scikit-learn ${fmt(theirs.seconds)} s (${fmtRatio(row.ratio)}; warm ${fmtRatio(row.warmRatio)}; ` +
      `memory ${fmtRatio(row.memoryRatio)}), ${row.predictions}`);
  }
  return rows;
}

function fmt(x) {
  return x === undefined ? '—' : x.toFixed(4);
}

function fmtRatio(x) {
  return x === undefined ? '—' : `${x.toFixed(2)}×`;
}
