// The CLI's argument handling and messages, run in-process through runCli (the same code the
// bundled dist/cli.js runs; cli.test.ts spawns the real binary for the main journeys).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../src/cli/main';
import { createServer, type AddressInfo } from 'node:net';

const FIXTURES = resolve('test/fixtures/workflow');
const reference = JSON.parse(readFileSync(join(FIXTURES, 'reference.json'), 'utf8')).cases as any[];
const badExpected = JSON.parse(readFileSync(join(FIXTURES, 'bad/expected.json'), 'utf8')) as Record<string, { message: string; target?: string }>;

let root: string;
before(() => { root = mkdtempSync(join(tmpdir(), 'model-lab-runcli-')); });
after(() => rmSync(root, { recursive: true, force: true }));

async function run(args: string[], cwd: string) {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => { out += t; }, err: (t) => { err += t; }, cwd });
  return { code, out, err };
}
const freshDir = () => mkdtempSync(join(root, 'case-'));

test('every bad CSV of the corpus: exit 1, exactly its one-line message, no model folder', async () => {
  for (const [file, want] of Object.entries(badExpected)) {
    const dir = freshDir();
    const r = await run(['train', '--data', join(FIXTURES, 'bad', file), ...(want.target ? ['--target', want.target] : [])], dir);
    assert.equal(r.code, 1, file);
    assert.equal(r.out, '');
    assert.equal(r.err, `model-lab train: ${want.message}\n`);
    assert.equal(existsSync(join(dir, 'models')), false);
  }
});

test('command-line mistakes: exit 2, one line with a hint, nothing written', async () => {
  const dir = freshDir();
  const cases: [string[], RegExp][] = [
    [['train', '--sed', '1'], /^model-lab train: unknown option --sed — did you mean --seed\?\n$/],
    [['train', '--frobnicate'], /^model-lab train: unknown option --frobnicate — run "model-lab train --help" for the options\n$/],
    // A flag of another command, carried over: the hint names this command's.
    [['generate', '--data', 'postgres://u@h/db'], /^model-lab generate: unknown option --data — model-lab generate takes the database in --url \(train, tune and predict take it in --data\)\n$/],
    [['train', '--train-size', 'abc'], /^model-lab train: --train-size "abc" is not a number/],
    [['train', '--seed', '-1'], /^model-lab train: --seed "-1" must be a whole number from 0 to 4294967295\n$/],
    [['train', '--seed', '1.5'], /^model-lab train: --seed "1.5" must be a whole number/],
    [['train', '--kernel', 'cubic'], /^model-lab train: --kernel "cubic" must be one of rbf, linear, poly, sigmoid\n$/],
    [['train', '--C', '0'], /^model-lab train: --C "0" must be a number > 0\n$/],
    [['train', '--gamma', 'big'], /^model-lab train: --gamma "big" must be "scale", "auto" or a number >= 0\n$/],
    [['train', '--layout'], /^model-lab train: --layout needs a value after it — run "model-lab train --help" for what it takes\n$/],
    // A flag whose value was forgotten, then another flag: parseArgs' three lines ("argument is ambiguous") in one.
    [['train', '--data', '--out', 'models'], /^model-lab train: --data needs a value, and --out follows it — run "model-lab train --help" for what it takes \(a value that starts with a dash is written --data=--out\)\n$/],
    // `--out "$MODELS"` with the variable unset: an empty path is refused, not taken as the current folder.
    [['train', '--out', ''], /^model-lab train: --out is empty — give a path \(is a shell variable unset\?\), or leave --out out to use its default\n$/],
    [['predict', 'm', '--data='], /^model-lab predict: --data is empty — give a path \(is a shell variable unset\?\), or leave --data out to use its default\n$/],
    [['compare', '--json=yes'], /^model-lab compare: --json takes no value \(it is on when given\) — write --json alone\n$/],
    [['train', '--cv', '5'], /^model-lab train: unknown option --cv — --cv is model-lab tune's \(cross-validated grid search: model-lab tune --cv 5 …\); train fits one model per parameter set\n$/],
    [['predict', 'm', '--data', 'iris', '--out', 'x.txt'], /^model-lab predict: unknown option --out — predict prints the labels to standard output: redirect them to a file \(model-lab predict … > labels.txt\)\n$/],
    [['train', 'extra'], /^model-lab train: unexpected argument "extra" — give the data with --data: model-lab train --data extra\n$/],
    [['tune', 'my data.csv'], /^model-lab tune: unexpected argument "my data.csv" — give the data with --data: model-lab tune --data 'my data.csv'\n$/],
    [['compare', 'm'], /^model-lab compare: unexpected argument "m" — give the models folder with --out: model-lab compare --out m\n$/],
    [['generate', 'postgres://me@h/db'], /^model-lab generate: unexpected argument "postgres:\/\/me@h\/db" — give the database with --url: model-lab generate --url postgres:\/\/me@h\/db\n$/],
    [['generate', 'postgres://me:secret@h/db'], /^model-lab generate: unexpected argument, a postgres:\/\/ URL with a user name and password \(not shown\) — run "model-lab generate --help"\n$/],
    [['validate', 'a', 'b'], /^model-lab validate: unexpected argument "b" — run "model-lab validate --help"\n$/],
    [['train', '--name', '../x'], /^model-lab train: model name "\.\.\/x" is not allowed/],
    [['train', '--data', 'postgres://u:secret@h/db'], /^model-lab train: --data holds a postgres:\/\/ URL with a user name and password \(not shown\)(?!.*secret)/],
    [['validate'], /^model-lab validate: give the model folder/],
    [['predict', 'models/x'], /^model-lab predict: give the rows to label with --data PATH.csv\n$/],
    [['fly'], /^model-lab: unknown command "fly"/],
  ];
  for (const [args, message] of cases) {
    const r = await run(args, dir);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, message);
    assert.equal(r.err.trimEnd().split('\n').length, 1);
  }
  assert.deepEqual(readdirSync(dir), []);
});

