// What a subcommand may touch of the process: output streams, working folder, cancellation.

/**
 * Exit status when standard output was closed by its reader before everything was written
 * (`model-lab predict … | head -1`): 128 + SIGPIPE, what a shell reports for `yes | head`. The
 * command still finishes and saves what it computed (a model being trained is saved); a command
 * that stops early because of it returns this status itself, the process sets it for the others.
 */
export const EXIT_OUTPUT_CLOSED = 141;

/** Exit status after Ctrl-C: 128 + SIGINT, what a shell reports for a command the signal ended. */
export const EXIT_INTERRUPTED = 130;

/**
 * Exit status after SIGTERM (timeout, CI, docker stop): 128 + SIGTERM. The signal is handled as
 * Ctrl-C is (the work stops, nothing is left half-written, the same line), only the status differs.
 */
export const EXIT_TERMINATED = 143;

export interface CliIO {
  /** Standard output. After the reader went away (see outputClosed) it drops the text. */
  out(text: string): void;
  err(text: string): void;
  readonly cwd: string;
  readonly signal?: AbortSignal;
  /**
   * Aborted when standard output was closed by its reader (a pipe into `head`, `true`, …). Nothing
   * printed from then on arrives anywhere: a command stops starting new work, finishes and saves
   * what it has computed and prints no message about it; the process exits with EXIT_OUTPUT_CLOSED.
   * Absent when the output cannot be closed (tests).
   */
  readonly outputClosed?: AbortSignal;
  /** Standard input, read by `predict --data -`. Absent where there is none to read (tests). */
  readonly stdin?: StandardInput;
  /** The terminal's width when standard output is a terminal; absent for a pipe or a file (they get whole lines). */
  readonly outColumns?: number;
  /** Transient status on a terminal ("Reading data 42%"); '' clears it. Absent when not a terminal. */
  status?(text: string): void;
  /**
   * 'graceful': Ctrl-C aborts the signal and the command cleans up. 'immediate': Ctrl-C ends the
   * process at once — for long synchronous work (the SVC fit) where nothing is on disk yet and a
   * JavaScript handler could not run until the work ends.
   */
  cancelMode?(mode: 'graceful' | 'immediate'): void;
}

export interface StandardInput {
  /** True when it is a terminal (nothing was piped in). */
  isTerminal(): boolean;
  /** Its bytes as they come; ends early (without an error) when the signal fires. */
  chunks(signal?: AbortSignal): AsyncIterable<Uint8Array>;
}

/** A warning about the data (a column that is pandas' row index) as one stderr line; the run goes on. */
export function dataWarningLine(io: CliIO, command: string): (w: Error) => void {
  return (w) => io.err(`model-lab ${command}: warning: ${w.message}\n`);
}
