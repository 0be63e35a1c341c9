// Settings in a real VS Code: a value that is not valid stops a run before anything is trained and
// names the setting; the core's remedies read in VS Code's terms (settings, never CLI flags), also
// where VS Code has no setting for the flag (--classifier).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { createServer, type AddressInfo } from 'node:net';
import { symlinkSync, unlinkSync } from 'node:fs';
import { test } from './runner';
import { answeringPicks, api, modelFolderNames, workspaceFolder } from './helpers';
import { COMMAND_IDS } from '../../../src/extension/contributions';
import { readSettings, SettingError } from '../../../src/extension/settings';
import { findCsvFiles } from '../../../src/extension/training/dataChoice';
import { databaseOffer } from '../../../src/extension/database/databaseSettings';
import { dataErrorActions, dataWarning, DataProblems } from '../../../src/extension/training/dataProblems';
import type { Action } from '../../../src/extension/ui/notifier';
import { inVsCodeTerms } from '../../../src/extension/ui/vsCodeTerms';
import { errorMessage } from '../../../src/extension/ui/notifier';
import { engine, type UserErrorDetail } from '../../../src/extension/engine';
import { WorkspaceFileSystem } from '../../../src/extension/workspaceFileSystem';
import type { TrainOptions, TrainResult } from '../../../src/core/usecases/contracts';
import type { TuneResult } from '../../../src/core/experiments/tune/tune';
import { cleartextPasswordError } from '../../../src/core/database/cleartextPassword';
import { osUserError } from '../../../src/core/io/osErrors';
import { parseCsvDataset, unnamedColumn } from '../../../src/core/datasets/csvDataset';
import { indexColumnWarning } from '../../../src/core/usecases/trainingSnapshot';
import { importSklearnModel } from '../../../src/core/interop/sklearn/sklearnModel';
import { releaseMismatch, releaseSource, saveJoblibOptions, sklearnReleaseFor } from '../../../src/extension/interop/sklearnRelease';
import { modelCount, parseCOrList, parseGammaOrList, parseKernels, parseSeedOrList } from '../../../src/extension/training/trainParameters';

async function withSetting<T>(key: string, value: unknown, run: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('modelLab');
  await config.update(key, value, vscode.ConfigurationTarget.Workspace);
  try {
    return await run();
  } finally {
    await config.update(key, undefined, vscode.ConfigurationTarget.Workspace);
  }
}

/** What the commands `run` starts show as errors (as the user reads them) and their buttons but Show Log; nothing is shown on screen. */
async function shownErrors(run: () => Thenable<unknown>): Promise<{ message: string; actions: string[] }[]> {
  const { notify } = await api();
  const shown: { message: string; actions: string[] }[] = [];
  const original = notify.error;
  notify.error = async (e: unknown, ...actions: Action[]) => { shown.push({ message: errorMessage(e), actions: actions.map((a) => a.title) }); return undefined; };
  try {
    await run();
  } finally {
    notify.error = original;
  }
  return shown;
}

/** The warnings the commands `run` starts show, with their buttons; nothing is shown on screen. */
async function shownWarnings(run: () => Thenable<unknown>): Promise<{ message: string; actions: string[] }[]> {
  const { notify } = await api();
  const shown: { message: string; actions: string[] }[] = [];
  const original = notify.warn;
  notify.warn = async (text: string, ...actions: Action[]) => { shown.push({ message: text, actions: actions.map((a) => a.title) }); return undefined; };
  try {
    await run();
  } finally {
    notify.warn = original;
  }
  return shown;
}

/** A loopback port nothing listens on (taken from the system, then freed). */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The error of a training run of the core on the built-in iris data with these options. */
async function trainingError(options: Partial<TrainOptions>): Promise<Error & { detail?: UserErrorDetail }> {
  const fs = new WorkspaceFileSystem(workspaceFolder().uri);
  const modelsDir = fs.pathOf(vscode.Uri.joinPath(workspaceFolder().uri, 'never-written'));
  try {
    await engine().train({
      data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C: 1, gamma: 'scale',
      degree: 3, coef0: 0, target: 'target', drop: [], modelsDir, ...options,
    }, fs);
  } catch (e) {
    return e as Error & { detail?: UserErrorDetail };
  }
  throw new Error('training did not fail');
}

test('a setting that is not valid stops Train and Tune before anything is trained, naming it; Open Settings goes there', async () => {
  for (const [key, value, takes] of [
    ['C', -1, 'a number > 0'],
    ['kernel', 'rfb', '"rbf", "linear", "poly", "sigmoid"'],
    ['gamma', 'fast', '"scale", "auto" or a number >= 0'],
    ['degree', 2.5, "a whole number from 0 to 1000 (the poly kernel's degree)"],
    ['coef0', 'one', 'a number (the term added in the poly and sigmoid kernels)'],
    // Not text: Train said "….get(...)?.trim is not a function (unexpected …)".
    ['modelsFolder', 42, 'a folder: relative to the workspace folder, such as "models", or absolute'],
    ['labelColumns', { 'data/iris.csv': 3 }, 'an object from a data file (its path in the workspace folder, such as "data/penguins.csv") to the name of its label column'],
  ] as const) {
    await withSetting(key, value, async () => {
      const before = await modelFolderNames();
      assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.train, { name: `bad-${key}` }), undefined, `Train with modelLab.${key} = ${JSON.stringify(value)}`);
      assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.tune, { grid: { C: [1, 10], gamma: 'scale' }, cv: 3, name: `bad-tune-${key}` }), undefined);
      assert.deepEqual(await modelFolderNames(), before, 'nothing was saved');
      let error: unknown;
      try {
        readSettings(workspaceFolder().uri);
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof SettingError, `modelLab.${key} = ${JSON.stringify(value)} is refused`);
      assert.equal(error.setting, `modelLab.${key}`);
      assert.equal(error.message.split(' — ')[0], `Setting modelLab.${key} = ${JSON.stringify(value)} is not valid: it takes ${takes}${key === 'C' ? ' (the SVC regularization strength)' : ''}`);
      assert.deepEqual(dataErrorActions(error).map((a) => a.title), ['Open Settings']);
    });
  }
  // gamma's type allows text (for "scale"): a number written as text in settings.json is that number.
  await withSetting('gamma', '0.1', async () => assert.equal(readSettings(workspaceFolder().uri).gamma, 0.1));
  // A models folder that is the workspace folder, or holds it, would list the project's folders as models.
  const parent = vscode.Uri.joinPath(workspaceFolder().uri, '..');
  const listing = async (dir: vscode.Uri) => (await vscode.workspace.fs.readDirectory(dir)).map(([n]) => n).sort();
  for (const [value, which] of [['..', `holds the workspace folder "${workspaceFolder().name}"`], ['.', 'is the workspace folder itself']] as const) {
    await withSetting('modelsFolder', value, async () => {
      const [inParent, inFolder] = [await listing(parent), await listing(workspaceFolder().uri)];
      assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.train, { name: 'models-folder-around' }), undefined, `Train with modelLab.modelsFolder = "${value}"`);
      assert.deepEqual([await listing(parent), await listing(workspaceFolder().uri)], [inParent, inFolder], 'nothing was saved');
      const error = (() => {
        try {
          readSettings(workspaceFolder().uri);
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      assert.ok(error instanceof SettingError);
      assert.equal(error.setting, 'modelLab.modelsFolder');
      assert.match(error.message, new RegExp(`^Setting modelLab\\.modelsFolder = "${value.replace(/\./g, '\\.')}" is not valid: .* ${which}, so its other folders would be listed as models and models saved among them — choose a folder inside it, such as "models", or one elsewhere$`));
      assert.deepEqual(dataErrorActions(error).map((a) => a.title), ['Open Settings']);
    });
  }
});

