// Runs one measurement in a fresh process and reads back its wall time, peak memory and the
// JSON line the child printed last. Peak RSS comes from GNU time when installed, else from the
// child's own report (VmHWM in /proc/self/status).
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const GNU_TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

let counter = 0;

/**
 * @returns {Promise<{ ok: boolean, wallSeconds: number, peakRssMB?: number, result?: any,
 *   code: number|null, timedOut: boolean, stderr: string, stdout: string }>}
 */
export function runMeasured(command, args, { cwd, env, timeoutMs = 120_000, tmpDir } = {}) {
  const timeFile = GNU_TIME && tmpDir ? join(tmpDir, `time-${process.pid}-${counter++}.txt`) : undefined;
  const [cmd, argv] = timeFile ? [GNU_TIME, ['-v', '-o', timeFile, command, ...args]] : [command, args];
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(cmd, argv, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ ok: false, wallSeconds: NaN, code: null, timedOut, stderr: String(e), stdout });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const wallSeconds = (performance.now() - started) / 1000;
      let peakRssMB;
      if (timeFile && existsSync(timeFile)) {
        const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(timeFile, 'utf8'));
        if (m) peakRssMB = Number(m[1]) / 1024;
        rmSync(timeFile, { force: true });
      }
      let result;
      const lastLine = stdout.trim().split('\n').pop();
      if (lastLine?.startsWith('{')) {
        try {
          result = JSON.parse(lastLine);
        } catch {
          result = undefined;
        }
      }
      if (peakRssMB === undefined && result?.vmHwmKB) peakRssMB = result.vmHwmKB / 1024;
      resolve({ ok: code === 0 && !timedOut, wallSeconds, peakRssMB, result, code, timedOut, stderr, stdout });
    });
  });
}

export function median(values) {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return undefined;
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
}

/** The last few lines of a child's error output, for a row that says why it failed. */
export function failureReason(run) {
  if (run.timedOut) return 'timed out';
  const text = (run.stderr || run.stdout).trim().split('\n').filter(Boolean);
  // Node prints the throwing source line first; the "XxxError: message" line is the useful one.
  const line = text.find((l) => /^\s*(\w*Error|error)[:\s]/.test(l)) ?? text.pop() ?? `exit code ${run.code}`;
  return line.trim().slice(0, 160);
}
