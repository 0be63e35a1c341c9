// Validation confusion matrices for the models checked in Compare Models. Each one comes from the
// core's validate (the model reloaded from disk, every file checked), computed only when asked,
// remembered per model folder until the folder changes, and shown under a cancellable progress
// notification when the whole batch takes longer than a second.
import * as vscode from 'vscode';
import type { MatrixView } from '../../protocol/comparePanel';
import { engine, manifestOf, type RowPredictor } from '../engine';
import { fileSystemFor } from '../models/modelLocations';
import { errorMessage } from '../ui/notifier';
import { withProgressAfterASecond } from '../ui/progress';

/** What the matrices need to know about a model (a row of the table). */
export interface MatrixSource {
  readonly id: string;
  readonly name: string;
  readonly uri: vscode.Uri;
  /** Changes whenever the model folder is written again (created time and folder mtime). */
  readonly stamp: string;
}

export class CompareMatrices {
  private readonly cache = new Map<string, { stamp: string; view: MatrixView }>();
  /** Validations in progress, shared by every caller that needs the same model. */
  private readonly inFlight = new Map<string, { stamp: string; promise: Promise<MatrixView | undefined> }>();
  private readonly stop = new AbortController();

  /** `predictor`: where the models' rows are predicted (the window's single-fit worker thread). */
  constructor(private readonly predictor: RowPredictor) {}

  /**
   * Matrices in the order of `sources`; undefined when cancelled (the progress notification's
   * Cancel button, shown once a batch runs longer than a second).
   */
  async compute(sources: readonly MatrixSource[]): Promise<MatrixView[] | undefined> {
    const missing = sources.filter((s) => this.cache.get(s.id)?.stamp !== s.stamp);
    const increment = 100 / Math.max(1, missing.length);
    const cancelled = await withProgressAfterASecond('Validating the selected models…', async (signal, report) => {
      for (const [done, s] of missing.entries()) {
        if (signal.aborted) return true;
        report({ message: `Model ${done + 1} of ${missing.length}: ${s.name}`, increment });
        await this.validateShared(s, signal);
      }
      return signal.aborted;
    }, this.stop.signal);
    if (cancelled) return undefined;
    const out = sources.map((s) => this.cache.get(s.id)?.view);
    return out.every((v) => v !== undefined) ? (out as MatrixView[]) : undefined;
  }

  private async validateShared(s: MatrixSource, signal: AbortSignal): Promise<void> {
    let running = this.inFlight.get(s.id);
    if (!running || running.stamp !== s.stamp) {
      // Each validation has its own signal: one caller cancelling must not fail another's wait.
      const own = new AbortController();
      const promise = validateOne(s, own.signal, this.predictor).then((view) => {
        if (!own.signal.aborted) this.cache.set(s.id, { stamp: s.stamp, view });
        return view;
      }).finally(() => {
        if (this.inFlight.get(s.id)?.promise === promise) this.inFlight.delete(s.id);
      });
      running = { stamp: s.stamp, promise };
      this.inFlight.set(s.id, running);
      this.stop.signal.addEventListener('abort', () => own.abort(), { once: true });
    }
    // A cancelled caller stops waiting at once; the validation itself finishes for others.
    await Promise.race([running.promise, new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }))]);
  }

  forget(ids: Iterable<string>): void {
    for (const id of ids) this.cache.delete(id);
  }

  dispose(): void {
    this.stop.abort();
  }
}

async function validateOne(s: MatrixSource, signal: AbortSignal, predictor: RowPredictor): Promise<MatrixView> {
  const fs = fileSystemFor(s.uri);
  try {
    const report = await engine().validate(fs.pathOf(s.uri), fs, { signal, predictor });
    const m = manifestOf(report);
    const classNames = report.data?.classNames ?? m?.classNames ?? [];
    if (!report.valid) return { id: s.id, name: s.name, classNames, error: report.error ?? 'The model could not be loaded.' };
    return {
      id: s.id, name: s.name, classNames: classNames.map(String),
      confusion: report.valid.confusion.map((r) => [...r]),
      correct: report.valid.correct, total: report.valid.total, accuracy: report.valid.accuracy,
    };
  } catch (e) {
    return { id: s.id, name: s.name, classNames: [], error: errorMessage(e) };
  }
}