test('a data glob VS Code\'s search cannot read ("[", an unclosed "{") is refused by Train, Tune and Predict naming modelLab.dataGlob, with Open Settings; **/*.{csv,data} still finds the data', async () => {
  const model = await vscode.commands.executeCommand<TrainResult | undefined>(COMMAND_IDS.train, { data: 'iris', name: 'glob-predict' });
  assert.ok(model);
  try {
    for (const [glob, problem] of [['[', 'its "[" (character 1) is never closed by a "]"'], ['**/*.{csv', 'its "{" (character 6) is never closed by a "}"']] as const) {
      await withSetting('dataGlob', glob, async () => {
        // It said "command failed with error code 2: error parsing glob '/[': unclosed character class; … (unexpected; …)".
        const want = `Setting modelLab.dataGlob = ${JSON.stringify(glob)} is not valid: ${problem}; it takes a glob pattern such as **/*.csv or **/*.{csv,data} — change it in Settings, or remove it for the default "**/*.{csv,data,csv.gz}"`;
        for (const [command, ...args] of [[COMMAND_IDS.train], [COMMAND_IDS.trainWithOptions], [COMMAND_IDS.tune], [COMMAND_IDS.predict, vscode.Uri.file(model.modelDir)]] as const) {
          assert.deepEqual(await shownErrors(() => vscode.commands.executeCommand(command, ...args)), [{ message: want, actions: ['Open Settings'] }], `${command} with modelLab.dataGlob = ${glob}`);
        }
      });
    }
    for (const glob of ['**/*.{csv,data}', 'data/[a-z]*.csv', '**/[!.]*.csv']) {
      await withSetting('dataGlob', glob, async () => {
        const offered = (await findCsvFiles(readSettings(workspaceFolder().uri).dataGlob, { get: () => undefined, update: async () => undefined, keys: () => [] })).map((u) => vscode.workspace.asRelativePath(u, false));
        assert.ok(offered.includes('data/iris.csv'), `${glob} finds data/iris.csv (${offered.join(', ')})`);
      });
    }
  } finally {
    await vscode.workspace.fs.delete(vscode.Uri.file(model.modelDir), { recursive: true });
  }
});

test('modelLab.sklearnVersion: Export to scikit-learn and modelLab.saveJoblib write for that release; one Model Lab does not write for is refused, naming the setting, with nothing written', async () => {
  const joblibs = async (dir: vscode.Uri) => (await vscode.workspace.fs.readDirectory(dir)).map(([n]) => n).filter((n) => n.endsWith('.joblib')).sort();
  const versionIn = async (dir: vscode.Uri, file: string) =>
    importSklearnModel([{ label: file, bytes: await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, file)) }]).sklearnVersion;
  const trainNamed = async (name: string) => vscode.commands.executeCommand<TrainResult | undefined>(COMMAND_IDS.train, { name });
  // Trained on data/iris.csv (sepal_length …): asked which names the files check, as trained.
  const exportTo = async (dir: vscode.Uri) => { await answeringPicks('trained', () => vscode.commands.executeCommand(COMMAND_IDS.exportSklearn, dir)); };
  const saved = await withSetting('saveJoblib', true, () => withSetting('sklearnVersion', '1.9.0', () => withSetting('layout', 'pipeline', () => trainNamed('joblib-for-1.9'))));
  const plain = await withSetting('layout', 'pipeline', () => trainNamed('joblib-exported'));
  // Tune's refit model too (the setting was ignored there).
  const tuned = await withSetting('saveJoblib', true, () => withSetting('sklearnVersion', '1.9.0', () => withSetting('layout', 'pipeline', async () =>
    vscode.commands.executeCommand<{ model: TrainResult } | undefined>(COMMAND_IDS.tune, { data: 'iris', grid: { C: [1, 10], gamma: 'scale' }, cv: 3, name: 'joblib-tuned' }))));
  assert.ok(saved && plain && tuned);
  const [savedDir, plainDir, tunedDir] = [vscode.Uri.file(saved.modelDir), vscode.Uri.file(plain.modelDir), vscode.Uri.file(tuned.model.modelDir)];
  try {
    assert.deepEqual(await joblibs(savedDir), ['model_pipeline.joblib']);
    assert.equal(await versionIn(savedDir, 'model_pipeline.joblib'), '1.9.0', 'saved with the model, for 1.9.0');
    assert.equal(await versionIn(tunedDir, 'model_pipeline.joblib'), '1.9.0', 'saved with the refit model, for 1.9.0');
    await withSetting('sklearnVersion', '1.4.2', () => exportTo(savedDir));
    assert.equal(await versionIn(savedDir, 'model_pipeline.joblib'), '1.9.0', 'a file model.json records is never replaced by another release\'s');

    await withSetting('sklearnVersion', '1.7.2', async () => {
      await exportTo(plainDir);
      assert.deepEqual(await joblibs(plainDir), [], 'nothing written for 1.7.2');
      let error: unknown;
      try {
        readSettings(workspaceFolder().uri);
      } catch (e) {
        error = e;
      }
      assert.ok(error instanceof SettingError);
      assert.equal(error.setting, 'modelLab.sklearnVersion');
      assert.match(error.message, /^Setting modelLab\.sklearnVersion = "1\.7\.2" is not valid: it takes the scikit-learn release your Python has: 1\.2\.x, 1\.4\.x or 1\.9\.x/);
      assert.deepEqual(dataErrorActions(error).map((a) => a.title), ['Open Settings']);
    });
    await withSetting('sklearnVersion', '1.4.2', () => exportTo(plainDir));
    assert.equal(await versionIn(plainDir, 'model_pipeline.joblib'), '1.4.2');
  } finally {
    for (const d of [savedDir, plainDir, tunedDir]) await vscode.workspace.fs.delete(d, { recursive: true });
  }
  // The core's refusal of a release, said in VS Code's terms.
  const fs = new WorkspaceFileSystem(workspaceFolder().uri);
  let refused: unknown;
  try {
    await engine().exportJoblib(fs.pathOf(vscode.Uri.joinPath(workspaceFolder().uri, 'never-written')), fs, { sklearnVersion: '1.7.2' });
  } catch (e) {
    refused = e;
  }
  assert.ok(refused instanceof Error);
  assert.match(inVsCodeTerms(refused), /writes objects for scikit-learn 1\.2\.x, 1\.4\.x or 1\.9\.x .* — choose the release your Python has, or the nearest, with the setting modelLab\.sklearnVersion \(a file for another release loads with an InconsistentVersionWarning\)$/);
});

/** The Output channel's lines while `run` runs, and its result. */
async function loggedDuring<T>(run: () => Thenable<T> | Promise<T>): Promise<{ result: T; logged: string[] }> {
  const { log } = await api();
  const logged: string[] = [];
  const line = log.line;
  log.line = (text: string) => { logged.push(text); line.call(log, text); };
  try {
    return { result: await run(), logged };
  } finally {
    log.line = line;
  }
}