test('impossible split sizes: scikit-learn\'s ValueError text, one line, exit 1', async () => {
  const dir = freshDir();
  const s = await run(['train', '--train-size', '0.9', '--test-size', '0.2'], dir);
  assert.equal(s.code, 1);
  assert.match(s.err, /^model-lab train: The sum of test_size and train_size = 1\.1, should be in the \(0, 1\) range/);
  const c = await run(['train', '--test-size', '150'], dir);
  assert.equal(c.code, 1);
  assert.match(c.err, /test_size=150 should be either positive and smaller than the number of samples 150/);
  assert.deepEqual(readdirSync(dir), []);
});

test('negative numbers are values (--coef0 -1) and sizes: "." fraction, no "." count', async () => {
  const dir = freshDir();
  const r = await run(['train', '--kernel', 'sigmoid', '--coef0', '-1', '--test-size', '45', '--json'], dir);
  assert.equal(r.code, 0, r.err);
  const j = JSON.parse(r.out);
  const c = reference.find((x) => x.kernel === 'sigmoid' && x.coef0 === -1);
  assert.equal(j.valid.total, 45);
  assert.equal(j.train.total, 105);
  assert.equal(j.trainAccuracy, c.trainAccuracy);
  assert.equal(j.validAccuracy, c.validAccuracy);
  const m = JSON.parse(readFileSync(join(j.model, 'model.json'), 'utf8'));
  assert.equal(m.params.svc.coef0, -1);
  assert.deepEqual(m.split.testSize, { kind: 'count', value: 45 });
  assert.equal(m.split.trainSize, null);
});

test('integer labels, BOM, CRLF; a count test size with string labels', async () => {
  const r = reference.find((x) => x.data === 'csv/signals.csv' && x.layout === 'pipeline' && x.seed === 2023);
  const t = await run(['train', '--data', join(FIXTURES, 'csv/signals.csv'), '--layout', 'pipeline', '--json'], freshDir());
  assert.equal(t.code, 0, t.err);
  assert.equal(JSON.parse(t.out).validAccuracy, r.validAccuracy);
  const c = reference.find((x) => x.kernel === 'linear');
  const t2 = await run(['train', '--data', join(FIXTURES, c.data), '--target', 'species', '--test-size', '40', '--seed', '5', '--kernel', 'linear', '--C', '0.5', '--json'], freshDir());
  assert.equal(t2.code, 0, t2.err);
  assert.equal(JSON.parse(t2.out).trainAccuracy, c.trainAccuracy);
  assert.equal(JSON.parse(t2.out).valid.total, 40);
});

