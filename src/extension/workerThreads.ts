// The window's pool of worker threads, where every model the extension fits is fitted (Train, a
// sweep's models, tune's units and its refit, an import's refit check; setting modelLab.jobs):
// created on first use, kept while the window lives (a second run finds its threads started and the
// SVM compiled), closed when the extension is deactivated. The extension host's own thread never
// fits, however small the model: WebAssembly there cannot be interrupted, so a slow fit (a poly
// kernel of high degree on iris takes minutes) would ignore Cancel and freeze every extension of the
// window. On a worker, Cancel terminates it at once. The CLI keeps its thresholds (its own thread
// may fit: Ctrl-C is handled there).
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

  /** Where tune's (candidate, fold) units run: the window's pool, however small the search. */
  unitRunner(): UnitRunner {
    return engine().unitsOnPool(this.pool());
  }

  /** Where a sweep's models are fitted: the window's pool, however small the sweep. */
  sweepRunner(): SweepRunner {
    const pool = this.pool();
    return engine().sweepOnPool(() => pool);
  }

  /** Where one model is fitted and scored (Train, tune's refit, an import's refit check): a worker of the window's pool. */
  modelFitter(): ModelFitter {
    const pool = this.pool();
    return engine().fitOnPool(() => pool);
  }

  /** The pool for modelLab.jobs threads (1: one worker, never this thread); a changed setting gets a new pool once the old one's jobs end. */
  private pool(): WorkerPool {
    const jobs = this.jobs();
    if (this.current && this.current.size !== jobs) {
      void this.current.closeWhenIdle();
      this.current = undefined;
    }
    this.current ??= new (engine().WorkerPool)(vscode.Uri.joinPath(this.extensionUri, 'dist', WORKER_FILE).fsPath, jobs);
    return this.current;
  }

  /** Worker threads the window has running now (0 before the first fit, and after a cancel). */
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