test('without modelLab.sklearnVersion the scikit-learn of the workspace\'s virtual environment decides (the name of its dist-info folder: nothing runs), in a trusted workspace only; the Output channel says which release and why', async () => {
  const folder = workspaceFolder().uri;
  const info = (venv: string, site: string, v: string) => vscode.Uri.joinPath(folder, venv, site, `scikit_learn-${v}.dist-info`);
  const versionIn = async (dir: vscode.Uri, file: string) =>
    importSklearnModel([{ label: file, bytes: await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, file)) }]).sklearnVersion;
  const trained = await withSetting('layout', 'pipeline', async () => vscode.commands.executeCommand<TrainResult | undefined>(COMMAND_IDS.train, { name: 'joblib-for-venv' }));
  assert.ok(trained);
  const dir = vscode.Uri.file(trained.modelDir);
  try {
    assert.deepEqual(await sklearnReleaseFor(folder), { from: 'default' });
    assert.equal((await saveJoblibOptions(true, folder)).line, 'The .joblib files are for scikit-learn 1.2.1 (Model Lab\'s default: no scikit-learn in the workspace folder\'s .venv, venv or env).');
    await vscode.workspace.fs.createDirectory(info('.venv', 'lib/python3.13/site-packages', '1.9.0'));
    const r = await sklearnReleaseFor(dir);
    assert.deepEqual(r, { version: '1.9.0', from: 'environment', found: { version: '1.9.0', where: '.venv' } });
    assert.equal(releaseSource(r), ' (the release in .venv)');
    const exported = await loggedDuring(() => answeringPicks('trained', () => vscode.commands.executeCommand(COMMAND_IDS.exportSklearn, dir)));
    assert.equal(await versionIn(dir, 'model_pipeline.joblib'), '1.9.0', 'Export to scikit-learn wrote for .venv\'s release');
    assert.ok(exported.logged.some((l) => l.endsWith('model_pipeline.joblib (scikit-learn 1.9.0: the release in .venv; pipeline layout).')), exported.logged.join('\n'));
    // Train with modelLab.saveJoblib: the files follow .venv, and the Output channel says so once they are written.
    const saved = await loggedDuring(() => withSetting('saveJoblib', true, () => withSetting('layout', 'pipeline', async () =>
      vscode.commands.executeCommand<TrainResult | undefined>(COMMAND_IDS.train, { name: 'joblib-saved-for-venv' }))));
    assert.ok(saved.result);
    try {
      assert.equal(await versionIn(vscode.Uri.file(saved.result.modelDir), 'model_pipeline.joblib'), '1.9.0');
      assert.ok(saved.logged.includes('The .joblib files are for scikit-learn 1.9.0 (the release in .venv).'), saved.logged.join('\n'));
    } finally {
      await vscode.workspace.fs.delete(vscode.Uri.file(saved.result.modelDir), { recursive: true });
    }
    // In Restricted Mode (an untrusted workspace) the workspace's .venv does not decide: Model Lab's default, and why.
    assert.equal(vscode.workspace.isTrusted, true, 'the suite runs with workspace trust off: the trust is given as the argument below');
    assert.deepEqual(await sklearnReleaseFor(dir, false), { from: 'untrusted' });
    const untrusted = await saveJoblibOptions(true, dir, false);
    assert.deepEqual(untrusted.options, { saveJoblib: true });
    assert.equal(untrusted.line, 'The .joblib files are for scikit-learn 1.2.1 (Model Lab\'s default: this workspace is not trusted, so its virtual environment (.venv, venv or env) is not read — trust the workspace, or set modelLab.sklearnVersion in your user settings).');
    await withSetting('sklearnVersion', '1.4.2', async () => assert.equal((await saveJoblibOptions(true, dir, false)).line, 'The .joblib files are for scikit-learn 1.4.2 (the setting modelLab.sklearnVersion).'));
    await withSetting('sklearnVersion', '1.4.2', async () => assert.deepEqual(await sklearnReleaseFor(dir), { version: '1.4.2', from: 'setting' }));

    await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, '.venv'), { recursive: true });
    await vscode.workspace.fs.createDirectory(info('venv', 'Lib/site-packages', '1.7.2')); // Windows' layout
    const other = await sklearnReleaseFor(dir);
    assert.deepEqual(other, { from: 'default', found: { version: '1.7.2', where: 'venv' } });
    assert.equal(releaseSource(other), '');
    assert.equal(releaseMismatch(other, '1.2.1'), ' venv has scikit-learn 1.7.2, which Model Lab does not write for: it loads these files with an InconsistentVersionWarning — set modelLab.sklearnVersion to the nearest of 1.2.x, 1.4.x and 1.9.x.');
    assert.equal(releaseMismatch({ version: '1.2.1', from: 'setting', found: other.found! }, '1.2.1'), '', 'a release the user chose is theirs');
    assert.equal((await saveJoblibOptions(true, dir)).line, 'The .joblib files are for scikit-learn 1.2.1 (Model Lab\'s default; venv has scikit-learn 1.7.2, which Model Lab does not write for: it loads these files with an InconsistentVersionWarning — set modelLab.sklearnVersion to the nearest of 1.2.x, 1.4.x and 1.9.x).');
  } finally {
    for (const venv of ['.venv', 'venv']) await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, venv), { recursive: true }).then(undefined, () => undefined);
    await vscode.workspace.fs.delete(dir, { recursive: true });
  }
});

test('modelLab.degree and modelLab.coef0 train the poly kernel they name (the model and its name say so); rbf ignores them', async () => {
  const poly = await withSetting('kernel', 'poly', () => withSetting('degree', 2, () => withSetting('coef0', 1, async () =>
    (await vscode.commands.executeCommand(COMMAND_IDS.train, { data: 'iris' })) as TrainResult | undefined)));
  assert.ok(poly, 'trained');
  assert.match(poly.name, /^iris-poly-d2-r1-C1-gscale-s2023(-\d+)?$/);
  const manifest = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(vscode.Uri.file(poly.modelDir), 'model.json'))));
  const svc = manifest.params.svc;
  assert.deepEqual([svc.kernel, svc.degree, svc.coef0], ['poly', 2, 1]);
  const rbf = await withSetting('degree', 2, async () => (await vscode.commands.executeCommand(COMMAND_IDS.train, { data: 'iris', name: 'rbf-with-degree-2' })) as TrainResult | undefined);
  assert.deepEqual([rbf?.train.correct, rbf?.valid.correct], [116, 30], 'the course\'s numbers: rbf does not use the degree');
});

