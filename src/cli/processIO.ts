// The real process behind a CliIO: stdout/stderr, the working folder, Ctrl-C and a closed pipe.
//
// Node ignores SIGPIPE, so writing into a pipe whose reader has gone (`model-lab train | head -1`)
// fails with EPIPE, reported as an 'error' event on the stream: without a listener that event ends
// the process with a stack trace, whatever it was doing — a model half computed, never saved. Here a
// closed stdout is an ordinary event: further output is dropped and `outputClosed` tells the command,
// which finishes what it computed and ends quietly (see CliIO.outputClosed). The process then exits
// with EXIT_OUTPUT_CLOSED (141, what a shell shows for a program ended by SIGPIPE) instead of 0: its
// output did not all arrive. A model it was saving is saved all the same.
import { isatty } from 'node:tty';
import { EXIT_OUTPUT_CLOSED, type CliIO } from './io';

/** Exit status after a second Ctrl-C, or when output failed for another reason than a closed pipe. */
const EXIT_INTERRUPTED = 130;

/** Errors of a stream whose reader went away (the pipe or socket is closed). */
function isClosedPipe(e: NodeJS.ErrnoException): boolean {
  return e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED' || e.code === 'ECONNRESET';
}

export interface ProcessIO extends CliIO {
  /** Set when stdout failed for another reason than a closed pipe (a full disk behind `> file`). */
  readonly outputError: () => NodeJS.ErrnoException | undefined;
}

/**
 * Builds the CliIO of this process. First Ctrl-C: abort the signal (the command stops at its next
 * step and cleans up); a second one ends the process at once.
 */
export function processIO(): ProcessIO {
  const controller = new AbortController();
  const closed = new AbortController();
  let outputError: NodeJS.ErrnoException | undefined;
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(EXIT_INTERRUPTED);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (!isClosedPipe(e)) outputError ??= e;
    closed.abort();
  });
  // Set at exit, not when the command returns: the error of its last write may arrive after that.
  process.on('exit', () => {
    if (closed.signal.aborted && outputError === undefined && (process.exitCode ?? 0) === 0) process.exitCode = EXIT_OUTPUT_CLOSED;
  });
  // stderr into a closed pipe (`2>&1 | head`): nothing more can be said; never crash over it.
  let stderrOpen = true;
  process.stderr.on('error', () => {
    stderrOpen = false;
  });
  let cancelMode: 'graceful' | 'immediate' = 'graceful';
  const tty = process.stderr.isTTY === true;
  let shown = false;
  const writeErr = (t: string) => {
    if (stderrOpen) process.stderr.write(t);
  };
  return {
    out: (t) => {
      if (!closed.signal.aborted) process.stdout.write(t);
    },
    err: (t) => {
      if (shown) writeErr('\r\x1b[K');
      shown = false;
      writeErr(t);
    },
    cwd: process.cwd(),
    // process.stdin is only touched when a command reads it (its stream is made on first access).
    stdin: {
      isTerminal: () => isatty(0),
      chunks: (signal) => {
        const input = process.stdin;
        signal?.addEventListener('abort', () => input.destroy(), { once: true });
        return input;
      },
    },
    signal: controller.signal,
    outputClosed: closed.signal,
    outputError: () => outputError,
    ...(tty ? {
      status: (t: string) => {
        writeErr(`\r\x1b[K${t}`);
        shown = t !== '';
      },
    } : {}),
    // Without a listener Node restores the default SIGINT action: the process ends immediately.
    // Only on a real change: removing the listener drops a signal that is pending for it.
    cancelMode: (mode) => {
      if (mode === cancelMode) return;
      cancelMode = mode;
      process.removeListener('SIGINT', onSigint);
      if (mode === 'graceful') process.on('SIGINT', onSigint);
    },
  };
}
