// `npm run bench`: Model Lab against scikit-learn, side by side, each measurement in a fresh
// process. Prints Markdown tables and writes bench/results/latest.{json,md}.
// Options: --quick (fewer sizes and runs), --only svc|cli|ext|models|tune|sweep (comma-separated allowed).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './lib/bundle.mjs';
import { findSklearn } from './lib/python.mjs';
import { GNU_TIME } from './lib/processes.mjs';
import { toMarkdown } from './lib/report.mjs';
import { benchSvc } from './sections/svc.mjs';
import { benchCli } from './sections/cli.mjs';
import { benchExt } from './sections/ext.mjs';
import { benchModels } from './sections/models.mjs';
import { benchTune } from './sections/tune.mjs';
import { benchSweep } from './sections/sweep.mjs';

const SECTIONS = ['svc', 'cli', 'ext', 'models', 'tune', 'sweep'];
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const onlyAt = argv.indexOf('--only');
const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',').filter(Boolean) : SECTIONS;
const unknown = only.filter((s) => !SECTIONS.includes(s));
if (unknown.length || (onlyAt >= 0 && only.length === 0)) {
  console.error(`--only takes one or more of ${SECTIONS.join(', ')} (comma-separated); got '${argv[onlyAt + 1] ?? ''}'`);
  process.exit(2);
}

const runs = quick ? 3 : 5;
// A real VS Code session costs 30–60 s here: fewer of them.
const sessions = quick ? 1 : 3;
const sizes = quick ? [150, 1000, 5000] : [150, 1000, 5000, 20000];
const tmpDir = mkdtempSync(join(tmpdir(), 'model-lab-bench-'));
const log = (line) => console.error(`[bench] ${line}`);
const sklearn = findSklearn();
const started = Date.now();

const results = {
  date: new Date().toISOString(),
  machine: `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}; ` +
    `scikit-learn ${sklearn.ok ? sklearn.version : `absent (${sklearn.reason})`}; peak RSS from ${GNU_TIME ? 'GNU time -v' : 'VmHWM'}` +
    `; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} at start`,
  options: argv.join(' ') || '(none)',
  runs,
  vscodeSessions: sessions,
};
try {
  if (only.includes('svc')) results.svc = await benchSvc({ sizes, runs, tmpDir, log });
  if (only.includes('cli')) results.cli = await benchCli({ runs, tmpDir, log });
  if (only.includes('ext')) results.ext = await benchExt({ runs, sessions, tmpDir, log });
  if (only.includes('models')) results.models = await benchModels({ runs, sessions, tmpDir, log });
  if (only.includes('tune')) results.tune = await benchTune({ runs, tmpDir, log });
  if (only.includes('sweep')) results.sweep = await benchSweep({ runs, tmpDir, log });
} finally {
  rmSync(tmpDir, { recursive: true, force: true });
}
results.totalSeconds = (Date.now() - started) / 1000;
results.machine += `, ${loadavg()[0].toFixed(1)} at end`;

const markdown = toMarkdown(results);
const outDir = join(ROOT, 'bench/results');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
writeFileSync(join(outDir, 'latest.md'), markdown);
process.stdout.write(markdown);
log(`done in ${results.totalSeconds.toFixed(0)} s; wrote bench/results/latest.json and latest.md`);
