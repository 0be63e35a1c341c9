// Part 2: `model-lab train` on iris end to end against the course's Python script, whole process.
import { existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../lib/bundle.mjs';
import { runMeasured, median, failureReason } from '../lib/processes.mjs';
import { findSklearn } from '../lib/python.mjs';

async function measure(runs, tmpDir, makeCommand) {
  const done = [];
  for (let i = 0; i < runs; i++) {
    const out = mkdtempSync(join(tmpDir, 'train-'));
    const [cmd, args] = makeCommand(out);
    const r = await runMeasured(cmd, args, { cwd: ROOT, tmpDir, timeoutMs: 60_000 });
    if (!r.ok) return { status: 'failed', reason: failureReason(r) };
    done.push(r);
  }
  return {
    status: 'measured',
    runs: done.length,
    seconds: median(done.map((r) => r.wallSeconds)),
    peakRssMB: median(done.map((r) => r.peakRssMB)),
  };
}

export async function benchCli({ runs, tmpDir, log }) {
  const cli = join(ROOT, 'dist/cli.js');
  const sklearn = findSklearn();
  const ours = existsSync(cli)
    ? await measure(runs, tmpDir, (out) => [process.execPath, [cli, 'train', '--out', out]])
    : { status: 'not measured', reason: 'dist/cli.js missing (run npm run build)' };
  const theirs = sklearn.ok
    ? await measure(runs, tmpDir, (out) => [sklearn.python, [join(ROOT, 'bench/course_train.py'), out]])
    : { status: 'not measured', reason: sklearn.reason };
  const ratio = ours.seconds && theirs.seconds ? ours.seconds / theirs.seconds : undefined;
  log(`cli train: ours ${ours.seconds ?? ours.reason}, python ${theirs.seconds ?? theirs.reason}`);
  return [
    {
      id: 'cli-train-iris',
      what: 'CLI `train` on iris, whole process (wall clock)',
      unit: 's',
      ours,
      theirs,
      theirsLabel: 'course_train.py',
      ratio,
      target: 'faster than the Python script (ratio < 1)',
      met: ratio === undefined ? undefined : ratio < 1,
    },
  ];
}