test('iris predict: integer labels with their names; a missing column is named', async () => {
  const dir = freshDir();
  const t = JSON.parse((await run(['train', '--json'], dir)).out);
  writeFileSync(join(dir, 'x.csv'), 'sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)\n5.1,3.5,1.4,0.2\n6.3,3.3,6.0,2.5\n');
  const p = await run(['predict', t.model, '--data', 'x.csv', '--json'], dir);
  assert.equal(p.code, 0, p.err);
  assert.deepEqual(JSON.parse(p.out).predictions, [0, 2]);
  assert.deepEqual(JSON.parse(p.out).names, ['setosa', 'virginica']);
  const plain = await run(['predict', t.model, '--data', 'x.csv'], dir);
  assert.equal(plain.out, '0\tsetosa\n2\tvirginica\n');
  writeFileSync(join(dir, 'y.csv'), 'sepal length (cm),sepal width (cm),petal length (cm)\n5.1,3.5,1.4\n');
  const bad = await run(['predict', t.model, '--data', 'y.csv'], dir);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /^model-lab predict: y\.csv line 1: no column "petal width \(cm\)" or "petal_width" — the model needs columns/);
  // A table saved with semicolons, and rows without a header line: said as train says them.
  writeFileSync(join(dir, 'semi.csv'), 'sepal length (cm);sepal width (cm);petal length (cm);petal width (cm)\n5.1;3.5;1.4;0.2\n');
  const semi = await run(['predict', t.model, '--data', 'semi.csv'], dir);
  assert.equal(semi.err, 'model-lab predict: semi.csv line 1: the columns are separated by semicolons, not commas — save the table as comma-separated CSV (in Excel: "CSV UTF-8 (comma delimited)")\n');
  writeFileSync(join(dir, 'rows.csv'), '5.1,3.5,1.4,0.2\n6.3,3.3,6.0,2.5\n');
  const rows = await run(['predict', t.model, '--data', 'rows.csv'], dir);
  assert.equal(rows.err, 'model-lab predict: rows.csv line 1: the first line is data (5.1, 3.5, 1.4, 0.2), not column names — add a header line above it, such as "sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)"\n');
  // UCI's iris.data: rows with the species and no header line; the suggestion puts the label where it is.
  writeFileSync(join(dir, 'iris.data'), '5.1,3.5,1.4,0.2,Iris-setosa\n6.3,3.3,6.0,2.5,Iris-virginica\n');
  const uci = await run(['predict', t.model, '--data', 'iris.data'], dir);
  assert.equal(uci.err, 'model-lab predict: iris.data line 1: the first line is data (5.1, 3.5, 1.4, 0.2, Iris-setosa), not column names — add a header line above it, such as "sepal length (cm),sepal width (cm),petal length (cm),petal width (cm),target"\n');
  // The models folder where one model's folder belongs: the message names a model to give instead.
  const folder = await run(['predict', 'models', '--data', 'x.csv'], dir);
  assert.equal(folder.code, 1);
  assert.equal(folder.err, `model-lab predict: ${join(dir, 'models')}: is a models folder (one model), not a model's own folder — name one model's folder, such as ${t.model}\n`);
});

test('predict --data iris labels the built-in data as train reads it: 150 labels, then the accuracy', async () => {
  const dir = freshDir();
  const t = JSON.parse((await run(['train', '--json'], dir)).out);
  const p = await run(['predict', t.model, '--data', 'iris'], dir);
  assert.equal(p.code, 0, p.err);
  const lines = p.out.trimEnd().split('\n');
  assert.equal(lines.length, 151);
  assert.equal(lines[0], '0\tsetosa');
  // Seed 2023: 116 of 120 training rows and 30 of 30 validation rows, as scikit-learn's model gets them.
  assert.equal(lines[150], 'Accuracy : 0.9733333333333334 (146/150)');
});

test('predict: a model whose columns are named 0, 1, 2 … reads a header of numbers as its header', async () => {
  const dir = freshDir();
  const lines = ['0,1,2,3,target'];
  for (let i = 0; i < 40; i++) lines.push(`${i % 7}.5,${i % 3},${(i * 7) % 11},${i % 5},${i % 2 === 0 ? 'a' : 'b'}`);
  writeFileSync(join(dir, 'numbered.csv'), lines.join('\n') + '\n');
  const t = await run(['train', '--data', 'numbered.csv', '--json'], dir);
  assert.equal(t.code, 0, t.err);
  writeFileSync(join(dir, 'new.csv'), '0,1,2,3\n1.5,1,3,2\n');
  const p = await run(['predict', JSON.parse(t.out).model, '--data', 'new.csv'], dir);
  assert.equal(p.code, 0, p.err);
  assert.match(p.out, /^[ab]\n$/);
});

