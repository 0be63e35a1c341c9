// A models folder that is not one: every way in says so in one line with the way out (--out).
// - A file: instead of "no models folder there — train a model first" (compare), "something with that
//   name is already there" (train) or an empty listing (the Saved Models view said "No saved models yet").
// - A model's own folder (--out models/iris-C1-gscale-s2023): training saved a model inside the other
//   model, and compare said "No models in … yet"; now nothing is written.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFileSystem as fs } from '../../../src/core/io/nodeFileSystem';
import { listModels } from '../../../src/core/usecases/listModels';
import { ManifestCache } from '../../../src/core/experiments/manifestCache';
import { train } from '../../../src/core/usecases/train';
import type { TrainOptions } from '../../../src/core/usecases/contracts';
import { UserError } from '../../../src/core/types';
import { runCliSync } from '../hardening/cliProcess';

let dir: string;
let file: string;
let model: string;
const TEXT = 'a,b\n1,2\n';
const options = (modelsDir: string): TrainOptions => ({
  data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
  kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir,
});
before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'model-lab-models-folder-'));
  file = join(dir, 'notes.csv');
  writeFileSync(file, TEXT);
  model = (await train(options(join(dir, 'models')), fs)).modelDir;
});
after(() => rmSync(dir, { recursive: true, force: true }));

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (e) {
    assert.ok(e instanceof UserError, `expected a UserError, got ${(e as Error)?.stack}`);
    return e.message;
  }
  return assert.fail('expected a refusal');
}

test('the core: train, listModels and the listing behind Saved Models and Compare refuse a file as the models folder', async () => {
  const line = `${file}: the models folder is a file, not a folder — name a folder with --out`;
  assert.equal(await refusal(train(options(file), fs)), line);
  assert.equal(await refusal(listModels(file, fs)), line);
  assert.equal(await refusal(new ManifestCache(fs).list(file)), line);
  assert.equal(readFileSync(file, 'utf8'), TEXT, 'the file is untouched');
});

test('the CLI: train, compare and tune say it with the flag to change, exit 1, print nothing else', () => {
  for (const args of [['train', '--out', 'notes.csv'], ['compare', '--out', 'notes.csv'], ['tune', '--C', '1,10', '--jobs', '1', '--out', 'notes.csv']]) {
    const r = runCliSync(args, dir);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.err}`);
    assert.equal(r.out, '', args.join(' '));
    assert.equal(r.err, `model-lab ${args[0]}: ${file}: the models folder is a file, not a folder — name a folder with --out\n`);
  }
  assert.equal(readFileSync(file, 'utf8'), TEXT, 'the file is untouched');
});

test('a models folder below a file (notes.csv/models): the CLI says so with the flag to change, exit 1', () => {
  for (const args of [['train', '--out', 'notes.csv/models'], ['compare', '--out', 'notes.csv/models'], ['tune', '--C', '1,10', '--jobs', '1', '--out', 'notes.csv/models']]) {
    const r = runCliSync(args, dir);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.err}`);
    assert.equal(r.err, `model-lab ${args[0]}: ${join(file, 'models')}: a part of the path is a file, not a folder, so no models folder can be there — name a folder with --out\n`);
  }
});

test('the core: train and the listings refuse a model\'s own folder as the models folder', async () => {
  const line = `${model}: is a model's own folder (it holds model.json), not a models folder — name the folder that holds the models with --out, such as ${join(dir, 'models')}`;
  const before = readdirSync(model).sort();
  assert.equal(await refusal(train(options(model), fs)), line);
  assert.equal(await refusal(listModels(model, fs)), line);
  assert.equal(await refusal(new ManifestCache(fs).list(model)), line);
  assert.deepEqual(readdirSync(model).sort(), before, 'nothing was written into the model');
});

test('the CLI: train, a sweep, tune and compare say it of a model\'s own folder with the flag to change, exit 1', () => {
  const before = readdirSync(model).sort();
  for (const args of [['train'], ['train', '--C', '1,10'], ['tune', '--C', '1,10', '--jobs', '1'], ['compare']]) {
    const r = runCliSync([...args, '--out', join('models', 'iris-C1-gscale-s2023')], dir);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.err}`);
    assert.equal(r.err, `model-lab ${args[0]}: ${model}: is a model's own folder (it holds model.json), not a models folder — name the folder that holds the models with --out, such as ${join(dir, 'models')}\n`, args.join(' '));
  }
  assert.deepEqual(readdirSync(model).sort(), before, 'nothing was written into the model');
});
