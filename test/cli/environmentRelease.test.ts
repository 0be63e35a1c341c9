// Without --sklearn-version the joblib files follow the scikit-learn of the active virtual
// environment ($VIRTUAL_ENV) or of ./.venv, ./venv, ./env — read from the name of its dist-info
// folder (nothing runs) — when Model Lab writes for that release; a release it does not write for is
// named on stderr. The bundled CLI in child processes, on real folders.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { cliFile } from '../core/parallel/bundledWorker';
import { importSklearnModel } from '../../src/core/interop/sklearn/sklearnModel';
import { sklearnInEnvironment, sklearnNear } from '../../src/core/interop/sklearn/environmentSklearn';
import { nodeFileSystem } from '../../src/core/io/nodeFileSystem';

let cwd: string;
before(() => { cwd = mkdtempSync(join(tmpdir(), 'model-lab-venv-')); });
after(() => rmSync(cwd, { recursive: true, force: true }));

/** A virtual environment with scikit-learn's metadata folder only, as pip leaves it. */
function environment(root: string, version: string, site = 'lib/python3.12/site-packages'): string {
  mkdirSync(join(root, site, `scikit_learn-${version}.dist-info`), { recursive: true });
  mkdirSync(join(root, site, 'numpy-2.2.4.dist-info'), { recursive: true });
  return root;
}

