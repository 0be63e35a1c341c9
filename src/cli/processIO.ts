// The real process behind a CliIO: stdout/stderr, the working folder, Ctrl-C (and SIGTERM) and a closed pipe.
//
// Node ignores SIGPIPE, so writing into a pipe whose reader has gone (`model-lab train | head -1`)
// fails with EPIPE, reported as an 'error' event on the stream: without a listener that event ends
// the process with a stack trace, whatever it was doing — a model half computed, never saved. Here a
// closed stdout is an ordinary event: further output is dropped and `outputClosed` tells the command,
// which finishes what it computed and ends quietly (see CliIO.outputClosed). The process then exits
// with EXIT_OUTPUT_CLOSED (141, what a shell shows for a program ended by SIGPIPE) instead of 0: its
// output did not all arrive. A model it was saving is saved all the same.
// Any other failure of stdout (`> file` on a full disk) is said at exit, in one line, with status 1:
// the output the user asked for is not where they sent it.
//
// Into a file (or a device such as /dev/full) Node writes stdout with one fs.writeSync per chunk and
// ignores how many bytes it took: on a disk with less room than the chunk, the kernel writes what fits
// and returns that count, Node reports success, and the rest is lost — exit 0 with a truncated file.
// Here such a stdout is written by writeAll, which writes the rest until all of it is there or the
// disk refuses (ENOSPC), an error that goes where the stream's errors go.
import { fstatSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { EXIT_INTERRUPTED, EXIT_OUTPUT_CLOSED, EXIT_TERMINATED, type CliIO } from './io';
import { osUserError } from '../core/io/osErrors';

/** Exit status when standard output failed for another reason than a closed pipe. */
const EXIT_OUTPUT_FAILED = 1;

/**
 * True when standard output is what Node writes synchronously with fs.writeSync: a regular file or
 * a device that is not a terminal (/dev/full, /dev/null); not a pipe, a socket or a terminal.
 */
function stdoutIsFile(): boolean {
  try {
    const s = fstatSync(1);
    return s.isFile() || (s.isCharacterDevice() && !isatty(1));
  } catch {
    return false;
  }
}

/** Writes all of `text` to `fd`, however few bytes each write takes; throws the write's error. */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
}

/** Errors of a stream whose reader went away (the pipe or socket is closed). */
function isClosedPipe(e: NodeJS.ErrnoException): boolean {
  return e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED' || e.code === 'ECONNRESET';
}

/** The line said when standard output failed with `e` (not a closed pipe), after `label` ("model-lab predict"). */
function outputFailedLine(label: string, e: NodeJS.ErrnoException): string {
  const known = osUserError(e, { path: 'standard output', doing: 'cannot write the output', choose: 'send the output to a file' });
  return `${label}: ${known?.message ?? `standard output: cannot write the output (${e.code ?? e.message}) — check where it goes`}\n`;
}

/**
 * Builds the CliIO of this process; `label` starts the line said at exit when stdout failed
 * ("model-lab predict"). First Ctrl-C or SIGTERM: abort the signal (the command stops at its next
 * step and cleans up; exit 130, or 143 for SIGTERM); a second one ends the process at once.
 */
export function processIO(label = 'model-lab'): CliIO {
  const controller = new AbortController();
  const closed = new AbortController();
  let outputError: NodeJS.ErrnoException | undefined;
  // SIGTERM (timeout, CI, docker stop) is handled exactly as Ctrl-C, with its own exit status.
  let terminated = false;
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(terminated ? EXIT_TERMINATED : EXIT_INTERRUPTED);
    controller.abort();
  };
  const onSigterm = () => {
    if (!controller.signal.aborted) terminated = true;
    onSigint();
  };
  const listen = () => {
    process.on('SIGINT', onSigint);
    process.on('SIGTERM', onSigterm);
  };
  listen();
  // The one way a failure of stdout is recorded: the stream's 'error' event, or writeAll's throw.
  const outputFailed = (e: NodeJS.ErrnoException) => {
    if (!isClosedPipe(e)) outputError ??= e;
    closed.abort();
  };
  process.stdout.on('error', outputFailed);
  const toFile = stdoutIsFile();
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
  const err = (t: string) => {
    if (shown) writeErr('\r\x1b[K');
    shown = false;
    writeErr(t);
  };
  // Decided at exit, not when the command returns: the error of its last write comes after that.
  process.on('exit', () => {
    // Cancelled by SIGTERM: the commands return Ctrl-C's status (130), the shell's is 143.
    if (terminated && process.exitCode === EXIT_INTERRUPTED) process.exitCode = EXIT_TERMINATED;
    const code = process.exitCode ?? 0;
    if (outputError !== undefined) {
      // A command that stopped because its output closed returned 141: here the output did not close, it failed.
      err(outputFailedLine(label, outputError));
      if (code === 0 || code === EXIT_OUTPUT_CLOSED) process.exitCode = EXIT_OUTPUT_FAILED;
    } else if (closed.signal.aborted && code === 0) {
      process.exitCode = EXIT_OUTPUT_CLOSED;
    }
  });
  return {
    out: (t) => {
      if (closed.signal.aborted) return;
      if (!toFile) {
        process.stdout.write(t);
        return;
      }
      try {
        writeAll(1, t);
      } catch (e) {
        outputFailed(e as NodeJS.ErrnoException);
      }
    },
    err,
    cwd: process.cwd(),
    // process.stdin is only touched when a command reads it (its stream is made on first access).
    stdin: {
      isTerminal: () => isatty(0),
      chunks: (signal) => {
        // `< folder`: Node reads a folder as an empty input, and "no data rows" would not say why.
        if (fstatSync(0).isDirectory()) throw new Error('it is a folder, not a file');
        const input = process.stdin;
        signal?.addEventListener('abort', () => input.destroy(), { once: true });
        return input;
      },
    },
    signal: controller.signal,
    outputClosed: closed.signal,
    ...(process.stdout.isTTY && process.stdout.columns ? { outColumns: process.stdout.columns } : {}),
    ...(tty ? {
      status: (t: string) => {
        writeErr(`\r\x1b[K${fitToWidth(t, process.stderr.columns)}`);
        shown = t !== '';
      },
    } : {}),
    // Without a listener Node restores the default SIGINT (SIGTERM) action: the process ends immediately.
    // Only on a real change: removing the listener drops a signal that is pending for it.
    cancelMode: (mode) => {
      if (mode === cancelMode) return;
      cancelMode = mode;
      process.removeListener('SIGINT', onSigint);
      process.removeListener('SIGTERM', onSigterm);
      if (mode === 'graceful') listen();
    },
  };
}

/**
 * The status line cut to the terminal's width, keeping its end ("… 42%"): a line that wraps cannot
 * be cleared by "\r ESC [K", which erases only the row the cursor is on, so each update would leave
 * its first rows behind.
 */
export function fitToWidth(text: string, columns: number | undefined): string {
  const chars = Array.from(text);
  if (!columns || chars.length < columns) return text;
  const end = /…(?: \d+%)?$/.exec(text)?.[0] ?? '…';
  const room = columns - 1 - Array.from(end).length;
  return room > 0 ? `${chars.slice(0, room).join('').trimEnd()}${end}` : chars.slice(0, columns - 1).join('');
}
