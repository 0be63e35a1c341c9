// Child process of the SVC benchmark (bundled by esbuild, so TypeScript loading is not timed):
// reads the CSV the harness wrote, times SVC().fit(X, y).predict(X) and prints one JSON line.
// `--repeat K` fits and predicts K times in this process and reports the last time (the warm
// figure: what a long-lived process such as the extension host sees once V8 has optimised).
// A fresh process here is the model-lab command's case, so it compiles the SVM as that does.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { SVC } from '../../src/core/svm/svc';
import { compileForShortProcess } from '../../src/core/svm/svmEngine';

function peakRssKB(): number | undefined {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) : undefined;
}

const path = process.argv[2];
if (!path) throw new Error('usage: svcFitPredict <csv> [--repeat K]');
const repeatAt = process.argv.indexOf('--repeat');
const repeat = repeatAt > 0 ? Number(process.argv[repeatAt + 1]) : 1;
const X: number[][] = [];
const y: number[] = [];
for (const line of readFileSync(path, 'utf8').split('\n')) {
  if (!line) continue;
  const cells = line.split(',').map(Number);
  y.push(cells.pop() as number);
  X.push(cells);
}

compileForShortProcess();
let result = {};
for (let r = 0; r < repeat; r++) {
  const t0 = performance.now();
  const model = new SVC().fit(X, y);
  const t1 = performance.now();
  const predictions = model.predict(X);
  const t2 = performance.now();
  result = {
    fitSeconds: (t1 - t0) / 1000,
    predictSeconds: (t2 - t1) / 1000,
    seconds: (t2 - t0) / 1000,
    nSupport: model.nSupport,
    predictions,
  };
}

process.stdout.write(JSON.stringify({ ...result, vmHwmKB: peakRssKB() }) + '\n');
