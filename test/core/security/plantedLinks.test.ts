// Issue 18, items 2, 5 and 6: a cloned repository plants symbolic links and special files where
// Model Lab writes or reads. Driven like the attacks, through the real CLI and the core functions
// the extension calls: every writer refuses a link, a folder or a device/FIFO with one line and
// leaves the victim file as it was; a models folder that is a link is refused with its real
// location; links inside a model folder are refused by validate, never followed.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nodeFileSystem as fs, nodeListingFileSystem } from '../../../src/core/io/nodeFileSystem';
import { comparisonRows } from '../../../src/core/experiments/comparison';
import { writeComparisonCsv } from '../../../src/core/experiments/comparisonCsvFile';
import { exportOnnx } from '../../../src/core/interop/exportOnnx';
import { listModels } from '../../../src/core/usecases/listModels';
import { ManifestCache } from '../../../src/core/experiments/manifestCache';
import { train } from '../../../src/core/usecases/train';
import { validate } from '../../../src/core/usecases/validate';
import { UserError } from '../../../src/core/types';
import type { TrainOptions } from '../../../src/core/usecases/contracts';
import { runCliSync } from '../hardening/cliProcess';

const VICTIM_TEXT = '# the user\'s ~/.bashrc\nexport PATH=$HOME/bin:$PATH\n';
let root: string;
let modelDir: string;
before(async () => {
  root = mkdtempSync(join(tmpdir(), 'model-lab-planted-'));
  modelDir = (await train(irisOptions(join(root, 'models'), 'good'), fs)).modelDir;
});
after(() => rmSync(root, { recursive: true, force: true }));

function irisOptions(modelsDir: string, name: string): TrainOptions {
  return {
    data: { kind: 'iris' }, layout: 'separate', seed: 2023, trainSize: { kind: 'fraction', value: 0.8 },
    kernel: 'rbf', C: 1, gamma: 'scale', degree: 3, coef0: 0, target: 'target', drop: [], modelsDir, name,
  };
}

/** A fresh folder with a victim file outside everything Model Lab should touch. */
function victim(): { dir: string; file: string } {
  const dir = mkdtempSync(join(root, 'case-'));
  const file = join(dir, 'bashrc');
  writeFileSync(file, VICTIM_TEXT);
  return { dir, file };
}

function mkfifo(path: string): void {
  const r = spawnSync('mkfifo', [path]);
  assert.equal(r.status, 0, `mkfifo: ${r.stderr}`);
}

async function refusal(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (e) {
    assert.ok(e instanceof UserError, `expected a UserError, got ${(e as Error)?.stack}`);
    assert.ok(!e.message.includes('\n'), 'one line');
    return e.message;
  }
  return assert.fail('expected a refusal');
}

const bytes = new TextEncoder().encode('new contents\n');

