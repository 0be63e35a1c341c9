// tune past one machine, for real: `tune --plan` writes the units, GNU parallel (Debian's `parallel`),
// `xargs -P` and the documented Slurm array script (run here with bash, one SLURM_ARRAY_TASK_ID at a
// time) run `tune-unit`, and `tune --collect` gives exactly the in-process JSON and refit model. Missing,
// failed, edited and mixed-up units are named; a partial merge needs --partial. An edited score is
// found by re-scoring; links, FIFOs and oversized files in the results folder are refused unread.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cliFile } from '../core/parallel/bundledWorker';

// Small enough that a process per unit stays quick: 3 C × 2 gamma × 2 kernels, 3 folds = 36 units.
const GRID = ['--C', '0.1,1,10', '--gamma', 'scale,0.5', '--kernel', 'rbf,linear', '--cv', '3'];
const UNITS = 3 * 2 * 2 * 3;
const SLURM_SCRIPT = resolve('docs/distributed/slurm-tune.sbatch');

let cwd: string;
let bin: string;
let inProcess: { json: any; dir: string };

before(() => {
  cwd = mkdtempSync(join(tmpdir(), 'model-lab-distributed-'));
  // `model-lab` on PATH, as on a cluster node: the bundled CLI (poolWorker.js beside it).
  bin = join(cwd, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'model-lab'), `#!/bin/sh\nexec "${process.execPath}" "${cliFile()}" "$@"\n`);
  chmodSync(join(bin, 'model-lab'), 0o755);
  const r = modelLab(['tune', ...GRID, '--json', '--out', 'in-process', '--name', 'tuned']);
  assert.equal(r.code, 0, r.err);
  inProcess = { json: JSON.parse(r.out), dir: join(cwd, 'in-process', 'tuned') };
});
after(() => rmSync(cwd, { recursive: true, force: true }));

