// Minified builds of the bundles, made here from scripts/buildTargets.mjs (the list scripts/build.mjs
// builds) with --production's settings (minify, no source maps), so sizes and the activation time do
// not depend on how dist/ was last built.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './bundle.mjs';
import { BUILD_TARGETS, esbuildOptions } from '../../scripts/buildTargets.mjs';

/** The bundles of scripts/buildTargets.mjs, as { out, entry, shipped, options } (options: esbuild's). */
export const BUNDLES = BUILD_TARGETS.map((t) => ({ out: t.outfile, entry: t.entryPoints[0], shipped: t.shipped, options: esbuildOptions(t) }));

/** @returns {Promise<{ ok: true, metafile: object } | { ok: false, reason: string }>} */
export async function buildMinified(b, outfile) {
  if (!existsSync(join(ROOT, b.entry))) return { ok: false, reason: `${b.entry} missing` };
  try {
    const r = await build({
      ...b.options, entryPoints: [join(ROOT, b.entry)], outfile, bundle: true, minify: true, logLevel: 'silent', legalComments: 'none',
      metafile: true, absWorkingDir: ROOT,
    });
    return { ok: true, metafile: r.metafile };
  } catch (e) {
    return { ok: false, reason: `esbuild: ${e?.errors?.[0]?.text ?? e}` };
  }
}

/**
 * An extension folder like the .vsix holds (package.json, media/, the minified bundles and
 * dist/svm.wasm), for loading in development mode. Made once per bench run.
 */
let pending;
export function productionExtensionFolder(tmpDir) {
  pending ??= (async () => {
    const dir = join(tmpDir, 'ext');
    mkdirSync(join(dir, 'dist'), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
    if (existsSync(join(ROOT, 'media'))) cpSync(join(ROOT, 'media'), join(dir, 'media'), { recursive: true });
    for (const b of BUNDLES.filter((x) => x.shipped && existsSync(join(ROOT, x.entry)))) {
      const r = await buildMinified(b, join(dir, b.out));
      if (!r.ok) return { ok: false, reason: `${b.out}: ${r.reason}` };
    }
    // The compiled SVM's two builds that dist/engine.js loads from beside itself (built by npm run build).
    for (const f of ['dist/svm.wasm', 'dist/svm-fma.wasm']) {
      if (!existsSync(join(ROOT, f))) return { ok: false, reason: `${f} missing: run npm run build` };
      cpSync(join(ROOT, f), join(dir, f));
    }
    return { ok: true, dir };
  })();
  return pending;
}
