// The layers of Model Lab as lint rules (README "Architecture"), plus the usual safety rules.
// `npm run lint` runs it; `npm test` runs it first, so a layer violation fails CI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Imports a layer must not make: [glob of the import path, why]. */
const forbid = (...entries) => ({
  'no-restricted-imports': ['error', {
    patterns: entries.map(([group, message, allowTypeImports = false]) => ({ group: [group], message, allowTypeImports })),
  }],
});

const VSCODE = ['vscode', 'only src/extension may use the VS Code API'];
const EXTENSION = ['**/extension/**', 'the extension layer is the outermost layer: nothing imports it'];
const CLI = ['**/cli/**', 'src/cli is an entry point: nothing imports it'];
const WEBVIEW = ['**/webview/**', 'webview/ holds the pages: they talk to the extension by messages only'];
const NODE = ['node:*', 'the pages run in a browser: no node modules'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', 'tools/**', '.cache/**', 'bench/results/**', '**/*.mjs', '**/*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-implied-eval': 'error',
      'no-new-func': 'error',
      'no-eval': 'error',
      // Numeric ports compare floats bit for bit on purpose and index typed arrays heavily: these
      // recommended rules flag correct code there without catching bugs.
      '@typescript-eslint/restrict-template-expressions': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/prefer-promise-reject-errors': 'off',
      '@typescript-eslint/only-throw-error': 'off',
      '@typescript-eslint/no-redundant-type-constituents': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/restrict-plus-operands': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
    },
  },
  // The core: pure TypeScript, usable without VS Code (the CLI, the tests, a worker thread).
  { files: ['src/core/**/*.ts'], rules: forbid(VSCODE, EXTENSION, CLI, WEBVIEW, ['**/protocol/**', 'src/protocol is the pages\' contract; the core does not know it']) },
  // The protocol is shared by the extension and the pages: pure types and pure helpers only.
  { files: ['src/protocol/**/*.ts'], rules: forbid(VSCODE, EXTENSION, CLI, WEBVIEW, NODE) },
  { files: ['src/cli/**/*.ts'], rules: forbid(VSCODE, EXTENSION, WEBVIEW) },
  // The pages import only their protocol (and browser libraries).
  {
    files: ['webview/**/*.ts'],
    rules: forbid(VSCODE, NODE, ['**/src/core/**', 'the pages import only src/protocol (it re-exports the pure helpers they need)'], ['**/src/extension/**', 'the pages import only src/protocol'], ['**/src/cli/**', 'the pages import only src/protocol']),
  },
  // The extension reaches the core through one entry, engine.ts (types may be imported anywhere).
  {
    files: ['src/extension/**/*.ts'],
    ignores: ['src/extension/engine.ts', 'src/extension/engineBundle.ts'],
    rules: forbid(CLI, WEBVIEW, ['**/core/**', 'src/extension reaches the core only through src/extension/engine.ts', true]),
  },
  // Notifications parse Markdown links (a link can run a command): every one goes through
  // ui/notifier.ts, which makes file, server and setting text plain first.
  {
    files: ['src/extension/**/*.ts'],
    ignores: ['src/extension/ui/notifier.ts'],
    rules: {
      'no-restricted-syntax': ['error', {
        selector: 'MemberExpression[property.name=/^show(Error|Warning|Information)Message$/]',
        message: 'show notifications through ctx.notify (src/extension/ui/notifier.ts): it makes untrusted text plain',
      }],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-floating-promises': 'off', // node:test's describe/it return promises the runner awaits
      '@typescript-eslint/no-explicit-any': 'off', // fixtures are parsed JSON of many shapes
    },
  },
);