describe('FileSystem.writeFile: the one safe writer', () => {
  test('a symbolic link (also a dangling one) is refused, naming where it leads; its target is untouched', async () => {
    const { dir, file } = victim();
    symlinkSync(file, join(dir, 'out.txt'));
    const m = await refusal(fs.writeFile(join(dir, 'out.txt'), bytes));
    assert.equal(m, `${join(dir, 'out.txt')}: is a symbolic link to ${realpathSync(file)} — Model Lab never writes through a link (it could lead anywhere); delete the link or write to another file`);
    assert.equal(readFileSync(file, 'utf8'), VICTIM_TEXT);
    assert.ok(lstatSync(join(dir, 'out.txt')).isSymbolicLink(), 'the link itself is left as it was');
    symlinkSync(join(dir, 'not-yet'), join(dir, 'dangling.txt'));
    await refusal(fs.writeFile(join(dir, 'dangling.txt'), bytes));
    assert.equal(existsSync(join(dir, 'not-yet')), false, 'nothing created at a dangling link\'s target');
    assert.deepEqual(readdirSync(dir).sort(), ['bashrc', 'dangling.txt', 'out.txt'], 'no temporary file left');
  });

  test('a folder, a FIFO and a device are refused (a FIFO would otherwise block the writer for ever)', async () => {
    const { dir } = victim();
    mkdirSync(join(dir, 'folder'));
    assert.match(await refusal(fs.writeFile(join(dir, 'folder'), bytes)), /folder: is a folder, not a file — give a file name to write to$/);
    mkfifo(join(dir, 'fifo'));
    assert.match(await refusal(fs.writeFile(join(dir, 'fifo'), bytes)), /fifo: is a special file \(a device, FIFO or socket\), not a regular file/);
    assert.match(await refusal(fs.writeFile('/dev/null', bytes)), /^\/dev\/null: is a special file/);
  });

  test('a regular file is replaced by a new file (a hard link elsewhere keeps the old contents); permissions are kept', async () => {
    const { dir, file } = victim();
    const target = join(dir, 'out.csv');
    writeFileSync(target, 'old\n');
    chmodSync(target, 0o600);
    linkSync(target, join(dir, 'hardlink'));
    await fs.writeFile(target, bytes);
    assert.equal(readFileSync(target, 'utf8'), 'new contents\n');
    assert.equal(readFileSync(join(dir, 'hardlink'), 'utf8'), 'old\n', 'not written through the other name');
    assert.equal(statSync(target).mode & 0o777, 0o600);
    assert.equal(readFileSync(file, 'utf8'), VICTIM_TEXT);
    assert.deepEqual(readdirSync(dir).sort(), ['bashrc', 'hardlink', 'out.csv']);
  });

  test('stat and readDirectory report a link as a link, with its real location', async () => {
    const { dir, file } = victim();
    symlinkSync(file, join(dir, 'l'));
    const st = await fs.stat(join(dir, 'l'));
    assert.equal(st?.type, 'link');
    assert.equal(st?.linkTarget, realpathSync(file));
    assert.deepEqual((await fs.readDirectory(dir)).find((e) => e.name === 'l'), { name: 'l', type: 'link' });
  });

  test('the listing\'s synchronous stat answers as stat does: file, folder, link, dangling link, missing path', async () => {
    const { dir, file } = victim();
    symlinkSync(file, join(dir, 'l'));
    symlinkSync(join(dir, 'gone'), join(dir, 'dangling'));
    mkdirSync(join(dir, 'sub'));
    const paths = [file, join(dir, 'sub'), join(dir, 'l'), join(dir, 'dangling'), join(dir, 'missing')];
    const listing = await Promise.all(paths.map((p) => nodeListingFileSystem.stat(p)));
    assert.deepEqual(listing, await Promise.all(paths.map((p) => fs.stat(p))));
    assert.deepEqual(listing.map((s) => s?.type), ['file', 'directory', 'link', 'link', undefined]);
    assert.equal(listing[2]?.linkTarget, realpathSync(file));
    assert.equal(listing[3]?.linkTarget, join(dir, 'gone'));
  });
});