test('the core\'s remedies read in VS Code\'s terms: an impossible train size, too many training rows, class names that do not fit', async () => {
  const split = await trainingError({ trainSize: { kind: 'fraction', value: 1.5 } });
  assert.equal(inVsCodeTerms(split, split.detail), 'train_size=1.5 should be either positive and smaller than the number of samples 150 or a float in the (0, 1) range — iris has 150 data rows — choose the setting modelLab.trainSize between 0 and 1 (0.8) or a whole number of rows from 1 to 149');
  const big = await trainingError({ trainRowsLimit: 100 });
  const text = inVsCodeTerms(big, big.detail);
  assert.match(text, /^iris has 150 rows: training on 120 of them is more than the limit of 100 training rows — train on fewer rows \(a train size of at most 100 rows\), or raise the limit with the setting modelLab\.trainRowsLimit \(0: no limit\)$/);
  assert.doesNotMatch(text, /--/, 'no CLI flag in VS Code');
  assert.deepEqual(dataErrorActions(big).map((a) => a.title), ['Open Settings']);
  const names = await trainingError({ classNames: ['a', 'b'] });
  assert.equal(inVsCodeTerms(names, names.detail), 'iris: 2 class names given (a, b) for the 3 classes of the data (0, 1, 2) — give one name per class, in class order (the setting modelLab.classNames)');
  assert.deepEqual(dataErrorActions(names).map((a) => a.title), ['Open Settings']);
  // A full disk: the cause and its fix joined as the CLI joins them ("; "), the setting for --out.
  const full = osUserError(Object.assign(new Error('no space'), { code: 'ENOSPC' }), {
    path: '/data/models', doing: 'cannot save the model in this models folder',
    choose: { option: 'out', text: 'choose another models folder ({option})', settingText: 'choose another models folder ({option})' },
  })!;
  assert.equal(inVsCodeTerms(full, full.detail), '/data/models: cannot save the model in this models folder — the disk is full; free some space, or choose another models folder (the setting modelLab.modelsFolder) on another disk');
  // pandas' row index (to_csv without index=False) as the first column: --drop is modelLab.dropColumns,
  // with pandas' name for it.
  const index = unnamedColumn('rows.csv', 1, 0);
  assert.equal(inVsCodeTerms(index, index.detail), 'rows.csv line 1: column 1 has no name — is it the row index pandas writes (DataFrame.to_csv without index=False)? pandas names it "Unnamed: 0": leave it out with the setting modelLab.dropColumns (["id","timestamp","Unnamed: 0"]), or save the table with index=False');
  assert.deepEqual(dataErrorActions(index).map((a) => a.title), ['Open Settings']);
  // The warning about pandas' index trained on as a feature: its fix as the setting.
  const unnamed = indexColumnWarning(['Unnamed: 0', 'sepal_length'], 'rows.csv', ['id', 'timestamp'])!;
  assert.equal(inVsCodeTerms(unnamed), 'rows.csv: the column "Unnamed: 0" is a row index that pandas wrote (DataFrame.to_csv without index=False), and it is trained on as a feature, so the model learns the order of the rows — leave it out with the setting modelLab.dropColumns (["id","timestamp","Unnamed: 0"])');
  assert.deepEqual(dataErrorActions(unnamed).map((a) => a.title), ['Open Settings']);
  // A column that numbers the rows (Kaggle's Iris.csv "Id"), whatever its name: the same fix.
  const counted = indexColumnWarning(['Id', 'sepal_length'], 'Iris.csv', ['id', 'timestamp'], Array.from({ length: 30 }, (_, i) => [i + 1, 5.1]))!;
  assert.equal(inVsCodeTerms(counted), 'Iris.csv: the column "Id" numbers the rows (1, 2, 3 … 30), and it is trained on as a feature, so the model learns the order of the rows — leave it out with the setting modelLab.dropColumns (["id","timestamp","Id"])');
});

test('modelLab.modelsFolder naming a file or a link: Saved Models says so (not "No saved models yet"), Train names the setting; a folder again, the line says the order again', async () => {
  const { treeView, store } = await api();
  // Polled: the message follows the problems at once, and the listing (whether to say the order) a moment later.
  const until = async (want: (m: string | undefined) => boolean, what: string) => {
    for (const end = Date.now() + 20_000; !want(treeView.message); await new Promise((r) => setTimeout(r, 50))) {
      if (Date.now() > end) throw new Error(`${what}: the view's message is ${JSON.stringify(treeView.message)}`);
    }
  };
  /** Without a problem the line says the order (the folder holds the suite's models). */
  const noProblem = (m: string | undefined) => m === 'Sorted newest first.';
  const file = vscode.Uri.joinPath(workspaceFolder().uri, 'data', 'iris.csv');
  await withSetting('modelsFolder', 'data/iris.csv', async () => {
    await store.refresh();
    await until((m) => Boolean(m) && !noProblem(m), 'a message');
    assert.equal(treeView.message, `${file.fsPath}: the models folder is a file, not a folder — name a folder with the setting modelLab.modelsFolder`);
    const error = await trainingError({ modelsDir: new WorkspaceFileSystem(workspaceFolder().uri).pathOf(file) });
    assert.equal(errorMessage(error), treeView.message, 'Train says the same');
    assert.deepEqual(dataErrorActions(error).map((a) => a.title), ['Open Settings']);
  });
  await store.refresh();
  await until(noProblem, 'no problem said');
  // A cloned repository's models folder that is a link: the refusal is said there too.
  const link = vscode.Uri.joinPath(workspaceFolder().uri, 'linked-models');
  symlinkSync(vscode.Uri.joinPath(workspaceFolder().uri, 'data').fsPath, link.fsPath);
  try {
    await withSetting('modelsFolder', 'linked-models', async () => {
      await store.refresh();
      await until((m) => Boolean(m) && !noProblem(m), 'a message for a link');
      assert.match(treeView.message ?? '', /^\S*linked-models: the models folder is a symbolic link that leads to \S*data — Model Lab does not save or list models through a link/);
    });
  } finally {
    unlinkSync(link.fsPath);
  }
  await store.refresh();
  await until(noProblem, 'no problem said');
});

test('modelLab.modelsFolder that does not exist and cannot be created (/proc/…): Train names the setting, with Open Settings, as for a file', async () => {
  // It said "/proc/nope: cannot save the model in this models folder — it does not exist; check the path" with Show Log only.
  const shown = await withSetting('modelsFolder', '/proc/model-lab-nope', () => shownErrors(() => vscode.commands.executeCommand(COMMAND_IDS.train, { data: 'iris', name: 'proc-models' })));
  assert.deepEqual(shown, [{
    message: '/proc/model-lab-nope: cannot save the model in this models folder — it does not exist and could not be created; check the path, or choose another models folder (the setting modelLab.modelsFolder)',
    actions: ['Open Settings'],
  }]);
});

test('modelLab.jobs out of range (-1, 1000, 2.5): a search (Tune) warns naming it, with Open Settings, once per value, and goes on with every core', async () => {
  // It was only a [warning] line in the Output channel, which never opens by itself. Train does not
  // read it: a single fit runs on a worker of its own, whatever modelLab.jobs says.
  const tuneArgs = { data: 'iris', grid: { C: [1], gamma: 'scale' }, cv: 3, name: 'bad-jobs' };
  const tuneAndDelete = async () => {
    const r = await vscode.commands.executeCommand<TuneResult | undefined>(COMMAND_IDS.tune, tuneArgs);
    if (r) await vscode.workspace.fs.delete(vscode.Uri.file(r.model.modelDir), { recursive: true });
    return r;
  };
  try {
    for (const jobs of [-1, 1000, 2.5]) {
      await withSetting('jobs', jobs, async () => {
        const want = `Setting modelLab.jobs = ${jobs} is not valid: it takes a whole number from 0 to 256 (0: every core) — using 0 (every core); change it in Settings, or remove it for the default 0`;
        let tuned: TuneResult | undefined;
        assert.deepEqual(await shownWarnings(async () => { tuned = await tuneAndDelete(); }), [{ message: want, actions: ['Open Settings'] }], `modelLab.jobs = ${jobs}`);
        assert.ok(tuned, 'tuned all the same');
        assert.deepEqual(await shownWarnings(tuneAndDelete), [], 'said once per value, not on every run');
      });
    }
  } finally {
    for (const tab of vscode.window.tabGroups.all.flatMap((g) => g.tabs)) if (tab.label.includes('bad-jobs')) await vscode.window.tabGroups.close(tab);
  }
});

