// What a subcommand may touch of the process: output streams, working folder, cancellation.
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  readonly cwd: string;
  readonly signal?: AbortSignal;
  /** Transient status on a terminal ("Reading data 42%"); '' clears it. Absent when not a terminal. */
  status?(text: string): void;
  /**
   * 'graceful': Ctrl-C aborts the signal and the command cleans up. 'immediate': Ctrl-C ends the
   * process at once — for long synchronous work (the SVC fit) where nothing is on disk yet and a
   * JavaScript handler could not run until the work ends.
   */
  cancelMode?(mode: 'graceful' | 'immediate'): void;
}