describe('every writer', () => {
  test('ONNX export: a planted model.onnx link is refused (CLI: exit 1, one line); the victim is untouched', () => {
    const { dir, file } = victim();
    const model = join(dir, 'model');
    spawnSync('cp', ['-r', modelDir, model]);
    symlinkSync(file, join(model, 'model.onnx'));
    const r = runCliSync(['export', model, '--format', 'onnx'], dir);
    assert.equal(r.code, 1, r.err);
    assert.equal(r.err, `model-lab export: ${join(model, 'model.onnx')}: is a symbolic link to ${realpathSync(file)} — Model Lab never writes through a link (it could lead anywhere); delete the link or write to another file\n`);
    assert.equal(r.out, '');
    assert.equal(readFileSync(file, 'utf8'), VICTIM_TEXT);
  });

  test('ONNX export: an --out link, folder or FIFO is refused; a plain --out is written', async () => {
    const { dir, file } = victim();
    symlinkSync(file, join(dir, 'out.onnx'));
    const r = runCliSync(['export', modelDir, '--format', 'onnx', '--out', 'out.onnx'], dir);
    assert.equal(r.code, 1);
    assert.match(r.err, /^model-lab export: .*out\.onnx: is a symbolic link to .*bashrc — /);
    assert.equal(readFileSync(file, 'utf8'), VICTIM_TEXT);
    mkfifo(join(dir, 'fifo.onnx'));
    assert.match(await refusal(exportOnnx(modelDir, fs, { out: join(dir, 'fifo.onnx') })), /fifo\.onnx: is a special file/);
    const ok = await exportOnnx(modelDir, fs, { out: join(dir, 'plain.onnx') });
    assert.equal(statSync(ok.path).size, ok.bytes);
  });

  test('ONNX export: names from model.json reach the file only as JSON-quoted text; a non-name is refused as damaged', async () => {
    const { dir } = victim();
    const model = join(dir, 'odd-name');
    spawnSync('cp', ['-r', modelDir, model]);
    const manifest = JSON.parse(readFileSync(join(model, 'model.json'), 'utf8'));
    manifest.name = 'x\n<img src=x onerror=alert(1)>[run](command:modelLab.delete)';
    writeFileSync(join(model, 'model.json'), JSON.stringify(manifest));
    assert.match(await refusal(exportOnnx(model, fs)), /model\.json: field "name": .* is not a model name \(letters, digits, '\.', '_' and '-'\)$/);
    assert.equal(existsSync(join(model, 'model.onnx')), false);
    const ok = await exportOnnx(modelDir, fs, { out: join(dir, 'ok.onnx') });
    const text = Buffer.from(readFileSync(ok.path)).toString('latin1');
    assert.ok(text.includes('from model "good"; input columns ["sepal length (cm)","sepal width (cm)","petal length (cm)","petal width (cm)"]'), 'doc string quotes names as JSON');
  });

  test('comparison CSV (CLI compare --csv and writeComparisonCsv for the extension): links, folders and FIFOs refused', async () => {
    const { dir, file } = victim();
    symlinkSync(file, join(dir, 'table.csv'));
    const r = runCliSync(['compare', '--out', join(root, 'models'), '--csv', 'table.csv'], dir);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /^model-lab compare: .*table\.csv: is a symbolic link to .*bashrc — Model Lab never writes through a link/);
    assert.equal(r.err.split('\n').length, 2);
    assert.equal(readFileSync(file, 'utf8'), VICTIM_TEXT);
    const rows = comparisonRows(await listModels(join(root, 'models'), fs));
    mkfifo(join(dir, 'fifo.csv'));
    assert.match(await refusal(writeComparisonCsv(fs, join(dir, 'fifo.csv'), rows)), /fifo\.csv: is a special file/);
    mkdirSync(join(dir, 'folder.csv'));
    assert.match(await refusal(writeComparisonCsv(fs, join(dir, 'folder.csv'), rows)), /folder\.csv: is a folder/);
    await writeComparisonCsv(fs, join(dir, 'plain.csv'), rows);
    assert.match(readFileSync(join(dir, 'plain.csv'), 'utf8'), /^Name,Created,/);
  });
});

describe('a models folder that is a symbolic link to outside (item 5)', () => {
  test('training (CLI and core) refuses it before reading data, showing the real location; nothing is written there', async () => {
    const { dir } = victim();
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    symlinkSync(elsewhere, join(dir, 'models'));
    const r = runCliSync(['train'], dir);
    assert.equal(r.code, 1, r.err);
    assert.equal(r.out, '', 'no accuracies printed');
    assert.equal(r.err, `model-lab train: ${join(dir, 'models')}: the models folder is a symbolic link that leads to ${realpathSync(elsewhere)} — Model Lab does not save or list models through a link (a cloned repository could point it anywhere); delete the link, or name the real folder as the models folder if that is where your models belong\n`);
    assert.deepEqual(readdirSync(elsewhere), []);
    assert.match(await refusal(train(irisOptions(join(dir, 'models'), 'x'), fs)), /the models folder is a symbolic link that leads to/);
    // Naming the real folder works.
    assert.equal(runCliSync(['train', '--out', elsewhere], dir).code, 0);
  });

  test('listing (listModels, the ManifestCache behind Compare, CLI compare) refuses it instead of listing the target', async () => {
    const { dir } = victim();
    symlinkSync(join(root, 'models'), join(dir, 'models'));
    assert.match(await refusal(listModels(join(dir, 'models'), fs)), /models: the models folder is a symbolic link that leads to .*models — /);
    assert.match(await refusal(new ManifestCache(fs).list(join(dir, 'models'))), /the models folder is a symbolic link/);
    const r = runCliSync(['compare'], dir);
    assert.equal(r.code, 1);
    assert.match(r.err, /^model-lab compare: .*models: the models folder is a symbolic link that leads to /);
  });
});