test('modelLab.generator.intervalSeconds that is not valid: Start Iris Data Generator says so with Open Settings, once per value (it was only a line in the Output channel)', async () => {
  await withSetting('database.url', 'notaurl', () => withSetting('generator.intervalSeconds', -1, async () => {
    const start = () => shownErrors(() => vscode.commands.executeCommand(COMMAND_IDS.startIrisGenerator));
    assert.deepEqual(await shownWarnings(start), [{
      message: 'Setting modelLab.generator.intervalSeconds = -1 is not valid: it takes a number of seconds >= 0 — using 1; change it in Settings, or remove it for the default 1',
      actions: ['Open Settings'],
    }]);
    assert.deepEqual(await shownWarnings(start), [], 'once per value');
  }));
});

test('modelLab.database.url that cannot be used: the data choice leaves the database out with a warning naming it (once per value), a password in it said outright (never echoed); Set Database Password and Start Iris Data Generator name it, with Open Settings', async () => {
  const { settingWarnings, log } = await api();
  const offer = () => databaseOffer({ settingWarnings, log });
  const notUrl = 'Setting modelLab.database.url is not valid: the database URL must start with postgres:// — for example postgres://postgres@localhost:5432/postgres?table=iris_data (got "notaurl"). Change it in Settings.';
  await withSetting('database.url', 'notaurl', async () => {
    // The wizard's data choice: it dropped the database with only a line in the Output channel.
    let offered: unknown = 'not asked';
    assert.deepEqual(await shownWarnings(async () => { offered = offer(); }), [{
      message: 'Setting modelLab.database.url is not valid, so Train and Tune leave the database out: the database URL must start with postgres:// — for example postgres://postgres@localhost:5432/postgres?table=iris_data (got "notaurl"). Change it in Settings.',
      actions: ['Open Settings'],
    }]);
    assert.equal(offered, undefined);
    assert.deepEqual(await shownWarnings(async () => { offer(); }), [], 'once per value, not on every wizard');
    // It said "… (got "notaurl"). (setting modelLab.database.url)" with only Show Log; the generator did not name the setting.
    for (const command of [COMMAND_IDS.setDatabasePassword, COMMAND_IDS.startIrisGenerator]) {
      assert.deepEqual(await shownErrors(() => vscode.commands.executeCommand(command)), [{ message: notUrl, actions: ['Open Settings'] }], command);
    }
  });
  const secret = 'postgres://postgres:secretpw@127.0.0.1:55433/postgres?table=iris_data';
  await withSetting('database.url', secret, async () => {
    const holds = (so: string) => `Setting modelLab.database.url holds a password${so}: remove the password from the URL (postgres://postgres@127.0.0.1:55433/postgres?table=iris_data) and set it with "Model Lab: Set Database Password…", which keeps it in VS Code's secret storage, not in a settings file`;
    const warned = await shownWarnings(async () => { offer(); offer(); });
    assert.deepEqual(warned, [{ message: holds(', so Train and Tune leave the database out'), actions: ['Set Database Password', 'Open Settings'] }]);
    const errors = await shownErrors(() => vscode.commands.executeCommand(COMMAND_IDS.startIrisGenerator));
    assert.deepEqual(errors, [{ message: holds(''), actions: ['Open Settings'] }]);
    assert.doesNotMatch(JSON.stringify([warned, errors]), /secretpw/);
  });
});

test('Validate Saved Model on a scikit-learn file reads the data.csv beside it as training does: a row number "Id" is refused naming modelLab.dropColumns, and left out once it is listed there; it splits as modelLab.seed and modelLab.trainSize say', async () => {
  const fs = new WorkspaceFileSystem(workspaceFolder().uri);
  const root = vscode.Uri.joinPath(workspaceFolder().uri, 'joblib-drop');
  const { notify } = await api();
  try {
    const trained = await engine().train({
      data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C: 1, gamma: 'scale',
      degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: fs.pathOf(root), name: 'exported',
    }, fs);
    const files = vscode.Uri.joinPath(root, 'files');
    const exported = await engine().exportJoblib(trained.modelDir, fs, { out: fs.pathOf(files) });
    const classifier = fs.uri(exported.paths.find((p) => p.endsWith('/classifier.joblib'))!);
    // Kaggle's layout: a row number "Id" first (not in the default modelLab.dropColumns, id and timestamp).
    const lines = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceFolder().uri, 'data', 'iris.csv'))).trim().split('\n');
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(files, 'data.csv'), new TextEncoder().encode([`Id,${lines[0]}`, ...lines.slice(1).map((l, i) => `${i + 1},${l}`), ''].join('\n')));
    const errors = await shownErrors(() => vscode.commands.executeCommand(COMMAND_IDS.validateJoblib, classifier));
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /data\.csv has 5 feature columns \(Id, sepal_length, sepal_width, petal_length, petal_width\) but the model expects 4 .*, or leave out the columns that are not features with the setting modelLab\.dropColumns/);
    assert.doesNotMatch(errors[0]!.message, /--/);
    const infos: string[] = [];
    const original = notify.info;
    notify.info = async (text: string) => { infos.push(text); return undefined; };
    try {
      await withSetting('dropColumns', ['id', 'timestamp', 'Id'], async () => {
        await vscode.commands.executeCommand(COMMAND_IDS.validateJoblib, classifier);
        // The split training makes: modelLab.seed and modelLab.trainSize (as model-lab validate --seed 42 --train-size 0.5).
        await withSetting('seed', 42, () => withSetting('trainSize', 0.5, async () => { await vscode.commands.executeCommand(COMMAND_IDS.validateJoblib, classifier); }));
      });
    } finally {
      notify.info = original;
    }
    assert.equal(infos.length, 2, infos.join(' | '));
    assert.match(infos[0]!, /Train Accuracy 0\.9666666666666667 · Valid Accuracy 1\.0 \(scikit-learn 1\.2\.1, seed 2023,/);
    assert.match(infos[1]!, /Train Accuracy 0\.96 · Valid Accuracy 0\.9866666666666667 \(scikit-learn 1\.2\.1, seed 42,/);
  } finally {
    await vscode.workspace.fs.delete(root, { recursive: true });
  }
});

