// Debian's /usr/bin/python3 with scikit-learn 1.2.1 (python3-sklearn, installed by scripts/install.sh):
// the reference the export tests check Model Lab's files against. The python3 first on PATH may be
// another one without scikit-learn, so the path is fixed.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const PYTHON = '/usr/bin/python3';
export const SCRIPTS = join(__dirname);

export interface PythonRun {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/**
 * OpenBLAS picks its ddot kernel by processor, and scikit-learn's SVC takes its dot products from
 * it: the Haswell kernel (AVX2: Haswell to Comet Lake, AMD Zen 1-3) and the SkylakeX one (AVX-512:
 * Skylake-X, Cooper Lake, Sapphire Rapids, AMD Zen 4) round differently in the last bit. The
 * references of these tests are made with the Haswell kernel, on every machine, as the fixtures
 * under test/fixtures/ were; the SkylakeX kernel has its own test (test/core/svm/blasKernels.test.ts).
 */
export const PYTHON_ENV: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_CORETYPE: 'Haswell' };

/** Runs Debian's python3 with warnings turned into errors (-W error). */
export function runPython(args: readonly string[], cwd: string): PythonRun {
  const r = spawnSync(PYTHON, ['-W', 'error', ...args], { cwd, env: PYTHON_ENV, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status, out: r.stdout ?? '', err: r.stderr ?? String(r.error ?? '') };
}

/** Throws (failing the test) unless Debian's python3 has scikit-learn 1.2.1, pandas and joblib. */
export function requireScikitLearn(): void {
  const r = spawnSync(PYTHON, ['-c', 'import sklearn, pandas, joblib; print(sklearn.__version__)'], { encoding: 'utf8' });
  if (r.status !== 0 || r.stdout.trim() !== '1.2.1') {
    throw new Error(`${PYTHON} with scikit-learn 1.2.1, pandas and joblib is needed (apt-get install python3-sklearn python3-pandas python3-joblib, see scripts/install.sh): ${r.error?.message ?? (r.stderr || r.stdout).trim()}`);
  }
}

/**
 * The course's training in scikit-learn on `df` (a pandas expression): X and y (the "target"
 * column), train_test_split 80/20 with random_state=2023, StandardScaler and SVC() fitted (in scope
 * as scaler and svc), then the `print` lines.
 */
export function courseScript(df: string, print: readonly string[]): string {
  return [
    'import pandas as pd',
    'from sklearn.model_selection import train_test_split',
    'from sklearn.preprocessing import StandardScaler',
    'from sklearn.svm import SVC',
    `df = ${df}`,
    'X, y = df.drop(columns=["target"]), df["target"]',
    'X_train, X_valid, y_train, y_valid = train_test_split(X, y, train_size=0.8, random_state=2023)',
    'scaler = StandardScaler().fit(X_train)',
    'svc = SVC().fit(scaler.transform(X_train), y_train)',
    ...print,
  ].join('\n');
}
