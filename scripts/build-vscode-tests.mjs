// Bundles the extension-host test suite (test/vscode/suite/index.ts) to out/vscode-suite/index.js
// for a real VS Code to load as extensionTestsPath; 'vscode' comes from the host.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

// The extension requires its engine lazily as the sibling bundle './engine.js'; the suite bundles the
// engine's source in its place.
const engineFromSource = {
  name: 'engine-from-source',
  setup(b) {
    b.onResolve({ filter: /^\.\/engine\.js$/ }, () => ({ path: resolve('src/extension/engineBundle.ts') }));
  },
};

await build({
  entryPoints: ['test/vscode/suite/index.ts'],
  outfile: 'out/vscode-suite/index.js',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode', 'pg-native'],
  logLevel: 'info',
  plugins: [engineFromSource],
});

// The engine loads the compiled SVM from beside its bundle (src/core/svm/svmEngine.ts).
mkdirSync('out/vscode-suite', { recursive: true });
for (const f of ['svm.wasm', 'svm-fma.wasm']) copyFileSync(`dist/${f}`, `out/vscode-suite/${f}`);