test('remedies said without CLI flags: a scaler.joblib alone, more folds than rows, a clear-text password request', async () => {
  const fs = new WorkspaceFileSystem(workspaceFolder().uri);
  const root = vscode.Uri.joinPath(workspaceFolder().uri, 'joblib-remedy');
  const lone = vscode.Uri.joinPath(root, 'lone');
  try {
    const trained = await engine().train({
      data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C: 1, gamma: 'scale',
      degree: 3, coef0: 0, target: 'target', drop: [], modelsDir: fs.pathOf(root), name: 'exported',
    }, fs);
    const exported = await engine().exportJoblib(trained.modelDir, fs);
    const scaler = exported.paths.find((p) => p.endsWith('/scaler.joblib'))!;
    await vscode.workspace.fs.createDirectory(lone);
    await vscode.workspace.fs.copy(fs.uri(scaler), vscode.Uri.joinPath(lone, 'scaler.joblib'));
    let error: unknown;
    try {
      await engine().importJoblib({ path: fs.pathOf(vscode.Uri.joinPath(lone, 'scaler.joblib')), modelsDir: fs.pathOf(root) }, fs);
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof Error, 'a lone scaler is refused');
    assert.match(error.message, /Give the classifier's file with --classifier PATH\.$/, 'the CLI\'s words');
    const shown = errorMessage(error);
    assert.match(shown, /scaler\.joblib holds only a StandardScaler; no classifier \(SVC\) file \(classifier\.joblib, .*\) was found beside it — put the classifier beside it as classifier\.joblib$/);
    assert.doesNotMatch(shown, /--/);
    assert.deepEqual(dataErrorActions(error).map((a) => a.title), [], 'no setting to open');
    // More folds than training rows: the wizard's folds, not --cv.
    let folds: unknown;
    try {
      await engine().tune({
        data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, target: 'target', drop: [],
        grid: { kernel: ['rbf'], C: [1], gamma: ['scale'], degree: [3], coef0: [0] }, cv: 200, modelsDir: fs.pathOf(root), name: 'too-many-folds',
      }, fs);
    } catch (e) {
      folds = e;
    }
    assert.ok(folds instanceof Error);
    assert.match(folds.message, /: use a smaller --cv$/);
    assert.match(errorMessage(folds), /the training part of iris has 120 rows \(per class 0: 38, 1: 39, 2: 43\) — choose fewer folds$/);
    // A server asking for the password in clear text: VS Code names its user setting, not the flag.
    const clear = cleartextPasswordError({ method: 'cleartext', host: 'db.example', port: 5432, remoteAddress: '203.0.113.7', tls: false }, false)!;
    assert.match(clear.message, /allow it explicitly \(--allow-cleartext-password\)\.$/);
    assert.match(errorMessage(clear), /so Model Lab did not send it\. Ask the server's administrator .* allow it explicitly \(the setting modelLab\.database\.allowCleartextPassword\)\.$/);
    // A database server that is not running: the CLI's "database URL" is the setting here, with Open Settings.
    const port = await closedPort();
    const refused = await trainingError({ data: { kind: 'postgres', spec: { url: `postgres://postgres@127.0.0.1:${port}/postgres`, password: 'x' } } });
    assert.match(refused.message, /or fix the host\/port in the database URL\.$/, 'the CLI\'s words');
    assert.equal(errorMessage(refused), `Could not connect to PostgreSQL at 127.0.0.1:${port}: connection refused. Check that the server is running and listens on that host and port, or fix the host/port in the setting modelLab.database.url.`);
    assert.deepEqual(dataErrorActions(refused).map((a) => a.title), ['Open Settings']);
  } finally {
    await vscode.workspace.fs.delete(root, { recursive: true });
  }
});

test('the wizard\'s list boxes: commas make a list; values separated otherwise are said to need commas', () => {
  assert.deepEqual(parseCOrList('0.1, 1, 10'), { value: [0.1, 1, 10] });
  assert.deepEqual(parseCOrList('10'), { value: [10] });
  for (const typed of ['1 10', '0.1;1', '0.1 ; 1']) {
    assert.deepEqual(parseCOrList(typed), { error: 'C: separate the values of a list with commas, e.g. "0.1, 1, 10".' }, typed);
  }
  assert.deepEqual(parseCOrList('-1'), { error: 'C is a positive number, e.g. 1 or 0.5.' });
  // Typed as the CLI reads it: decimal only (JavaScript's Number() would read 0x10 as 16).
  assert.deepEqual(parseCOrList('0x10'), { error: 'C is a positive number, e.g. 1 or 0.5.' });
  assert.deepEqual(parseGammaOrList('0b1'), { error: "Gamma is 'scale', 'auto' or a number >= 0, e.g. 0.25." });
  assert.deepEqual(parseGammaOrList(' .5 '), { value: [0.5] });
  // 0 alone as in a list, as model-lab train --gamma 0 and scikit-learn take it.
  assert.deepEqual(parseGammaOrList('0'), { value: [0] });
  assert.deepEqual(parseGammaOrList('scale, 0'), { value: ['scale', 0] });
  assert.deepEqual(parseGammaOrList('-1'), { error: "Gamma is 'scale', 'auto' or a number >= 0, e.g. 0.25." });
  assert.deepEqual(parseGammaOrList('scale 0.1'), { error: 'Gamma: separate the values of a list with commas, e.g. "scale, 0.1".' });
  assert.deepEqual(parseGammaOrList('fast'), { error: "Gamma is 'scale', 'auto' or a number >= 0, e.g. 0.25." });
  assert.deepEqual(parseSeedOrList('2022 2023'), { error: 'Seed: separate the values of a list with commas, e.g. "2022, 2023".' });
  assert.deepEqual(parseSeedOrList('2022, 2023'), { value: [2022, 2023] });
  // "Several kernels…": the CLI's --kernel rules, and the count the review shows.
  assert.deepEqual(parseKernels('rbf, linear'), { value: ['rbf', 'linear'] });
  assert.deepEqual(parseKernels('rbf, rbfx'), { error: 'Kernels item 2 of "rbf, rbfx": "rbfx" is not a kernel — use rbf, linear, poly, sigmoid' });
  // A linear model does not use gamma: trained once per C and seed, not once per gamma.
  assert.equal(modelCount({ kernel: ['rbf', 'linear'], C: [0.1, 1], gamma: ['scale', 'auto'], degree: [3], coef0: [0], seed: [2023] }), 6);
  // rbf does not use degree or coef0: once per C, gamma and seed; poly once per degree × coef0 too.
  assert.equal(modelCount({ kernel: ['rbf', 'poly'], C: [1], gamma: ['scale'], degree: [2, 3], coef0: [0, 1], seed: [2023] }), 5);
});

/** The workspace's iris CSV in Kaggle's Iris.csv layout: a row number "Id" first, the label under another name than "target". */
async function kaggleStyleCsv(name: string, header = (h: string) => h): Promise<vscode.Uri> {
  const folder = workspaceFolder();
  const csv = vscode.Uri.joinPath(folder.uri, 'data', name);
  const lines = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'data', 'iris.csv'))).trim().split('\n');
  await vscode.workspace.fs.writeFile(csv, new TextEncoder().encode([header(`Id,${lines[0]!.replace(/target$/, 'species')}`), ...lines.slice(1).map((l, i) => `${i + 1},${l}`), ''].join('\n')));
  return csv;
}

