// Where a saved or scikit-learn model predicts the rows it is checked on (validate, a .joblib file's
// check, an import): in this thread (the CLI) or on a worker thread (the extension). Predicting is
// where validation's time goes — a model fitted on 24,000 rows with about as many support vectors
// takes 6–8 s for its 30,000 rows (reading and checking its files: about 0.3 s) — and in the
// extension host's thread it could not be cancelled and froze every extension of the window. The
// predictions are the same wherever they are made: the worker rebuilds the model from its JSON.
import type { Label, Matrix } from '../types';
import { throwIfAborted } from '../abort';
import { Pipeline } from '../pipeline';
import type { WorkerPool } from '../parallel/workerPool';
import type { TaskHandler } from '../parallel/poolMessages';

/**
 * Predicts each of `parts` (e.g. the training and the validation rows) with `pipeline`, results in
 * the same order. Rejects with the abort error when `signal` aborts.
 */
export type RowPredictor = (pipeline: Pipeline, parts: readonly Matrix[], events: { readonly signal?: AbortSignal }) => Promise<Label[][]>;

/** Predicts in this thread (the CLI). */
export const predictInThisThread: RowPredictor = (pipeline, parts, events) => {
  throwIfAborted(events.signal);
  return Promise.resolve(parts.map((X) => {
    throwIfAborted(events.signal);
    return pipeline.predict(X);
  }));
};

/** The worker's task kind (taskHandlers.ts): context the model's PipelineJSON, each task a part's rows. */
export const PREDICT_ROWS_TASK = 'predictRows';

export const predictRowsHandler: TaskHandler = (context, task) => Pipeline.fromJSON(context).predict(task as Matrix);

/** Predicts on a worker of the pool `poolOf` gives (the extension's single-fit worker): Cancel terminates it at once. */
export function predictOnPool(poolOf: () => WorkerPool): RowPredictor {
  return (pipeline, parts, events) => poolOf().run<Matrix, Label[]>(PREDICT_ROWS_TASK, pipeline.toJSON(), parts, events.signal ? { signal: events.signal } : {});
}
