// Child process of the SVC benchmark (bundled by esbuild, so TypeScript loading is not timed):
// reads the CSV the harness wrote, times SVC().fit(X, y).predict(X) and prints one JSON line.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { SVC } from '../../src/core/svm/svc';

function peakRssKB(): number | undefined {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) : undefined;
}

const path = process.argv[2];
if (!path) throw new Error('usage: svcFitPredict <csv>');
const X: number[][] = [];
const y: number[] = [];
for (const line of readFileSync(path, 'utf8').split('\n')) {
  if (!line) continue;
  const cells = line.split(',').map(Number);
  y.push(cells.pop() as number);
  X.push(cells);
}

const t0 = performance.now();
const model = new SVC().fit(X, y);
const t1 = performance.now();
const predictions = model.predict(X);
const t2 = performance.now();

process.stdout.write(
  JSON.stringify({
    fitSeconds: (t1 - t0) / 1000,
    predictSeconds: (t2 - t1) / 1000,
    seconds: (t2 - t0) / 1000,
    nSupport: model.nSupport,
    predictions,
    vmHwmKB: peakRssKB(),
  }) + '\n',
);