test('one click fixes what a data message guesses: Use "species" sets that file\'s label column (modelLab.labelColumns, the folder\'s other files keep modelLab.targetColumn) and trains again; Leave Out "Id" adds it to modelLab.dropColumns', async () => {
  const folder = workspaceFolder();
  const csv = await kaggleStyleCsv('kaggle-style.csv');
  const config = () => vscode.workspace.getConfiguration('modelLab', csv);
  const problems = new DataProblems();
  const reran: (vscode.Uri | undefined)[] = [];
  const infos: string[] = [];
  const then = { rerun: (f: vscode.Uri | undefined) => { reran.push(f); }, log: { line: () => undefined }, notify: { info: async (t: string) => { infos.push(t); }, error: async (e: unknown) => { throw e; } } };
  try {
    const fs = new WorkspaceFileSystem(folder.uri);
    let error: unknown;
    try {
      await problems.around(csv, () => engine().train({
        data: { kind: 'csv', path: fs.pathOf(csv) }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C: 1, gamma: 'scale',
        degree: 3, coef0: 0, target: 'target', drop: ['id', 'timestamp'], modelsDir: fs.pathOf(vscode.Uri.joinPath(folder.uri, 'never-written')),
      }, fs));
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof Error);
    assert.equal(error.message, 'kaggle-style.csv line 1: no column "target" (columns: Id, sepal_length, sepal_width, petal_length, petal_width, species) — are the labels in "species"? Choose it with the setting modelLab.targetColumn (species)');
    const actions = dataErrorActions(error, then);
    assert.deepEqual(actions.map((a) => a.title), ['Use "species"', 'Open at Line'], 'no Open Settings beside the fix: four buttons with Show Log cut every title short');
    await actions[0]!.run();
    assert.deepEqual(config().inspect('labelColumns')?.workspaceFolderValue, { 'data/kaggle-style.csv': 'species' }, 'set for that file in the settings of the data\'s folder');
    assert.equal(config().inspect('targetColumn')?.workspaceFolderValue, undefined, 'not for the whole folder');
    assert.deepEqual([readSettings(csv).targetColumn, readSettings(vscode.Uri.joinPath(folder.uri, 'data', 'iris.csv')).targetColumn], ['species', 'target'], 'the folder\'s iris.csv keeps "target"');
    assert.deepEqual(reran.map(String), [csv.toString()], 'the command runs again on that file');
    // A second file's fix is added beside the first.
    const other = await kaggleStyleCsv('kaggle-other.csv', (h) => h.replace(/species$/, 'Species'));
    try {
      const refused = await problems.around(other, () => engine().train({
        data: { kind: 'csv', path: fs.pathOf(other) }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 }, kernel: 'rbf', C: 1, gamma: 'scale',
        degree: 3, coef0: 0, target: 'target', drop: ['id', 'timestamp'], modelsDir: fs.pathOf(vscode.Uri.joinPath(folder.uri, 'never-written')),
      }, fs)).catch((e: unknown) => e);
      await dataErrorActions(refused, then)[0]!.run();
      assert.deepEqual(config().inspect('labelColumns')?.workspaceFolderValue, { 'data/kaggle-style.csv': 'species', 'data/kaggle-other.csv': 'Species' });
    } finally {
      await vscode.workspace.fs.delete(other);
    }
    // Training now works, with the warning about Id; its button adds Id to the drop list and says the next run uses it.
    const result = (await vscode.commands.executeCommand(COMMAND_IDS.train, csv)) as TrainResult | undefined;
    assert.deepEqual([result?.train.correct, result?.valid.correct], [120, 30], 'scikit-learn 1.2.1 with Id as a feature: 1.0 and 1.0');
    const warning = indexColumnWarning(['Id', 'sepal_length'], 'kaggle-style.csv', readSettings(csv).dropColumns, Array.from({ length: 30 }, (_, i) => [i + 1, 5.1]))!;
    // What a run does with it (dataWarning), the notification's buttons taken as they are offered.
    const offered: Action[][] = [];
    dataWarning({ log: { warn: () => undefined, line: () => undefined }, notify: { ...then.notify, warn: async (_t: string, ...a: Action[]) => { offered.push(a); } } }, csv)(warning);
    assert.deepEqual(offered.map((a) => a.map((b) => b.title)), [['Leave Out "Id"', 'Open Settings']]);
    await offered[0]![0]!.run();
    assert.deepEqual(config().inspect('dropColumns')?.workspaceFolderValue, ['id', 'timestamp', 'Id']);
    assert.deepEqual(infos, ['modelLab.dropColumns is now ["id","timestamp","Id"] in the settings of the folder "' + folder.name + '": the next training run uses it.']);
    const again = (await vscode.commands.executeCommand(COMMAND_IDS.train, csv)) as TrainResult | undefined;
    assert.deepEqual([again?.train.correct, again?.valid.correct], [116, 30], 'without Id: the course\'s 116/120 and 30/30');
    // pandas' row index, nameless: left out by pandas' name for it in one click. A nameless column
    // amid named ones may be a feature that lost its name: no such button.
    assert.deepEqual(dataErrorActions(unnamedColumn('rows.csv', 1, 0, undefined, ['', 'a', 'target']), then).map((a) => a.title), ['Leave Out "Unnamed: 0"']);
    assert.deepEqual(dataErrorActions(unnamedColumn('rows.csv', 1, 1, undefined, ['a', '', 'b', 'target']), then).map((a) => a.title), ['Open Settings']);
    // Penguins' text columns, named at once: one button leaves them all out.
    const penguins = await parseCsvDataset('bill_length_mm,island,sex,target\n39.1,Torgersen,MALE,0\n', { fileLabel: 'penguins.csv' }).catch((e: unknown) => e);
    assert.deepEqual(dataErrorActions(penguins, then).map((a) => a.title), ['Leave Out Both']);
    await dataErrorActions(penguins, then)[0]!.run();
    assert.deepEqual(config().inspect('dropColumns')?.workspaceFolderValue, ['id', 'timestamp', 'island', 'sex']);
  } finally {
    problems.dispose();
    await config().update('labelColumns', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await config().update('dropColumns', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await vscode.workspace.fs.delete(csv);
  }
});

test('rows without a header line (UCI\'s iris.data, CRLF): the first line is marked, its Quick Fix inserts the header line as an edit to save, and the saved file trains to the course\'s numbers', async () => {
  const folder = workspaceFolder();
  // Named as UCI names it: .data files are CSV data to Model Lab (the Explorer's menu, the picker, the Quick Fix).
  const csv = vscode.Uri.joinPath(folder.uri, 'data', 'iris.data');
  const species = ['Iris-setosa', 'Iris-versicolor', 'Iris-virginica'];
  const lines = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'data', 'iris.csv'))).trim().split('\n').slice(1);
  await vscode.workspace.fs.writeFile(csv, new TextEncoder().encode(lines.map((l) => l.replace(/,(\d)$/, (_, k: string) => `,${species[Number(k)]}`)).join('\r\n') + '\r\n'));
  try {
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.train, csv), undefined, 'refused');
    const marks = vscode.languages.getDiagnostics(csv).filter((d) => d.source === 'Model Lab');
    assert.deepEqual(marks.map((d) => [d.severity, d.range.start.line, d.message]), [[vscode.DiagnosticSeverity.Error, 0,
      'iris.data line 1: the first line is data (5.1, 3.5, 1.4, 0.2, Iris-setosa), not column names — add a header line above it, such as "sepal_length,sepal_width,petal_length,petal_width,target"']]);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', csv, marks[0]!.range, vscode.CodeActionKind.QuickFix.value);
    const ours = actions.filter((a) => a.title.startsWith('Insert the header line'));
    assert.deepEqual(ours.map((a) => [a.title, a.isPreferred]), [['Insert the header line "sepal_length,sepal_width,petal_length,petal_width,target"', true]]);
    assert.ok(await vscode.workspace.applyEdit(ours[0]!.edit!));
    const doc = await vscode.workspace.openTextDocument(csv);
    assert.ok(doc.isDirty, 'an edit in the editor, not a write behind the user\'s back');
    assert.equal(doc.getText().split('\r\n').slice(0, 2).join('|'), 'sepal_length,sepal_width,petal_length,petal_width,target|5.1,3.5,1.4,0.2,Iris-setosa', 'the file\'s own line ends');
    assert.deepEqual(vscode.languages.getDiagnostics(csv).filter((d) => d.source === 'Model Lab'), [], 'the mark goes with the edit');
    assert.ok(await doc.save());
    const result = (await vscode.commands.executeCommand(COMMAND_IDS.train, csv)) as TrainResult | undefined;
    assert.deepEqual([result?.train.correct, result?.valid.correct], [116, 30], 'scikit-learn 1.2.1 on pd.read_csv(header=None, names=…): 0.9666666666666667 and 1.0');
    const manifest = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(`${result!.modelDir}/model.json`)))) as { featureNames: string[]; classes: string[] };
    assert.deepEqual([manifest.featureNames, manifest.classes], [['sepal_length', 'sepal_width', 'petal_length', 'petal_width'], species]);
  } finally {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(csv);
  }
});

