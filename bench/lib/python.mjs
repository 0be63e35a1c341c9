// Finds Debian's Python with scikit-learn (the reference side); says why when it is not there.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const PYTHON = '/usr/bin/python3';
let cached;

export function findSklearn() {
  if (cached) return cached;
  if (!existsSync(PYTHON)) return (cached = { ok: false, reason: `${PYTHON} not found` });
  const r = spawnSync(PYTHON, ['-c', 'import sklearn, joblib; print(sklearn.__version__)'], { encoding: 'utf8' });
  if (r.status !== 0) return (cached = { ok: false, reason: 'scikit-learn not installed (apt-get install python3-sklearn)' });
  return (cached = { ok: true, python: PYTHON, version: r.stdout.trim() });
}
