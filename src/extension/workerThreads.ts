// The window's pool of worker threads for sweeps, tune and big single models (setting modelLab.jobs):
// created on first use, kept while the window lives (a second sweep finds its threads started and the
// SVM compiled), closed when the extension is deactivated. The extension host's own thread never fits
// models that are big enough to gain from threads or to be felt: it stays free for the rest of VS Code.
import * as vscode from 'vscode';
import { availableParallelism } from 'node:os';
import { engine, type ModelFitter, type SweepRunner, type UnitRunner, type WorkerPool } from './engine';
import type { SettingWarnings } from './ui/settingWarnings';

/** The worker threads' program, beside the extension's bundles (scripts/buildTargets.mjs). */
const WORKER_FILE = 'poolWorker.js';
/** modelLab.jobs: 0 = the number of cores. More than this is a typo, not a machine. */
const MAX_JOBS = 256;

export class WorkerThreads implements vscode.Disposable {
  private current: WorkerPool | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly warnings: SettingWarnings) {}

  /** Threads to use: modelLab.jobs, 0 (the default) for the number of cores; a bad value falls back to 0 and says so. */
  jobs(): number {
    const v = vscode.workspace.getConfiguration('modelLab').get<unknown>('jobs', 0);
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= MAX_JOBS) return v === 0 ? availableParallelism() : v;
    // Only speed depends on it: the run goes on with every core, and the notification says so once per value.
    this.warnings.warn('modelLab.jobs', v, `Setting modelLab.jobs = ${JSON.stringify(v)} is not valid: it takes a whole number from 0 to ${MAX_JOBS} (0: every core) — using 0 (every core); change it in Settings, or remove it for the default 0`);
    return availableParallelism();
  }

  /**
   * Where tune's (candidate, fold) units run: the window's pool, or this thread with modelLab.jobs = 1
   * (a search too small to gain from starting threads stays in this thread too, as in the CLI).
   */
  unitRunner(): UnitRunner {
    const e = engine();
    const pool = this.pool();
    return pool ? e.poolRunner(pool, minWork(pool, e.MIN_WORK_FOR_THREADS)) : e.runUnitsInThisThread;
  }

  /** Where a sweep's models are fitted: the window's pool, or this thread with modelLab.jobs = 1 (or a small sweep). */
  sweepRunner(): SweepRunner {
    const e = engine();
    const pool = this.pool();
    return pool ? e.sweepPoolRunner(() => pool, minWork(pool, e.MIN_SWEEP_WORK_FOR_THREADS)) : e.runSweepInThisThread;
  }

  /**
   * Where one model is fitted and scored (Train, tune's refit): on the window's pool when it trains on
   * 5,000 rows or more, so that the extension host stays responsive and Cancel stops it at once; in
   * this thread when smaller, or with modelLab.jobs = 1.
   */
  modelFitter(): ModelFitter {
    const e = engine();
    const pool = this.pool();
    return pool ? e.poolFitter(() => pool) : e.fitInThisThread;
  }

  /** The pool for modelLab.jobs threads (undefined for 1); a changed setting gets a new pool once the old one's jobs end. */
  private pool(): WorkerPool | undefined {
    const jobs = this.jobs();
    if (this.current && this.current.size !== jobs) {
      void this.current.closeWhenIdle();
      this.current = undefined;
    }
    if (jobs < 2) return undefined;
    this.current ??= new (engine().WorkerPool)(vscode.Uri.joinPath(this.extensionUri, 'dist', WORKER_FILE).fsPath, jobs);
    return this.current;
  }

  /** Worker threads the window has running now (0 before the first big fit, and after a cancel). */
  get threads(): number {
    return this.current?.threads ?? 0;
  }

  /** Stops the threads (deactivate): a job still running is cancelled, as the window is closing. */
  async close(): Promise<void> {
    const pool = this.current;
    this.current = undefined;
    await pool?.close();
  }

  dispose(): void {
    void this.close();
  }
}

/**
 * The thresholds weigh the cost of starting threads; once the window's threads run, that cost is
 * paid, so any job of two units or more goes to them and the extension host stays free (8 models on
 * iris, 2 running threads against this thread: 82–89 against 90–97 ms).
 */
function minWork(pool: WorkerPool, coldThreshold: number): number {
  return pool.threads > 0 ? 0 : coldThreshold;
}
