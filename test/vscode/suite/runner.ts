// A tiny sequential test runner for the extension host (no mocha needed): tests register with
// test(), run() executes them in order and writes the results file the harness reads.
import { writeFileSync } from 'node:fs';

type TestFn = () => Promise<void> | void;
const tests: { name: string; fn: TestFn }[] = [];

export function test(name: string, fn: TestFn): void {
  tests.push({ name, fn });
}

export interface Results {
  done: true;
  passed: number;
  failed: number;
  failures: { name: string; message: string }[];
  /** Every test's line (✔/✖, start time, duration), in order. */
  log: string[];
}

export async function runAll(log: (line: string) => void): Promise<Results> {
  const results: Results = { done: true, passed: 0, failed: 0, failures: [], log: [] };
  const note = (line: string) => {
    results.log.push(line.split('\n')[0]!);
    log(line);
  };
  for (const t of tests) {
    const started = Date.now();
    try {
      await t.fn();
      results.passed++;
      note(`✔ ${t.name} (${new Date(started).toISOString()}, ${Date.now() - started} ms)`);
    } catch (e) {
      results.failed++;
      const message = e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e);
      results.failures.push({ name: t.name, message });
      note(`✖ ${t.name} (${new Date(started).toISOString()}, ${Date.now() - started} ms): ${message}`);
    }
  }
  return results;
}

export function writeResults(results: Results): void {
  const file = process.env.MODEL_LAB_TEST_RESULTS;
  if (file) writeFileSync(file, JSON.stringify(results, null, 2));
}
