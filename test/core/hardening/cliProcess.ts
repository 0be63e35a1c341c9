// The model-lab CLI as a child process, bundled exactly as scripts/build.mjs bundles dist/cli.js but
// into a temporary folder: these tests do not race with other parts' dist/ builds. The compiled SVM
// (dist/svm.wasm and dist/svm-fma.wasm, which the bundle loads from beside itself) is copied from `npm run build`'s output.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';

let bundled: string | undefined;

/** Path of a fresh bundle of src/cli/main.ts (built once per test process, removed at exit). */
export function cliPath(): string {
  if (bundled) return bundled;
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-hardening-cli-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const outfile = join(dir, 'cli.js');
  buildSync({
    entryPoints: ['src/cli/main.ts'], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
    external: ['pg-native'], banner: { js: '#!/usr/bin/env node' }, logLevel: 'error',
  });
  for (const f of ['svm.wasm', 'svm-fma.wasm']) copyFileSync(join('dist', f), join(dir, f));
  bundled = outfile;
  return outfile;
}

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly out: string;
  readonly err: string;
}

export function runCliSync(args: string[], cwd: string, nodeArgs: string[] = [], env: NodeJS.ProcessEnv = {}): CliRun {
  const r = spawnSync(process.execPath, [...nodeArgs, cliPath(), ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}

/** Starts the CLI; `done` resolves when it exits (also after a kill). */
export function startCli(args: string[], cwd: string): { child: ChildProcess; done: Promise<CliRun>; output: () => string } {
  const child = spawn(process.execPath, [cliPath(), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d) => { out += String(d); });
  child.stderr!.on('data', (d) => { err += String(d); });
  const done = new Promise<CliRun>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out, err })));
  return { child, done, output: () => out };
}
