// Part 1: SVC fit + predict, Model Lab against scikit-learn, on the same iris-like CSV per n.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeIrisLikeCsv } from '../lib/irisLike.mjs';
import { bundleEntry, ROOT } from '../lib/bundle.mjs';
import { runMeasured, median, failureReason } from '../lib/processes.mjs';
import { findSklearn } from '../lib/python.mjs';

/** A run slower than this stops that side's larger sizes (keeps the whole run near 5 minutes). */
const SLOW_RUN_SECONDS = 30;

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

export async function benchSvc({ sizes, runs, tmpDir, log }) {
  const bundled = existsSync(join(ROOT, 'src/core/svm/svc.ts'))
    ? await bundleEntry('bench/entries/svcFitPredict.ts', tmpDir)
    : { ok: false, reason: 'src/core/svm/svc.ts missing' };
  const sklearn = findSklearn();
  const script = join(ROOT, 'bench/svc_sklearn.py');
  const rows = [];
  let oursGaveUp = bundled.ok ? undefined : bundled.reason;
  let theirsGaveUp = sklearn.ok ? undefined : sklearn.reason;
  for (const n of sizes) {
    const csv = writeIrisLikeCsv(tmpDir, n);
    const oursRuns = [];
    const theirsRuns = [];
    // Alternate the sides so drift on this shared machine hits both alike.
    for (let i = 0; i < runs; i++) {
      if (!oursGaveUp) {
        const r = await runMeasured(process.execPath, [bundled.file, csv], { tmpDir, timeoutMs: 300_000 });
        oursRuns.push(r);
        if (!r.ok) oursGaveUp = failureReason(r);
        else if (r.result.seconds > SLOW_RUN_SECONDS) oursGaveUp = `skipped: n=${n} took ${r.result.seconds.toFixed(1)} s per run`;
      }
      if (!theirsGaveUp) {
        const r = await runMeasured(sklearn.python, [script, csv], { tmpDir, timeoutMs: 300_000 });
        theirsRuns.push(r);
        if (!r.ok) theirsGaveUp = failureReason(r);
      }
      if (oursGaveUp && theirsGaveUp) break;
    }
    const ours = summarize(oursRuns, oursRuns.length ? undefined : oursGaveUp);
    const theirs = summarize(theirsRuns, theirsRuns.length ? undefined : theirsGaveUp);
    const row = {
      n,
      ours: { ...ours, predictions: undefined },
      theirs: { ...theirs, predictions: undefined },
      ratio: ours.seconds && theirs.seconds ? ours.seconds / theirs.seconds : undefined,
      memoryRatio: ours.peakRssMB && theirs.peakRssMB ? ours.peakRssMB / theirs.peakRssMB : undefined,
      predictions: ours.status === 'measured' && theirs.status === 'measured' ? comparePredictions(ours, theirs) : 'not compared',
      target: n >= 5000 ? 'time ≤ 0.8× scikit-learn' + (n >= 20000 ? '; peak memory ≤ scikit-learn' : '') : undefined,
    };
    if (row.target) {
      const timeMet = row.ratio !== undefined ? row.ratio <= 0.8 : undefined;
      const memMet = n >= 20000 ? (row.memoryRatio !== undefined ? row.memoryRatio <= 1 : undefined) : true;
      row.met = timeMet === undefined || memMet === undefined ? undefined : timeMet && memMet;
    }
    rows.push(row);
    log(`svc n=${n}: ours ${fmt(ours.seconds)} s, scikit-learn ${fmt(theirs.seconds)} s, ${row.predictions}`);
  }
  return rows;
}

function fmt(x) {
  return x === undefined ? '—' : x.toFixed(4);
}
