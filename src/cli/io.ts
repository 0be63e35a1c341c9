// What a subcommand may touch of the process: output streams, working folder, cancellation.
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  readonly cwd: string;
  readonly signal?: AbortSignal;
}
