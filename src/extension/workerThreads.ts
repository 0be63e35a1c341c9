// The window's worker threads, where every model the extension fits is fitted: a pool of
// modelLab.jobs threads for a sweep's models and tune's units (one such job at a time: a second one
// waits for its turn, and its progress says so), and one worker of its own for single fits (Train,
// tune's refit, an import's refit check) and for a saved model's predictions (validate, a .joblib
// file's check and import), so that a Train during a long Tune or sweep runs at once
// instead of queueing behind it. Both are created on first use, kept while the window lives (a
// second run finds its threads started and the SVM compiled), closed when the extension is deactivated. The extension host's own thread never
// fits, however small the model: WebAssembly there cannot be interrupted, so a slow fit (a poly
// kernel of high degree on iris takes minutes) would ignore Cancel and freeze every extension of the
// window. On a worker, Cancel terminates it at once. The CLI keeps its thresholds (its own thread
// may fit: Ctrl-C is handled there).
import * as vscode from 'vscode';
import { availableParallelism } from 'node:os';
import { engine, type ModelFitter, type RowPredictor, type SweepRunner, type UnitRunner, type WorkerPool } from './engine';
import type { SettingWarnings } from './ui/settingWarnings';

/** The worker threads' program, beside the extension's bundles (scripts/buildTargets.mjs). */
const WORKER_FILE = 'poolWorker.js';
/** modelLab.jobs: 0 = the number of cores. More than this is a typo, not a machine. */
const MAX_JOBS = 256;

/** Told when a sweep or search has to wait for the one the window is running (the text says which). */
export type OnWait = (text: string) => void;

export class WorkerThreads implements vscode.Disposable {
  private current: WorkerPool | undefined;
  /** The single fits' workers (a pool of one each): the ones fitting now, and one kept for the next fit. */
  private readonly busyFitters = new Set<WorkerPool>();
  private idleFitter: WorkerPool | undefined;
  /** The sweeps and searches given to a pool and not ended, oldest first: the pool runs them in this order. */
  private readonly jobsInTurn = new Map<WorkerPool, { readonly what: string }[]>();

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
  unitRunner(onWait?: OnWait): UnitRunner {
    const pool = this.pool();
    return this.inTurn(pool, 'a search (Tune Iris Model)', engine().unitsOnPool(pool), onWait);
  }

  /** Where a sweep's models are fitted: the window's pool, however small the sweep. */
  sweepRunner(onWait?: OnWait): SweepRunner {
    const pool = this.pool();
    return this.inTurn(pool, 'a sweep (Train Iris Model…)', engine().sweepOnPool(() => pool), onWait);
  }

  /**
   * Where one model is fitted and scored (Train, tune's refit, an import's refit check): a worker of
   * its own, never the sweeps' and searches' pool, and never shared with another single fit running
   * meanwhile (a Train during a search's long refit does not wait for it either). The last worker
   * used is kept for the next fit; Cancel terminates the fit's worker only.
   */
  modelFitter(): ModelFitter {
    return (context, unit, events) => this.onSingleWorker((pool) => engine().fitOnPool(() => pool)(context, unit, events));
  }

  /**
   * Where a saved or scikit-learn model's rows are predicted (validate, a .joblib file's check, an
   * import): a single fit's worker, as a fit (30,000 rows take seconds); Cancel terminates it.
   */
  rowPredictor(): RowPredictor {
    return (pipeline, parts, events) => this.onSingleWorker((pool) => engine().predictOnPool(() => pool)(pipeline, parts, events));
  }

  /** Runs `work` on a single-fit worker: the idle one, else a new one; kept afterwards for the next, unless another is kept already. */
  private async onSingleWorker<R>(work: (pool: WorkerPool) => Promise<R>): Promise<R> {
    const pool = this.idleFitter ?? new (engine().WorkerPool)(this.workerFile(), 1);
    this.idleFitter = undefined;
    this.busyFitters.add(pool);
    try {
      return await work(pool);
    } finally {
      this.busyFitters.delete(pool);
      if (this.idleFitter) void pool.close();
      else this.idleFitter = pool;
    }
  }

  /** Starts the next single fit's worker ahead of it: Train starts it while it asks and reads the data. */
  prepareFit(): void {
    (this.idleFitter ??= new (engine().WorkerPool)(this.workerFile(), 1)).startWorkers();
  }

  /** `run` as the pool runs it, in turn: when a job is already there, `onWait` is told which before this one waits for it. */
  private inTurn<J, E, R>(pool: WorkerPool, what: string, run: (job: J, events: E) => Promise<R>, onWait?: OnWait): (job: J, events: E) => Promise<R> {
    return async (job, events) => {
      const inTurn = this.jobsInTurn.get(pool) ?? [];
      this.jobsInTurn.set(pool, inTurn);
      const ahead = inTurn[0]?.what;
      if (ahead !== undefined) onWait?.(`Waiting for ${ahead} running in this window to end — this one starts then (Cancel stops waiting)`);
      const mine = { what };
      inTurn.push(mine);
      try {
        return await run(job, events);
      } finally {
        inTurn.splice(inTurn.indexOf(mine), 1);
        if (inTurn.length === 0) this.jobsInTurn.delete(pool);
      }
    };
  }

  /** The pool for modelLab.jobs threads (1: one worker, never this thread); a changed setting gets a new pool once the old one's jobs end. */
  private pool(): WorkerPool {
    const jobs = this.jobs();
    if (this.current && this.current.size !== jobs) {
      void this.current.closeWhenIdle();
      this.current = undefined;
    }
    this.current ??= new (engine().WorkerPool)(this.workerFile(), jobs);
    return this.current;
  }

  private workerFile(): string {
    return vscode.Uri.joinPath(this.extensionUri, 'dist', WORKER_FILE).fsPath;
  }

  /** Worker threads of the sweeps' and searches' pool running now (0 before the first such job, and after a cancel). */
  get threads(): number {
    return this.current?.threads ?? 0;
  }

  /** The single fits' worker threads running now: one per fit running, or the one kept after a fit; 0 before the first fit and after a cancel. */
  get fitterThreads(): number {
    return [...this.busyFitters, this.idleFitter].reduce((n, p) => n + (p?.threads ?? 0), 0);
  }

  /** Stops the threads (deactivate): a job still running is cancelled, as the window is closing; a later fit starts new ones. */
  async close(): Promise<void> {
    const pools = [this.current, this.idleFitter, ...this.busyFitters].filter((p) => p !== undefined);
    this.current = undefined;
    this.idleFitter = undefined;
    this.busyFitters.clear();
    await Promise.all(pools.map((p) => p.close()));
  }

  dispose(): void {
    void this.close();
  }
}