test('predict: the course\'s CSV (sepal_length …) with a model of the built-in iris data, through the alias table', async () => {
  const dir = freshDir();
  const t = JSON.parse((await run(['train', '--json'], dir)).out);
  const course = readFileSync('test/fixtures/postgres/data.csv', 'utf8');
  // The same rows under the model's own names: what the aliases must reproduce exactly.
  const [header, ...rows] = course.split('\n');
  writeFileSync(join(dir, 'own-names.csv'), [header!.replace(/(sepal|petal)_(length|width)/g, '$1 $2 (cm)'), ...rows].join('\n'));
  const own = await run(['predict', t.model, '--data', 'own-names.csv'], dir);
  assert.equal(own.code, 0, own.err);
  assert.equal(own.err, '', 'no alias needed, none reported');
  const p = await run(['predict', t.model, '--data', resolve('test/fixtures/postgres/data.csv')], dir);
  assert.equal(p.code, 0, p.err);
  assert.equal(p.out, own.out);
  assert.match(p.out, /^0\tsetosa\n1\tversicolor\n/, 'label and name, as docs/cli.md promises');
  assert.match(p.out, /\nAccuracy : \S+ \(\d+\/100\)\n$/);
  assert.equal(p.err, 'model-lab predict: data.csv: columns matched by alias (docs/cli.md): "sepal_length" for "sepal length (cm)", ' +
    '"sepal_width" for "sepal width (cm)", "petal_length" for "petal length (cm)", "petal_width" for "petal width (cm)"\n');
  const j = JSON.parse((await run(['predict', t.model, '--data', resolve('test/fixtures/postgres/data.csv'), '--json'], dir)).out);
  assert.deepEqual(j.aliases[0], { feature: 'sepal length (cm)', column: 'sepal_length' });
  assert.equal(j.aliases.length, 4);
  // A bad value in an aliased column is named by the file's own column name.
  writeFileSync(join(dir, 'bad.csv'), 'sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n5.1,abc,1.4,0.2\n');
  const bad = await run(['predict', t.model, '--data', 'bad.csv'], dir);
  assert.equal(bad.code, 1);
  assert.match(bad.err, /bad\.csv line 3, column "sepal_width": "abc" is not a number — fix or remove the row\n$/);
});

test('predict the other way: a model of the course\'s CSV labels rows with load_iris()\'s names, with its class names', async () => {
  const dir = freshDir();
  const t = JSON.parse((await run(['train', '--data', resolve('test/fixtures/class-names/iris-species.csv'), '--json'], dir)).out);
  writeFileSync(join(dir, 'x.csv'), 'sepal length (cm),sepal width (cm),petal length (cm),petal width (cm)\n5.1,3.5,1.4,0.2\n6.3,3.3,6.0,2.5\n');
  const p = await run(['predict', t.model, '--data', 'x.csv'], dir);
  assert.equal(p.code, 0, p.err);
  assert.equal(p.out, '0\tsetosa\n2\tvirginica\n');
  assert.match(p.err, /^model-lab predict: x\.csv: columns matched by alias \(docs\/cli\.md\): "sepal length \(cm\)" for "sepal_length", /);
  // The exact name wins over an alias: "sepal_length" (9, not 5.1) is read, and not reported as an alias.
  writeFileSync(join(dir, 'both.csv'), 'sepal length (cm),sepal width (cm),petal length (cm),petal width (cm),sepal_length\n5.1,3.5,1.4,0.2,9\n6.3,3.3,6.0,2.5,9\n');
  writeFileSync(join(dir, 'nine.csv'), 'sepal_length,sepal_width,petal_length,petal_width\n9,3.5,1.4,0.2\n9,3.3,6.0,2.5\n');
  const both = await run(['predict', t.model, '--data', 'both.csv'], dir);
  assert.equal(both.out, (await run(['predict', t.model, '--data', 'nine.csv'], dir)).out);
  assert.notEqual(both.out, p.out, 'the 9 changes a prediction, so the test can tell which column was read');
  assert.doesNotMatch(both.err, /for "sepal_length"/);
});

