// The transient status line of a command on a terminal (stderr): "Reading data… 42%". Written only
// when it changes; cleared before ordinary output and at the end. Without a terminal, nothing.
import type { Progress } from '../core/usecases/contracts';
import type { CliIO } from './io';

export interface StatusLine {
  /** Feeds the use case's progress into the status line. */
  readonly progress: Progress;
  /** Clears the line (before printing output, and when the command ends). */
  clear(): void;
}

/** A status line on io.status; `onStep` sees every step first (e.g. to switch Ctrl-C handling). */
export function statusLine(io: CliIO, onStep?: (step: string) => void): StatusLine {
  let shown = '';
  const set = (text: string) => {
    if (text !== shown) io.status?.(text);
    shown = text;
  };
  return {
    progress: {
      report(step: string, fraction?: number) {
        onStep?.(step);
        set(step === 'Done' ? '' : `${step}…${fraction !== undefined ? ` ${Math.floor(fraction * 100)}%` : ''}`);
      },
    },
    clear: () => set(''),
  };
}
