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

/** A step for a notification that may not show yet: its text and how much of the bar it fills. */
export interface LateStep {
  readonly message: string;
  readonly increment?: number;
}

/**
 * Runs `run` at once and, if it is still running after PROGRESS_AFTER_MS, shows a progress
 * notification titled `title` whose Cancel aborts `run`'s signal (a quick run shows nothing), as
 * does `stop`. `report` says a step: the notification shows the latest when it appears, then each.
 */
export async function withProgressAfterASecond<T>(
  title: string,
  run: (signal: AbortSignal, report: (step: LateStep) => void) => Promise<T>,
  stop?: AbortSignal,
): Promise<T> {
  const abort = new AbortController();
  const onStop = () => abort.abort();
  stop?.addEventListener('abort', onStop);
  let latest: LateStep | undefined;
  let shown: vscode.Progress<LateStep> | undefined;
  const work = run(abort.signal, (step) => {
    latest = step;
    shown?.report(step);
  });
  let settled = false;
  const timer = setTimeout(() => {
    if (settled) return;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Model Lab: ${plainText(title)}`, cancellable: true },
      (progress, token) => {
        token.onCancellationRequested(() => abort.abort());
        shown = progress;
        if (latest) progress.report(latest);
        return work.catch(() => undefined);
      },
    );
  }, PROGRESS_AFTER_MS);
  try {
    return await work;
  } finally {
    settled = true;
    clearTimeout(timer);
    stop?.removeEventListener('abort', onStop);
  }
}