function modelLab(args: string[], dir: string, env: NodeJS.ProcessEnv = {}) {
  const base = { ...process.env };
  delete base['VIRTUAL_ENV'];
  const r = spawnSync(process.execPath, [cliFile(), ...args], { cwd: dir, encoding: 'utf8', env: { ...base, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const versionIn = (...files: string[]) => importSklearnModel(files.map((f) => ({ label: f, bytes: new Uint8Array(readFileSync(f)) }))).sklearnVersion;

test('the core reads the version from the metadata folder\'s name: Linux and Windows layouts, .venv before venv', async () => {
  const dir = join(cwd, 'core');
  assert.equal(await sklearnNear(nodeFileSystem, dir), undefined);
  environment(join(dir, 'venv'), '1.4.2', 'Lib/site-packages');
  assert.deepEqual(await sklearnNear(nodeFileSystem, dir), { version: '1.4.2', where: 'venv' });
  environment(join(dir, '.venv'), '1.9.0');
  assert.deepEqual(await sklearnNear(nodeFileSystem, dir), { version: '1.9.0', where: '.venv' });
  assert.equal(await sklearnInEnvironment(nodeFileSystem, join(dir, 'missing')), undefined);
});

test('./.venv decides export and train --save-joblib; --sklearn-version overrides it; $VIRTUAL_ENV comes first; a release Model Lab does not write for is named', () => {
  const dir = join(cwd, 'project');
  environment(join(dir, '.venv'), '1.9.0');
  const trained = modelLab(['train', '--layout', 'pipeline', '--save-joblib', '--json', '--name', 'm'], dir);
  assert.equal(trained.code, 0, trained.err);
  // A folder of the repository chose the release: said in export's words, once the files are written.
  const chosen = (command: string) => `model-lab ${command}: note: the .joblib files are for scikit-learn 1.9.0, the release in .venv — choose another with --sklearn-version\n`;
  assert.equal(trained.err, chosen('train'));
  assert.equal(JSON.parse(trained.out).name, 'm', '--json\'s document is unchanged');
  assert.equal(versionIn(join(dir, 'models', 'm', 'model_pipeline.joblib')), '1.9.0');

  const exported = modelLab(['export', 'models/m', '--format', 'joblib', '--out', 'e1'], dir);
  assert.equal(exported.code, 0, exported.err);
  assert.equal(exported.out, `Wrote ${join(dir, 'e1', 'model_pipeline.joblib')} (scikit-learn 1.9.0, the release in .venv, layout pipeline)\n`);
  assert.equal(versionIn(join(dir, 'e1', 'model_pipeline.joblib')), '1.9.0');

  const asked = modelLab(['export', 'models/m', '--format', 'joblib', '--out', 'e2', '--sklearn-version', '1.4.2'], dir);
  assert.equal(asked.out, `Wrote ${join(dir, 'e2', 'model_pipeline.joblib')} (scikit-learn 1.4.2, layout pipeline)\n`);
  assert.equal(asked.err, '');
  // A release it does not write for is a bad flag value: exit 2 from export as from train and tune (export said 1).
  for (const command of [['export', 'models/m', '--format', 'joblib', '--out', 'e9'], ['train', '--save-joblib'], ['tune', '--save-joblib']]) {
    const bad = modelLab([...command, '--sklearn-version', '1.3.0'], dir);
    assert.equal(bad.code, 2, `${command[0]}: ${bad.err}`);
    assert.match(bad.err, new RegExp(`^model-lab ${command[0]}: scikit-learn 1\\.3\\.0 is not supported for export: Model Lab writes objects for scikit-learn 1\\.2\\.x, 1\\.4\\.x or 1\\.9\\.x`));
  }
  assert.equal(existsSync(join(dir, 'e9')), false);
  // Everywhere joblib files are written: a sweep, tune, tune --collect; with --sklearn-version nothing is said.
  const sweep = modelLab(['train', '--save-joblib', '--C', '0.1,1', '--name', 'sweep'], dir);
  assert.equal(sweep.code, 0, sweep.err);
  assert.equal(sweep.err, chosen('train'));
  // A sweep cut short (its output closed by `| head -1`) kept the models it saved: it says so too.
  const cut = spawnSync('bash', ['-c', `"${process.execPath}" "${cliFile()}" train --save-joblib --out cut --C 0.1,1,10,100 --jobs 1 | head -1 > /dev/null`], { cwd: dir, encoding: 'utf8', env: { ...process.env, VIRTUAL_ENV: '' } });
  const kept = readdirSync(join(dir, 'cut'));
  assert.ok(kept.length >= 1 && kept.length < 4, `some models saved: ${kept.join(', ')}`);
  assert.equal(cut.stderr, chosen('train'));
  const searched = modelLab(['tune', '--C', '0.1,1', '--cv', '2', '--save-joblib', '--name', 'searched'], dir);
  assert.equal(searched.err, chosen('tune'));
  assert.equal(versionIn(join(dir, 'models', 'searched', 'scaler.joblib'), join(dir, 'models', 'searched', 'classifier.joblib')), '1.9.0');
  assert.equal(modelLab(['tune', '--C', '0.1,1', '--cv', '2', '--plan', 'plan.jsonl'], dir).code, 0);
  for (let i = 0; i < 4; i++) assert.equal(modelLab(['tune-unit', '--plan', 'plan.jsonl', '--index', String(i), '--out', 'units'], dir).code, 0);
  const collected = modelLab(['tune', '--collect', 'units', '--save-joblib', '--name', 'collected'], dir);
  assert.equal(collected.code, 0, collected.err);
  assert.equal(collected.err, chosen('tune'));
  assert.equal(versionIn(join(dir, 'models', 'collected', 'scaler.joblib'), join(dir, 'models', 'collected', 'classifier.joblib')), '1.9.0');
  const refused = modelLab(['tune', '--collect', 'no-such-units', '--save-joblib'], dir);
  assert.equal(refused.code, 1);
  assert.doesNotMatch(refused.err, /note:/, 'nothing written, nothing said about the files');
  const own = modelLab(['train', '--save-joblib', '--sklearn-version', '1.2.1', '--name', 'own'], dir);
  assert.equal(own.err, '');

  const active = environment(join(cwd, 'elsewhere'), '1.7.2');
  const other = modelLab(['export', 'models/m', '--format', 'joblib', '--out', 'e3'], dir, { VIRTUAL_ENV: active });
  assert.equal(other.code, 0, other.err);
  assert.equal(other.out, `Wrote ${join(dir, 'e3', 'model_pipeline.joblib')} (scikit-learn 1.2.1, layout pipeline)\n`);
  assert.equal(other.err, `model-lab export: warning: ${active} has scikit-learn 1.7.2, which Model Lab does not write for: it loads these files with an InconsistentVersionWarning — choose the nearest of 1.2.x, 1.4.x and 1.9.x with --sklearn-version\n`);
  const tuned = modelLab(['tune', '--C', '1,10', '--cv', '3', '--save-joblib', '--json', '--name', 't'], dir, { VIRTUAL_ENV: active });
  assert.equal(tuned.code, 0, tuned.err);
  assert.match(tuned.err, /^model-lab tune: warning: .* has scikit-learn 1\.7\.2, which Model Lab does not write for/);
  assert.equal(versionIn(join(dir, 'models', 't', 'scaler.joblib'), join(dir, 'models', 't', 'classifier.joblib')), '1.2.1');
});