describe('links inside a model folder (item 6): validate refuses them, never follows', () => {
  const secret = 'SECRET-TOKEN-do-not-show';
  for (const [file, points] of [['data.csv', '/etc/passwd'], ['scaler.json', 'secret.json']] as const) {
    test(`${file} → ${points}: CLI validate exits 1 naming the link; nothing of the target is shown`, async () => {
      const { dir } = victim();
      const model = join(dir, 'model');
      spawnSync('cp', ['-r', modelDir, model]);
      const target = points.startsWith('/') ? points : join(dir, points);
      if (!points.startsWith('/')) writeFileSync(target, JSON.stringify({ token: secret }));
      unlinkSync(join(model, file));
      symlinkSync(target, join(model, file));
      const r = runCliSync(['validate', model], dir);
      assert.equal(r.code, 1, r.out + r.err);
      assert.match(r.out + r.err, new RegExp(`${file.replace('.', '\\.')}: is a symbolic link, which could point outside the model folder`));
      assert.ok(!(r.out + r.err).includes(secret) && !(r.out + r.err).includes('root:x:0:0'), 'no text of the target');
      const report = await validate(model, fs);
      assert.equal(report.status, 'could-not-load');
      assert.match(report.error!, /is a symbolic link/);
    });
  }
});

describe('joblib files and the data beside them', () => {
  const pipeline = join(__dirname, '..', '..', 'fixtures', 'joblib', 'models', 'course-pipeline', 'model_pipeline.joblib');

  test('a .joblib that is a link is refused, not followed (CLI validate: exit 1, one line)', () => {
    const { dir, file } = victim();
    symlinkSync(file, join(dir, 'model.joblib'));
    const r = runCliSync(['validate', 'model.joblib'], dir);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /^model-lab validate: .*model\.joblib: is a symbolic link to .*bashrc — Model Lab does not follow links it did not make .*\n$/);
    assert.ok(!r.err.includes('the user'), 'nothing of the target is shown');
  });

  test('a data.csv beside it that is a link is refused — not followed, and not silently replaced by the iris data', () => {
    const { dir } = victim();
    spawnSync('cp', [pipeline, join(dir, 'model_pipeline.joblib')]);
    symlinkSync('/etc/passwd', join(dir, 'data.csv'));
    const r = runCliSync(['validate', 'model_pipeline.joblib'], dir);
    assert.equal(r.code, 1, r.out + r.err);
    assert.match(r.err, /data\.csv: is a symbolic link — Model Lab does not follow links it did not make; give the data with --data\n$/);
    assert.ok(!(r.out + r.err).includes('root:x:0:0'));
    unlinkSync(join(dir, 'data.csv'));
    assert.equal(runCliSync(['validate', 'model_pipeline.joblib'], dir).code, 0, 'without the link: the built-in iris data, as before');
  });

  for (const [kind, make, what] of [
    ['a FIFO', (path: string) => assert.equal(spawnSync('mkfifo', [path]).status, 0), 'a special file \\(a device, FIFO or socket\\)'],
    ['a folder', (path: string) => mkdirSync(path), 'a folder'],
  ] as const) {
    test(`a data.csv beside it that is ${kind} is refused by validate and import — not read, and not silently replaced by the iris data`, () => {
      const { dir } = victim();
      spawnSync('cp', [pipeline, join(dir, 'model_pipeline.joblib')]);
      make(join(dir, 'data.csv'));
      for (const command of ['validate', 'import']) {
        const r = runCliSync([command, 'model_pipeline.joblib', ...(command === 'import' ? ['--out', 'models'] : [])], dir);
        assert.equal(r.code, 1, r.out + r.err);
        assert.match(r.err, new RegExp(`^model-lab ${command}: \\S*data\\.csv: is ${what}, not a plain file; give the data with --data\\n$`));
        assert.ok(!r.out.includes('iris'), r.out);
      }
      assert.ok(!existsSync(join(dir, 'models')), 'nothing imported');
    });
  }
});
