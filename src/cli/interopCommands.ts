// CONTRACT STUB — joblib validation/import and ONNX export subcommands.
/** `model-lab validate PATH.joblib ...` (args after `validate`). */
export async function runValidateJoblib(_args: string[]): Promise<number> {
  process.stderr.write('model-lab validate: .joblib files are not supported yet\n');
  return 2;
}
/** `model-lab import PATH.joblib [--classifier PATH] [--out models] [--name N]`. */
export async function runImport(_args: string[]): Promise<number> {
  process.stderr.write('model-lab import: not implemented yet\n');
  return 2;
}
/** `model-lab export MODEL_DIR --format onnx`. */
export async function runExport(_args: string[]): Promise<number> {
  process.stderr.write('model-lab export: not implemented yet\n');
  return 2;
}
