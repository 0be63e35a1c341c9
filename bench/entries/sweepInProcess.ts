// Child process of the sweep benchmark: reads the data once (not timed), then times runSweep — every
// model fitted, scored and saved — on `jobs` threads (a WorkerPool of that many, its start timed too;
// 1: this thread; fresh, this thread is one of them, as in the CLI) and prints one JSON line: seconds, CPU seconds of all threads, the models, and the
// peak RSS at three points: at start, once the data is read, at the end.
// Usage: sweepInProcess <iris|file.csv> <C list> <gamma list> <modelsDir> <jobs> [poolWorker.js] [warm]
// "warm": one sweep runs first, untimed, on the same pool (as in a long-lived extension host).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { nodeFileSystem } from '../../src/core/io/nodeFileSystem';
import { loadTrainingSnapshot } from '../../src/core/usecases/trainingSnapshot';
import { runSweep } from '../../src/core/experiments/sweep';
import { parseCList, parseGammaList } from '../../src/core/experiments/valueLists';
import { sweepPoolRunner } from '../../src/core/experiments/sweepRunner';
import { WorkerPool } from '../../src/core/parallel/workerPool';
import { TASK_HANDLERS } from '../../src/core/parallel/taskHandlers';
import type { TrainOptions } from '../../src/core/usecases/contracts';

function peakRssKB(): number | undefined {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) : undefined;
}

async function main(): Promise<void> {
  const [data, C, gamma, modelsDir, jobsText, workerFile, warm] = process.argv.slice(2);
  if (!data || !C || !gamma || !modelsDir || !jobsText) throw new Error('usage: sweepInProcess <iris|file.csv> <C list> <gamma list> <modelsDir> <jobs> [poolWorker.js] [warm]');
  const jobs = Number(jobsText);
  const startRssKB = peakRssKB();
  const base: TrainOptions = {
    data: data === 'iris' ? { kind: 'iris' } : { kind: 'csv', path: data }, layout: 'separate', seed: 2023,
    trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0,
    target: 'target', drop: [], modelsDir,
  };
  const grid = { C: parseCList(C), gamma: parseGammaList(gamma), seed: [2023] };
  const snapshot = await loadTrainingSnapshot(base, nodeFileSystem);
  const rssBefore = peakRssKB();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  // Fresh, the process works as the CLI's --jobs N does (this thread and N - 1 workers); warm, as the
  // extension's pool does (N workers, the extension host's thread kept free).
  const pool = jobs > 1 ? new WorkerPool(workerFile ?? '', jobs, warm === 'warm' ? {} : { thisThread: TASK_HANDLERS }) : undefined;
  const runner = pool ? { runner: sweepPoolRunner(() => pool) } : {};
  let seconds0 = 0;
  if (warm === 'warm') {
    await runSweep({ ...base, modelsDir: modelsDir + '-warm' }, grid, nodeFileSystem, { snapshot, ...runner });
    seconds0 = (performance.now() - t0) / 1000;
  }
  const t1 = performance.now();
  const cpu1 = process.cpuUsage();
  const result = await runSweep(base, grid, nodeFileSystem, { snapshot, ...runner });
  const seconds = (performance.now() - t1) / 1000;
  const cpu = process.cpuUsage(warm === 'warm' ? cpu1 : cpu0);
  await pool?.close();
  process.stdout.write(JSON.stringify({
    seconds, warmupSeconds: seconds0, cpuSeconds: (cpu.user + cpu.system) / 1e6, jobs, models: result.models.length,
    names: result.models.map((m) => m.result.name), valid: result.models.map((m) => m.result.valid.accuracy),
    vmHwmKB: peakRssKB(), startRssKB, dataRssKB: rssBefore,
  }) + '\n');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  process.exit(1);
});
