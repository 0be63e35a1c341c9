// Bundles a bench entry (TypeScript) into the run's temp folder so the timed child runs plain JS.
// The files a bundle loads from beside itself (dist/svm.wasm, built by `npm run build`) are copied there too.
import { build } from 'esbuild';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

/** @returns {Promise<{ ok: true, file: string } | { ok: false, reason: string }>} */
const BESIDE_BUNDLES = ['dist/svm.wasm', 'dist/svm-fma.wasm'];

export async function bundleEntry(entry, tmpDir) {
  const file = join(tmpDir, entry.replace(/^.*\//, '').replace(/\.ts$/, '.cjs'));
  try {
    await build({
      entryPoints: [join(ROOT, entry)],
      outfile: file,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['vscode', 'pg-native'],
      logLevel: 'silent',
    });
    for (const f of BESIDE_BUNDLES) {
      if (!existsSync(join(ROOT, f))) return { ok: false, reason: `${f} missing: run npm run build` };
      copyFileSync(join(ROOT, f), join(tmpDir, f.replace(/^.*\//, '')));
    }
    return { ok: true, file };
  } catch (e) {
    const first = e?.errors?.[0];
    const where = first?.location ? ` (${first.location.file}:${first.location.line})` : '';
    return { ok: false, reason: `bundling ${entry} failed: ${first?.text ?? String(e)}${where}` };
  }
}
