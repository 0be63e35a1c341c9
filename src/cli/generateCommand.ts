// CONTRACT STUB — `model-lab generate` (PostgreSQL data generator).
/** Runs the subcommand with the arguments after `generate`; resolves to the exit code. */
export async function runGenerate(_args: string[]): Promise<number> {
  process.stderr.write('model-lab generate: not implemented yet\n');
  return 2;
}
