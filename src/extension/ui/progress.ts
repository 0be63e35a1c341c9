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

/** Work that usually takes less shows no notification (a results tab's validation, Compare's matrices). */
export const PROGRESS_AFTER_MS = 1000;

/**
 * Runs `run` at once and, if it is still running after PROGRESS_AFTER_MS, shows a progress
 * notification titled `title` whose Cancel aborts `run`'s signal (a quick run shows nothing).
 */
export async function withProgressAfterASecond<T>(title: string, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const work = run(abort.signal);
  let settled = false;
  const timer = setTimeout(() => {
    if (settled) return;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Model Lab: ${plainText(title)}`, cancellable: true },
      (_progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        return work.catch(() => undefined);
      },
    );
  }, PROGRESS_AFTER_MS);
  try {
    return await work;
  } finally {
    settled = true;
    clearTimeout(timer);
  }
}