function sh(command: string, env: Record<string, string> = {}, dir = cwd) {
  const r = spawnSync('/bin/sh', ['-c', command], { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The CLI in `dir`; killed after a minute so that a read that never ends (a FIFO) fails the test instead of hanging it. */
function modelLab(args: string[], dir = cwd) {
  const r = spawnSync(process.execPath, [cliFile(), ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A fresh folder holding a new plan of GRID. */
function planIn(name: string): string {
  const dir = join(cwd, name);
  mkdirSync(dir);
  const r = modelLab(['tune', ...GRID, '--plan', 'plan.jsonl'], dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, new RegExp(`^Planned ${UNITS} units \\(12 candidates × 3 folds\\) in ${join(dir, 'plan.jsonl')}\\n`));
  return dir;
}

/** --collect gives the in-process JSON (but for the model's folder) and the same model files. */
function assertSameAsInProcess(dir: string, results = 'results') {
  const r = modelLab(['tune', '--collect', results, '--json', '--out', 'models', '--name', 'tuned'], dir);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.err, '');
  const got = JSON.parse(r.out);
  assert.equal(got.model, join(dir, 'models', 'tuned'));
  assert.equal(JSON.stringify({ ...got, model: undefined }), JSON.stringify({ ...inProcess.json, model: undefined }));
  for (const file of ['classifier.json', 'scaler.json', 'data.csv']) {
    assert.equal(readFileSync(join(got.model, file), 'utf8'), readFileSync(join(inProcess.dir, file), 'utf8'), file);
  }
  // When the model was saved and its data read differ between runs; everything else is the same.
  const manifest = (d: string) => { const m = JSON.parse(readFileSync(join(d, 'model.json'), 'utf8')); return { ...m, created: undefined, manifestSha256: undefined, data: { ...m.data, readAt: undefined } }; };
  assert.deepEqual(manifest(got.model), manifest(inProcess.dir));
  assert.equal(modelLab(['validate', got.model]).code, 0);
}

test('GNU parallel runs the plan\'s lines; --collect gives exactly the in-process result and model', () => {
  const dir = planIn('gnu-parallel');
  const r = sh('parallel --will-cite -j 2 -a plan.jsonl model-lab tune-unit --out results --task {}', {}, dir);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out.trimEnd().split('\n').length, UNITS);
  assert.equal(readdirSync(join(dir, 'results')).length, UNITS);
  assertSameAsInProcess(dir);
});

test('xargs -P 2 runs the plan\'s lines (one line = one argument); --collect gives the same', () => {
  const dir = planIn('xargs');
  const r = sh("xargs -P 2 -d '\\n' -n 1 model-lab tune-unit --out results --task < plan.jsonl", {}, dir);
  assert.equal(r.code, 0, r.err);
  assertSameAsInProcess(dir);
  // The refit's joblib files too: --collect --save-joblib writes what an in-process tune --save-joblib does.
  const joblib = ['--save-joblib', '--sklearn-version', '1.4.2', '--json', '--name', 'tuned'];
  const collected = modelLab(['tune', '--collect', 'results', '--out', 'with-joblib', ...joblib], dir);
  assert.equal(collected.code, 0, collected.err);
  const direct = modelLab(['tune', ...GRID, '--out', 'in-process-joblib', ...joblib]);
  assert.equal(direct.code, 0, direct.err);
  for (const file of ['scaler.joblib', 'classifier.joblib']) {
    assert.deepEqual(readFileSync(join(dir, 'with-joblib', 'tuned', file)), readFileSync(join(cwd, 'in-process-joblib', 'tuned', file)), file);
  }
});

test('the documented Slurm array script, run by bash once per SLURM_ARRAY_TASK_ID; --plan --index', () => {
  const dir = planIn('slurm');
  for (let i = 0; i < UNITS; i++) {
    const r = sh(`bash ${SLURM_SCRIPT}`, { SLURM_ARRAY_TASK_ID: String(i), SLURM_SUBMIT_DIR: dir }, dir);
    assert.equal(r.code, 0, r.err);
  }
  assertSameAsInProcess(dir);
  const past = modelLab(['tune-unit', '--plan', 'plan.jsonl', '--index', String(UNITS), '--out', 'results'], dir);
  assert.equal(past.code, 1);
  assert.match(past.err, new RegExp(`plan\\.jsonl: --index ${UNITS} is past its last unit \\(${UNITS} lines, indices 0 to ${UNITS - 1}\\)`));
});

test('copies of one unit run at once (an engine\'s retry, two pods of one index) all succeed and leave one whole result', () => {
  const dir = planIn('same-unit');
  const r = sh('seq 1 32 | xargs -P 16 -I{} sh -c \'model-lab tune-unit --plan plan.jsonl --index 4 --out race > /dev/null; echo "rc=$?"\'', {}, dir);
  assert.equal(r.err, '');
  assert.deepEqual([...new Set(r.out.trim().split('\n'))], ['rc=0']);
  const left = readdirSync(join(dir, 'race'));
  assert.equal(left.length, 1, left.join(', '));
  assert.equal(JSON.parse(readFileSync(join(dir, 'race', left[0]!), 'utf8')).unit, 4);
});

test('missing units are named and the merge refused; --partial merges them as failed folds (nan)', () => {
  const dir = planIn('missing');
  assert.equal(sh("xargs -P 2 -d '\\n' -n 1 model-lab tune-unit --out results --task < plan.jsonl", {}, dir).code, 0);
  const files = readdirSync(join(dir, 'results')).sort();
  for (const i of [7, 31]) rmSync(join(dir, 'results', files[i]));
  const refused = modelLab(['tune', '--collect', 'results', '--json'], dir);
  assert.equal(refused.code, 1);
  assert.equal(refused.err, 'model-lab tune: 2 of 36 units have no result: unit 7 (candidate 3 of 12, fold 2 of 3) no result; unit 31 (candidate 11 of 12, fold 2 of 3) no result'
    + ` — run them again (model-lab tune-unit … --out ${join(dir, 'results')}), or add --partial to merge without them (their folds score nan)\n`);
  assert.equal(refused.out, '');
  assert.throws(() => readdirSync(join(dir, 'models')), /ENOENT/);
  const partial = modelLab(['tune', '--collect', 'results', '--json', '--partial'], dir);
  assert.equal(partial.code, 0, partial.err);
  assert.match(partial.err, /^model-lab tune: warning: merging without them: 2 of 36 units have no result: unit 7/);
  const j = JSON.parse(partial.out);
  assert.deepEqual([j.candidates[2].foldScores[1], j.candidates[2].meanScore, j.candidates[10].foldScores[1]], [null, null, null]);
  // The other candidates keep their scores; the two without a mean rank last, as failed fits do.
  const scores = (c: any) => [c.params, c.foldScores, c.meanScore, c.stdScore];
  assert.deepEqual(scores(j.candidates[0]), scores(inProcess.json.candidates[0]));
  assert.deepEqual([j.candidates[2].rank, j.candidates[10].rank], [11, 11]);
});

test('a changed snapshot: tune-unit refuses (exit 1) and leaves a note that --collect names', () => {
  const dir = planIn('changed');
  const lines = readFileSync(join(dir, 'plan.jsonl'), 'utf8').trimEnd().split('\n');
  assert.equal(sh("tail -n +2 plan.jsonl | xargs -P 2 -d '\\n' -n 1 model-lab tune-unit --out results --task", {}, dir).code, 0);
  const csv = join(dir, 'plan.data.csv');
  copyFileSync(csv, join(dir, 'original.csv'));
  writeFileSync(csv, readFileSync(csv, 'utf8').replace('5.1,3.5', '5.1,3.6'));
  const r = modelLab(['tune-unit', '--task', lines[0], '--out', 'results'], dir);
  assert.equal(r.code, 1);
  assert.match(r.err, /^model-lab tune-unit: .*plan\.data\.csv: sha256 [0-9a-f]{12}… is not the plan's [0-9a-f]{12}… — the data snapshot changed since planning; plan again\n$/);
  const collect = modelLab(['tune', '--collect', 'results'], dir);
  assert.equal(collect.code, 1);
  assert.match(collect.err, /^model-lab tune: 1 of 36 units have no result: unit 0 \(candidate 1 of 12, fold 1 of 3\) failed on \S+: .*the data snapshot changed since planning/);
  // The snapshot restored, the unit runs again; its result replaces the note.
  renameSync(join(dir, 'original.csv'), csv);
  assert.equal(modelLab(['tune-unit', '--task', lines[0], '--out', 'results'], dir).code, 0);
  assertSameAsInProcess(dir);
});

test('--data-dir finds the snapshot where the shared folder is mounted elsewhere', () => {
  const dir = planIn('moved');
  const line = readFileSync(join(dir, 'plan.jsonl'), 'utf8').split('\n')[0];
  mkdirSync(join(dir, 'mount'));
  renameSync(join(dir, 'plan.data.csv'), join(dir, 'mount', 'plan.data.csv'));
  const lost = modelLab(['tune-unit', '--task', line, '--out', 'results'], dir);
  assert.equal(lost.code, 1);
  assert.match(lost.err, /plan\.data\.csv: the search's data snapshot is not there — copy it from the planning machine or give --data-dir\n$/);
  const found = modelLab(['tune-unit', '--task', line, '--out', 'results', '--data-dir', 'mount'], dir);
  assert.equal(found.code, 0, found.err);
  assert.match(found.out, /^unit 0 \(candidate 1 of 12, fold 1 of 3\): \d+ of 40 correct \([0-9.]+\) → .*tune-[0-9a-f]{12}-unit-00000\.json\n$/);
});

test('an edited task, a damaged result and results of two searches are refused, naming what is wrong', () => {
  const dir = planIn('tampered');
  const line = readFileSync(join(dir, 'plan.jsonl'), 'utf8').split('\n')[0];
  const editedParams = modelLab(['tune-unit', '--task', line.replace('"C":0.1', '"C":0.2'), '--out', 'results'], dir);
  assert.equal(editedParams.code, 1);
  assert.match(editedParams.err, /^model-lab tune-unit: --task: not a tune unit \(field "task.params": expected candidate 0's params of the grid/);
  const editedSpec = modelLab(['tune-unit', '--task', line.replace('"C":[0.1,', '"C":[0.2,'), '--out', 'results'], dir);
  assert.equal(editedSpec.code, 1);
  assert.match(editedSpec.err, /^model-lab tune-unit: --task: not a tune unit \(field "task.search": it is not the sha256 of the task's spec — the task was edited or damaged\)/);
  const notJson = modelLab(['tune-unit', '--task', 'rm -rf /', '--out', 'results'], dir);
  assert.equal(notJson.code, 1);
  assert.match(notJson.err, /--task: not a tune unit \(not a JSON line\)/);
  assert.equal(modelLab(['tune-unit', '--task', line, '--out', 'results'], dir).code, 0);
  const [file] = readdirSync(join(dir, 'results'));
  writeFileSync(join(dir, 'results', file), readFileSync(join(dir, 'results', file), 'utf8').replace('"correct":', '"correct":1e3,"x":'));
  const damaged = modelLab(['tune', '--collect', 'results'], dir);
  assert.equal(damaged.code, 1);
  assert.match(damaged.err, new RegExp(`${file}: field "outcome.correct": expected an integer from 0 to 40, found 1000 — run that unit again\\n$`));
  // A value too long for the message is cut with an ellipsis, not mid-JSON without a mark.
  assert.match(editedParams.err, /found \{"kernel":"rbf","C":0\.2,.{30,}…\)/);
  // A total edited to agree with itself: collect rebuilds the folds and knows the fold's test rows (it merged 0.5953 for 0.8833).
  assert.equal(modelLab(['tune-unit', '--task', line, '--out', 'results3'], dir).code, 0);
  writeFileSync(join(dir, 'results3', file), readFileSync(join(dir, 'results3', file), 'utf8').replace('"total":40', '"total":1000'));
  const total = modelLab(['tune', '--collect', 'results3', '--partial', '--out', 'never'], dir);
  assert.equal(total.code, 1, total.err);
  assert.match(total.err, new RegExp(`${file}: field "outcome.total": expected 40 \\(the test rows of fold 1\\), found 1000 — run that unit again\\n$`));
  assert.equal(existsSync(join(dir, 'never')), false, 'nothing saved');
  // Another search's result in the same folder.
  const other = planIn('tampered-other');
  rmSync(join(other, 'plan.jsonl'));
  assert.equal(modelLab(['tune', '--C', '5', '--plan', 'plan.jsonl'], other).code, 0);
  const otherLine = readFileSync(join(other, 'plan.jsonl'), 'utf8').split('\n')[0];
  assert.equal(modelLab(['tune-unit', '--task', otherLine, '--out', join(dir, 'results2')], other).code, 0);
  assert.equal(modelLab(['tune-unit', '--task', line, '--out', 'results2'], dir).code, 0);
  const mixed = modelLab(['tune', '--collect', 'results2'], dir);
  assert.equal(mixed.code, 1);
  assert.match(mixed.err, /results2: results of 2 different searches \([0-9a-f]{12}, [0-9a-f]{12}\) — collect one search per folder\n$/);
});

test('a result under another name (a stray copy, a hand rename) is named as that, with the file to delete or rename', () => {
  const dir = planIn('misnamed');
  const lines = readFileSync(join(dir, 'plan.jsonl'), 'utf8').split('\n');
  for (const i of [5, 7]) assert.equal(modelLab(['tune-unit', '--task', lines[i]!, '--out', 'results'], dir).code, 0);
  const [five, seven] = readdirSync(join(dir, 'results')).sort();
  assert.match(five!, /^tune-([0-9a-f]{12})-unit-00005\.json$/);
  const results = join(dir, 'results');
  const collect = () => modelLab(['tune', '--collect', 'results', '--partial', '--out', 'never'], dir);
  // cp …-unit-00005.json …-unit-5.json: a copy of unit 5's result; running unit 5 again would not remove it.
  const copy = five!.replace('-00005', '-5');
  copyFileSync(join(results, five!), join(results, copy));
  let r = collect();
  assert.equal(r.code, 1, r.err);
  assert.equal(r.err, `model-lab tune: ${join(results, copy)}: a copy of ${five} (the result of unit 5 of search ${five!.slice(5, 17)}…) under another name — delete it\n`);
  rmSync(join(results, copy));
  // Unit 5's result as unit 7's file, unit 5's own file gone: rename it back.
  renameSync(join(results, five!), join(results, seven!));
  r = collect();
  assert.equal(r.code, 1, r.err);
  assert.equal(r.err, `model-lab tune: ${join(results, seven!)}: it holds the result of unit 5 of search ${five!.slice(5, 17)}…, whose file is named ${five} — rename it to that\n`);
  // …and beside a different result of unit 5: which one is right is not known.
  writeFileSync(join(results, five!), readFileSync(join(results, seven!), 'utf8').replace('"host":', '"host":"elsewhere","was":'));
  r = collect();
  assert.equal(r.code, 1, r.err);
  assert.equal(r.err, `model-lab tune: ${join(results, seven!)}: it holds the result of unit 5 of search ${five!.slice(5, 17)}… under another name, and ${five} holds another result of that unit — delete this file (or both, and run unit 5 again)\n`);
  assert.equal(existsSync(join(dir, 'never')), false, 'nothing saved');
});

test('a field missing from a task or a result is named missing, not "found undefined"', () => {
  const dir = join(cwd, 'missing-fields');
  mkdirSync(join(dir, 'results'), { recursive: true });
  const cases: [string[], string][] = [
    [['tune-unit', '--task', '{}', '--out', 'r'], '--task: not a tune unit (field "task.format" is missing, expected "model-lab-tune-unit") — give a line of the plan written by model-lab tune --plan'],
    [['tune-unit', '--task', '{"format":"model-lab-tune-unit"}', '--out', 'r'], '--task: not a tune unit (field "task.formatVersion" is missing, expected 1) — give a line of the plan written by model-lab tune --plan'],
  ];
  for (const [args, message] of cases) {
    const r = modelLab(args, dir);
    assert.equal(r.code, 1, r.err);
    assert.equal(r.err, `model-lab tune-unit: ${message}\n`);
  }
  const file = join(dir, 'results', 'tune-26a065cd6877-unit-00001.json');
  writeFileSync(file, '{}\n');
  const r = modelLab(['tune', '--collect', 'results'], dir);
  assert.equal(r.code, 1, r.err);
  assert.equal(r.err, `model-lab tune: ${file}: field "format" is missing, expected "model-lab-tune-result" — run that unit again\n`);
});

test('plan and collect refusals: flags that do not belong, an existing plan, an empty results folder', () => {
  const dir = planIn('flags');
  const cases: [string[], number, RegExp][] = [
    [['tune', '--collect', 'results', '--C', '1'], 2, /^model-lab tune: --C does not go with --collect — the search \(data, grid, folds\) comes from the results/],
    [['tune', '--plan', 'p2.jsonl', '--out', 'x'], 2, /^model-lab tune: --out does not go with --plan — the plan saves no model: give the models folder to model-lab tune --collect DIR --out …, which saves it \(tune-unit's --out is its results folder\)\n$/],
    // Each piece of advice names where the flag is taken: --name by tune --collect, --jobs by no command of the distributed form.
    [['tune', '--plan', 'p2.jsonl', '--name', 'x'], 2, /^model-lab tune: --name does not go with --plan — the plan saves no model: give the name to model-lab tune --collect DIR --name …, which saves it\n$/],
    [['tune', '--plan', 'p2.jsonl', '--jobs', '4'], 2, /^model-lab tune: --jobs does not go with --plan — each unit is one single-threaded fit and tune-unit takes no --jobs: run 4 units at a time with your batch engine instead, e.g. parallel -j 4 -a p2\.jsonl model-lab tune-unit --out results --task \{\} \(or xargs -P 4\)\n$/],
    [['tune', '--collect', 'results', '--jobs', '2'], 2, /^model-lab tune: --jobs does not go with --collect — the units ran the search and --collect refits one model: run 2 units at a time with your batch engine instead, e.g. parallel -j 2 -a plan\.jsonl model-lab tune-unit --out results --task \{\} \(or xargs -P 2\)\n$/],
    [['tune', '--plan', 'p2.jsonl', '--data-dir', 'd'], 2, /^model-lab tune: --data-dir does not go with --plan — give it to model-lab tune-unit or tune --collect, which read the snapshot\n$/],
    [['tune', '--partial'], 2, /^model-lab tune: --partial goes with --collect DIR/],
    [['tune', '--plan', 'plan.jsonl'], 1, /plan\.jsonl: a plan is already there — remove it or give --plan another file\n$/],
    [['tune', '--collect', 'nowhere'], 1, /nowhere: no results folder there — give --collect the --out folder of model-lab tune-unit\n$/],
    // A file named as the folder said "no results folder there" as if nothing were there.
    [['tune', '--collect', 'plan.jsonl'], 1, /plan\.jsonl: is a file, not a results folder — give --collect the --out folder of model-lab tune-unit\n$/],
    [['tune-unit', '--plan', 'plan.jsonl', '--out', 'r'], 2, /--plan needs --index N/],
    [['tune-unit', '--task', '{}'], 2, /--out DIR is required/],
  ];
  for (const [args, code, pattern] of cases) {
    const r = modelLab(args, dir);
    assert.equal(r.code, code, `${args.join(' ')}: ${r.err}`);
    assert.match(r.err, pattern, args.join(' '));
  }
  mkdirSync(join(dir, 'empty'));
  const empty = modelLab(['tune', '--collect', 'empty'], dir);
  assert.equal(empty.code, 1);
  assert.match(empty.err, /empty: no unit results \(tune-…-unit-N\.json\) — run the plan's units first \(model-lab tune-unit\)\n$/);
});

/** A plan of GRID whose every unit tune-unit ran into `results`; returns the plan's folder and its result files. */
function ranPlan(name: string): { dir: string; files: string[] } {
  const dir = planIn(name);
  assert.equal(sh("xargs -P 2 -d '\\n' -n 1 model-lab tune-unit --out results --task < plan.jsonl", {}, dir).code, 0);
  const files = readdirSync(join(dir, 'results')).sort();
  assert.equal(files.length, UNITS);
  return { dir, files };
}

/** A copy of the results with `edit` applied to the result of each unit in `units`. */
function editedCopy(dir: string, files: string[], to: string, units: number[], edit: (json: any) => void): string {
  cpSync(join(dir, 'results'), join(dir, to), { recursive: true });
  for (const u of units) {
    const file = join(dir, to, files[u]!);
    const json = JSON.parse(readFileSync(file, 'utf8'));
    edit(json);
    writeFileSync(file, JSON.stringify(json) + '\n');
  }
  return join(dir, to);
}

test('an edited score is found by re-scoring: the best candidate\'s folds by default, every unit with --verify all; --verify none trusts the files', () => {
  const { dir, files } = ranPlan('edited-scores');
  const K = 3;
  // The last-ranked candidate edited to a perfect score on every fold: it would be refitted and saved as the best.
  const candidates = inProcess.json.candidates as any[];
  assert.ok(candidates.every((c) => c.meanScore < 1), 'no candidate is perfect already');
  const worst = candidates.reduce((w, c, i) => (c.rank >= candidates[w].rank ? i : w), 0);
  const units = [0, 1, 2].map((f) => worst * K + f);
  const perfect = editedCopy(dir, files, 'perfect', units, (j) => { j.outcome.correct = j.outcome.total; });
  const refused = modelLab(['tune', '--collect', 'perfect', '--out', 'never'], dir);
  assert.equal(refused.code, 1, refused.err);
  const named = units.map((u, f) => `${join(perfect, files[u]!)} \\(unit ${u}, candidate ${worst + 1} of 12, fold ${f + 1} of 3\\) says 40 of 40 correct, re-scored here \\d+ of 40 correct`);
  assert.match(refused.err, new RegExp(`^model-lab tune: 3 of 3 results differ from re-scoring the best candidate's folds here: ${named.join('; ')} — `
    + `edited or damaged, or run on a processor whose OpenBLAS kernel rounds differently \\(docs/distributed-tuning\\.md\\); run those units again \\(model-lab tune-unit … --out ${perfect}\\), then collect\\n$`));
  assert.equal(refused.out, '');
  assert.equal(existsSync(join(dir, 'never')), false, 'nothing saved');
  // Running those units again replaces the edited files: the merge is the in-process one.
  const lines = readFileSync(join(dir, 'plan.jsonl'), 'utf8').trimEnd().split('\n');
  for (const u of units) assert.equal(modelLab(['tune-unit', '--task', lines[u]!, '--out', 'perfect'], dir).code, 0);
  assertSameAsInProcess(dir, 'perfect');
  // One fold of another candidate edited down by one: the best is unchanged, so only --verify all re-scores it.
  const other = (worst + 1) % 12;
  const lowered = editedCopy(dir, files, 'lowered', [other * K], (j) => { j.outcome.correct -= 1; });
  const all = modelLab(['tune', '--collect', 'lowered', '--verify', 'all', '--out', 'never'], dir);
  assert.equal(all.code, 1, all.err);
  assert.match(all.err, new RegExp(`^model-lab tune: 1 of 36 results differ from re-scoring every unit here: ${join(lowered, files[other * K]!)} \\(unit ${other * K}, candidate ${other + 1} of 12, fold 1 of 3\\) says \\d+ of 40 correct, re-scored here \\d+ of 40 correct — .* run that unit again \\(`));
  assert.equal(existsSync(join(dir, 'never')), false, 'nothing saved');
  // --verify none: the files are trusted as written (the docs say what that leaves undetected).
  const trusted = modelLab(['tune', '--collect', 'perfect', '--verify', 'none', '--json', '--out', 'trusted'], dir);
  assert.equal(trusted.code, 0, trusted.err);
  const bad = modelLab(['tune', '--collect', 'perfect', '--verify', 'some'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^model-lab tune: --verify "some" must be best \(re-score the best candidate's folds, the default\), all \(every unit\) or none \(trust the results as written\)\n$/);
});

test('a FIFO, a link to /dev/zero, a link to another folder\'s valid result, an oversized file: refused unread, in one line', () => {
  const { dir, files } = ranPlan('planted');
  const name = files[4]!;
  const failed = name.replace(/\.json$/, '.failed.json');
  const elsewhere = join(dir, 'elsewhere');
  cpSync(join(dir, 'results'), elsewhere, { recursive: true });
  const cases: [string, (file: string) => void, string][] = [
    // A FIFO where a result belongs blocked --collect forever; a link to /dev/zero read until memory ran out.
    ['fifo', (f) => { rmSync(f); assert.equal(spawnSync('mkfifo', [f]).status, 0); }, 'is a special file (device, FIFO or socket), not a plain file'],
    ['zero', (f) => { rmSync(f); symlinkSync('/dev/zero', f); }, 'is a symbolic link, which could point outside the results folder, not a plain file'],
    // A link to a valid result of the same unit elsewhere was merged without a word.
    ['linked', (f) => { rmSync(f); symlinkSync(join(elsewhere, name), f); }, 'is a symbolic link, which could point outside the results folder, not a plain file'],
    // A valid result padded past the size limit (still valid JSON) was read and merged.
    ['padded', (f) => writeFileSync(f, readFileSync(f, 'utf8') + ' '.repeat(2 << 20)), '2.0 MiB is more than the 1.0 MiB Model Lab accepts for this file — it was not written by model-lab tune-unit (or was damaged); run that unit again'],
  ];
  for (const [folder, plant, what] of cases) {
    cpSync(join(dir, 'results'), join(dir, folder), { recursive: true });
    const file = join(dir, folder, name);
    plant(file);
    const r = modelLab(['tune', '--collect', folder, '--out', 'never'], dir);
    assert.equal(r.code, 1, `${folder}: ${r.err}`);
    const rest = what.includes('run that unit again') ? '' : ' — a results folder holds only the files model-lab tune-unit wrote; run that unit again';
    assert.equal(r.err, `model-lab tune: ${file}: ${what}${rest}\n`, folder);
    assert.equal(existsSync(join(dir, 'never')), false, `${folder}: nothing saved`);
  }
  // A failure note planted as a link to a secret file: refused, not read (it was read, then called "not a JSON result file").
  cpSync(join(dir, 'results'), join(dir, 'note'), { recursive: true });
  symlinkSync('/etc/passwd', join(dir, 'note', failed));
  const note = modelLab(['tune', '--collect', 'note', '--out', 'never'], dir);
  assert.equal(note.code, 1, note.err);
  assert.equal(note.err, `model-lab tune: ${join(dir, 'note', failed)}: is a symbolic link, which could point outside the results folder, not a plain file — a results folder holds only the files model-lab tune-unit wrote; run that unit again\n`);
  // The results folder itself a link: named with where it leads (it said "no results folder there").
  symlinkSync('results', join(dir, 'linkout'));
  const linked = modelLab(['tune', '--collect', 'linkout'], dir);
  assert.equal(linked.code, 1, linked.err);
  const real = realpathSync(join(dir, 'results'));
  assert.equal(linked.err, `model-lab tune: ${join(dir, 'linkout')}: the results folder is a symbolic link that leads to ${real} — Model Lab does not read results through a link; give --collect the real folder (${real})\n`);
});
