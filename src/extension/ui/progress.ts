// One cancellable progress notification around a core run: VS Code's Cancel button becomes the
// run's AbortSignal, and the core's step names and fractions become the notification's text and bar.
import * as vscode from 'vscode';
import type { Progress } from '../engine';
import { plainText } from './untrustedText';

export function withProgress<T>(title: string, run: (signal: AbortSignal, progress: Progress) => Promise<T>): Thenable<T> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Model Lab: ${plainText(title)}`, cancellable: true },
    async (progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      let done = 0;
      try {
        return await run(abort.signal, {
          report(step, fraction) {
            const increment = fraction !== undefined ? Math.max(0, fraction * 100 - done) : undefined;
            if (fraction !== undefined) done = Math.max(done, fraction * 100);
            progress.report({ message: plainText(step), increment });
          },
        });
      } finally {
        sub.dispose();
      }
    },
  );
}