test('missing values (NA, empty, NaN, null, N/A): the first is marked with Use dropna as its Quick Fix, which sets modelLab.dropna for the folder; the file then trains on the other 145 rows to scikit-learn\'s numbers', async () => {
  const folder = workspaceFolder();
  const csv = vscode.Uri.joinPath(folder.uri, 'data', 'holes.csv');
  const config = () => vscode.workspace.getConfiguration('modelLab', csv);
  // Holes in features and a label, as a pandas user's file has them (row: [column, value]).
  const holes: Record<number, [number, string]> = { 4: [1, 'NA'], 18: [2, ''], 41: [4, 'NaN'], 89: [0, 'null'], 121: [3, 'N/A'] };
  const lines = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder.uri, 'data', 'iris.csv'))).trim().split('\n');
  await vscode.workspace.fs.writeFile(csv, new TextEncoder().encode([lines[0], ...lines.slice(1).map((l, i) => {
    const hole = holes[i + 1];
    if (!hole) return l;
    const f = l.split(',');
    f[hole[0]] = hole[1];
    return f.join(',');
  })].join('\n') + '\n'));
  try {
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.train, csv), undefined, 'refused');
    const marks = vscode.languages.getDiagnostics(csv).filter((d) => d.source === 'Model Lab');
    assert.deepEqual(marks.map((d) => [d.range.start.line, d.message]), [[4,
      'holes.csv line 5, column "sepal_width": "NA" is a missing value in pandas, which scikit-learn\'s SVC cannot train on — fix or remove the row, or leave out every row with a missing value with the setting modelLab.dropna (as pandas\' dropna())']]);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', csv, marks[0]!.range, vscode.CodeActionKind.QuickFix.value);
    const ours = actions.filter((a) => a.command?.command === COMMAND_IDS.applyDataFix);
    assert.deepEqual(ours.map((a) => a.title), ['Leave out every row with a missing value, as pandas\' dropna() (modelLab.dropna)']);
    await vscode.commands.executeCommand(ours[0]!.command!.command, ...(ours[0]!.command!.arguments ?? []));
    assert.equal(config().inspect('dropna')?.workspaceFolderValue, true);
    const result = (await vscode.commands.executeCommand(COMMAND_IDS.train, csv)) as TrainResult | undefined;
    // scikit-learn 1.2.1 on pd.read_csv("holes.csv").dropna(): 145 rows, float64 labels, 113/116 and 29/29.
    assert.deepEqual([result?.train.correct, result?.train.total, result?.valid.correct, result?.valid.total], [113, 116, 29, 29]);
    const manifest = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.file(`${result!.modelDir}/model.json`)))) as { labelType: string; data: { rows: number; dropna: { rows: number; lines: number[] } } };
    assert.deepEqual([manifest.labelType, manifest.data.rows, manifest.data.dropna.rows, manifest.data.dropna.lines], ['float', 145, 5, [5, 19, 42, 90, 122]]);
  } finally {
    await config().update('dropna', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await vscode.workspace.fs.delete(csv);
  }
});

test('the same fixes as Quick Fixes on the CSV\'s marked cells (the missing label column, then the row-number warning): VS Code lists them, they set the setting and clear the mark', async () => {
  // One header name written with a space before it, as pandas keeps it: a second warning, without a fix.
  const csv = await kaggleStyleCsv('quick-fix.csv', (h) => h.replace(',sepal_width', ', sepal_width'));
  const config = () => vscode.workspace.getConfiguration('modelLab', csv);
  try {
    // Train Iris Model on it, as from the Explorer: refused (no "target"), the header line marked.
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.train, csv), undefined);
    const marks = vscode.languages.getDiagnostics(csv).filter((d) => d.source === 'Model Lab');
    assert.equal(marks.length, 1);
    assert.equal(marks[0]!.range.start.line, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', csv, marks[0]!.range, vscode.CodeActionKind.QuickFix.value);
    const ours = actions.filter((a) => a.command?.command === COMMAND_IDS.applyDataFix);
    assert.deepEqual(ours.map((a) => [a.title, a.isPreferred]), [['Use "species" as the label column of data/quick-fix.csv (modelLab.labelColumns)', true]]);
    await vscode.commands.executeCommand(ours[0]!.command!.command, ...(ours[0]!.command!.arguments ?? []));
    assert.deepEqual(config().inspect('labelColumns')?.workspaceFolderValue, { 'data/quick-fix.csv': 'species' });
    assert.deepEqual(vscode.languages.getDiagnostics(csv).filter((d) => d.source === 'Model Lab'), [], 'the mark is cleared');
    // Trained now, with Id as a feature: a warning on the header's "Id" cell, its fix a Quick Fix too.
    const withId = (await vscode.commands.executeCommand(COMMAND_IDS.train, csv)) as TrainResult | undefined;
    assert.deepEqual([withId?.train.correct, withId?.valid.correct], [120, 30]);
    const warned = vscode.languages.getDiagnostics(csv).filter((d) => d.source === 'Model Lab');
    const header = 'Id,sepal_length, sepal_width,petal_length,petal_width,species';
    assert.deepEqual(warned.map((d) => [d.severity, d.range.start.line, d.range.start.character, d.range.end.character]), [[vscode.DiagnosticSeverity.Warning, 0, 0, 2], [vscode.DiagnosticSeverity.Warning, 0, 0, header.length]]);
    assert.match(warned[0]!.message, /^quick-fix\.csv: the column "Id" numbers the rows \(1, 2, 3 … 150\)/);
    assert.match(warned[1]!.message, /^quick-fix\.csv: a column name \(" sepal_width"\) has spaces around it, which Model Lab trims and pandas keeps/);
    const noFix = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', csv, warned[1]!.range, vscode.CodeActionKind.QuickFix.value);
    // Asked for the whole header line (both marks): the Id fix only, once.
    assert.deepEqual(noFix.filter((a) => a.command?.command === COMMAND_IDS.applyDataFix).map((a) => a.title), ['Leave out the column "Id" (modelLab.dropColumns)']);
    const leave = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', csv, warned[0]!.range, vscode.CodeActionKind.QuickFix.value))
      .filter((a) => a.command?.command === COMMAND_IDS.applyDataFix);
    assert.deepEqual(leave.map((a) => a.title), ['Leave out the column "Id" (modelLab.dropColumns)']);
    await vscode.commands.executeCommand(leave[0]!.command!.command, ...(leave[0]!.command!.arguments ?? []));
    assert.deepEqual(config().inspect('dropColumns')?.workspaceFolderValue, ['id', 'timestamp', 'Id']);
    assert.deepEqual(vscode.languages.getDiagnostics(csv).filter((d) => d.source === 'Model Lab').map((d) => d.message), [warned[1]!.message], 'the spaces\' mark stays');
    const withoutId = (await vscode.commands.executeCommand(COMMAND_IDS.train, csv)) as TrainResult | undefined;
    assert.deepEqual([withoutId?.train.correct, withoutId?.valid.correct], [116, 30], 'the course\'s numbers');
    assert.deepEqual(vscode.languages.getDiagnostics(csv).filter((d) => d.source === 'Model Lab').map((d) => d.message), [warned[1]!.message], 'only the spaces are left to mark');
    // Asked again (a command link, say) with no fix pending: refused, nothing set.
    await config().update('labelColumns', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.applyDataFix, csv), undefined);
    assert.equal(await vscode.commands.executeCommand(COMMAND_IDS.applyDataFix, { path: '/etc/passwd' }), undefined);
    assert.equal(config().inspect('labelColumns')?.workspaceFolderValue, undefined);
  } finally {
    await config().update('labelColumns', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await config().update('dropColumns', undefined, vscode.ConfigurationTarget.WorkspaceFolder);
    await vscode.workspace.fs.delete(csv);
  }
});