test('train --class-names: saved in model.json and printed by predict; a sweep keeps them; mistakes are refused', async () => {
  const dir = freshDir();
  const data = resolve('test/fixtures/labels/int.csv');
  const t = await run(['train', '--data', data, '--class-names', 'Setosa, Versicolor,Virginica', '--json'], dir);
  assert.equal(t.code, 0, t.err);
  const model = JSON.parse(t.out).model as string;
  assert.deepEqual(JSON.parse(readFileSync(join(model, 'model.json'), 'utf8')).classNames, ['Setosa', 'Versicolor', 'Virginica']);
  writeFileSync(join(dir, 'x.csv'), 'sepal_length,sepal_width,petal_length,petal_width\n6.3,3.3,6.0,2.5\n');
  assert.equal((await run(['predict', model, '--data', 'x.csv'], dir)).out, '2\tVirginica\n');
  const sweep = await run(['train', '--data', data, '--C', '0.5,2', '--class-names', 'a,b,c', '--json'], dir);
  assert.equal(sweep.code, 0, sweep.err);
  for (const m of JSON.parse(sweep.out).models as { model: string }[]) {
    assert.deepEqual(JSON.parse(readFileSync(join(m.model, 'model.json'), 'utf8')).classNames, ['a', 'b', 'c']);
  }
  const cases: [string, number, string][] = [
    ['a,,c', 2, 'model-lab train: --class-names: class name 2 of 3 is empty — give one non-empty name per class, in class order\n'],
    ['a,b,a', 2, 'model-lab train: --class-names: the class name "a" is given twice — give each class its own name\n'],
    ['a,b', 1, 'model-lab train: int.csv: 2 class names given (a, b) for the 3 classes of the data (0, 1, 2) — give one name per class, in class order (--class-names)\n'],
  ];
  for (const [names, code, err] of cases) {
    const before = readdirSync(join(dir, 'models')).length;
    const r = await run(['train', '--data', data, '--class-names', names], dir);
    assert.equal(r.code, code, names);
    assert.equal(r.err, err);
    assert.equal(readdirSync(join(dir, 'models')).length, before, 'nothing saved');
  }
});

test('--help of every command, through the same CliIO (nothing written to the process\'s own streams)', async () => {
  for (const args of [['train'], ['validate'], ['validate', 'x.joblib'], ['predict'], ['compare'], ['generate'], ['import'], ['export']]) {
    const r = await run([...args, '--help'], root);
    assert.equal(r.code, 0, args.join(' '));
    assert.match(r.out, new RegExp(`^Usage: model-lab ${args[0]}${args[1] ? ' PATH\\.joblib' : ''}`), args.join(' '));
    assert.equal(r.err, '');
  }
});

test('generate: a server that is not there is said with generate\'s flags and the URL it tried, the default when none was given', async () => {
  const port = await new Promise<number>((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const p = (server.address() as AddressInfo).port;
      server.close(() => done(p));
    });
  });
  const given = await run(['generate', '--url', `postgres://me@127.0.0.1:${port}/db`], freshDir());
  assert.equal(given.code, 1);
  assert.equal(given.err, `model-lab generate: Could not connect to PostgreSQL at 127.0.0.1:${port}: connection refused. Check that the server is running and listens on that host and port, or fix the host/port in --url (or --host, --port, --database; it was postgres://me@127.0.0.1:${port}/db).\n`);
  // No flag: the default, here made of PG* variables as libpq makes it (PGPORT a port nothing listens on).
  const saved = { PGHOST: process.env.PGHOST, PGPORT: process.env.PGPORT, PGUSER: process.env.PGUSER, PGDATABASE: process.env.PGDATABASE };
  Object.assign(process.env, { PGHOST: '127.0.0.1', PGPORT: String(port), PGUSER: 'course', PGDATABASE: 'mlops' });
  let defaults;
  try {
    defaults = await run(['generate'], freshDir());
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
  assert.equal(defaults.code, 1);
  assert.match(defaults.err, new RegExp(`or fix the host/port in --url \\(or --host, --port, --database; none given, it was the default postgres://course@127\\.0\\.0\\.1:${port}/mlops\\)\\.\\n$`));
  // train, tune and predict name the flag the user gave the URL in.
  const url = `postgres://me@127.0.0.1:${port}/db?table=iris_data`;
  const train = await run(['train', '--data', url], freshDir());
  assert.match(train.err, /^model-lab train: Could not connect to PostgreSQL at 127\.0\.0\.1:\d+: connection refused\. .*or fix the host\/port in --data\.\n$/);
  const tune = await run(['tune', '--data', url, '--C', '1,10', '--jobs', '1'], freshDir());
  assert.match(tune.err, /^model-lab tune: .*connection refused\. .*or fix the host\/port in --data\.\n$/);
  const dir = freshDir();
  const model = JSON.parse((await run(['train', '--json'], dir)).out).model as string;
  const predict = await run(['predict', model, '--data', url], dir);
  assert.match(predict.err, /^model-lab predict: .*connection refused\. .*or fix the host\/port in --data\.\n$/);
});
