// Runs every test/**/*.test.ts except the real-VS-Code suites (test/vscode, test/e2e) with
// node's own test runner; TypeScript is loaded through tsx. Extra args filter by path.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const skip = new Set(['test/vscode', 'test/e2e', 'test/fixtures']);
function walk(dir, out) {
  if (skip.has(dir)) return out;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}
const filters = process.argv.slice(2);
const files = walk('test', []).filter((f) => filters.length === 0 || filters.some((x) => f.includes(x))).sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
// The scikit-learn fixtures were made with OpenBLAS's Haswell ddot kernel (scripts/fixtures/regenerate.sh):
// the engine reproduces that one here whatever the processor (on AVX-512 it would pick SkylakeX;
// test/core/svm/blasKernels.test.ts checks that kernel). To run one file by hand on such a machine:
// MODEL_LAB_BLAS_KERNEL=haswell npx tsx --test FILE.
const env = { ...process.env, MODEL_LAB_BLAS_KERNEL: 'haswell' };
// An active virtual environment would choose the release of the CLI's joblib files (src/cli/environmentRelease.ts).
delete env.VIRTUAL_ENV;
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
