// One cancellable "Model Lab: Training…" notification around a core run: VS Code's cancel
// button becomes the run's AbortSignal, and the core's fractions become increments.
import * as vscode from 'vscode';
import type { Progress } from './engine';

export function withTrainingProgress<T>(run: (signal: AbortSignal, progress: Progress) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Model Lab: Training…', cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      let done = 0;
      try {
        return await run(abort.signal, {
          report(step, fraction) {
            const increment = fraction !== undefined ? Math.max(0, fraction * 100 - done) : undefined;
            if (fraction !== undefined) done = Math.max(done, fraction * 100);
            progress.report({ message: step, increment });
          },
        });
      } finally {
        sub.dispose();
      }
    },
  );
}
