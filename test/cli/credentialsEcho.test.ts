// Issue 18, item 7: a password typed in a data spec the CLI did not recognise as PostgreSQL came
// back on the screen as a missing file path. Driven like the attack: the real CLI as a child
// process, each spelling of a URL with credentials, and the password must appear nowhere in its
// output — neither stdout nor stderr — while the refusal is one line with what to do.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCliSync } from '../core/hardening/cliProcess';
import { parseDataSpec, refuseCredentialUrl } from '../../src/core/datasets/dataSpec';
import { loadSource } from '../../src/core/datasets/loadSource';
import { predict } from '../../src/core/usecases/predict';
import { parsePostgresUrl } from '../../src/core/database/connectionUrl';
import { nodeFileSystem } from '../../src/core/io/nodeFileSystem';
import { UserError } from '../../src/core/types';

const PASSWORD = 'Hunter2-S3cret';
const SPECS = [
  `POSTGRESQL://alice:${PASSWORD}@db.example:5432/course?table=iris_data`,
  `PostgreS://alice:${PASSWORD}@db.example/course`,
  `mysql://alice:${PASSWORD}@db.example/course`,
  ` postgres://alice:${PASSWORD}@db.example/course`,
  `postgres://alice:${PASSWORD}@db.example/course#fragment`,
  `postgres://alice:${PASSWORD}#x@db.example/course`,
  `mongodb+srv://alice:${PASSWORD}@cluster0.example/db`,
  `https://alice:${PASSWORD}@files.example/iris.csv`,
];

test('train --data and predict --data: every URL with credentials is refused (exit 2), the password is never printed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'model-lab-cred-echo-'));
  try {
    for (const spec of SPECS) {
      for (const args of [['train', '--data', spec], ['predict', 'models/x', '--data', spec]]) {
        const r = runCliSync(args, dir);
        const shown = `${args.slice(0, 1).join(' ')} ${JSON.stringify(spec)}`;
        assert.equal(r.code, 2, `${shown}: ${r.err}`);
        assert.ok(!r.out.includes(PASSWORD) && !r.err.includes(PASSWORD), `${shown} printed the password: ${r.err}`);
        assert.match(r.err, /^model-lab (train|predict): --data holds a [a-z+]+:\/\/ URL with a user name and password \(not shown\) — .*PGPASSWORD.*\n$/);
        assert.equal(r.err.split('\n').length, 2, 'one line');
      }
    }
    assert.deepEqual(readdirSync(dir), [], 'nothing written');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the core refuses them too (what the extension calls): parseDataSpec, loadSource, predict, parsePostgresUrl', async () => {
  const refused = async (what: string, work: () => unknown) => {
    try {
      await work();
    } catch (e) {
      assert.ok(e instanceof UserError, `${what}: ${String(e)}`);
      assert.ok(!e.message.includes(PASSWORD), `${what} echoed the password: ${e.message}`);
      return;
    }
    assert.fail(`${what} was accepted`);
  };
  for (const spec of SPECS) {
    await refused(`parseDataSpec ${spec}`, () => parseDataSpec(spec, (p) => join('/work', p)));
    // A path resolver squashes "//" to "/": the refusal still holds on the resolved path.
    const squashed = join('/work', spec);
    await refused(`loadSource ${squashed}`, () => loadSource({ kind: 'csv', path: squashed }, { target: 'target', drop: [] }, nodeFileSystem));
    await refused(`predict ${squashed}`, () => predict('/nonexistent-model', squashed, nodeFileSystem));
    await refused(`parsePostgresUrl ${spec}`, () => parsePostgresUrl(spec));
  }
  // Ordinary specs still parse: no false alarm on user@host, ports, IPv6 or file names with colons.
  assert.deepEqual(parseDataSpec('iris', (p) => p), { kind: 'iris' });
  assert.deepEqual(parseDataSpec(' POSTGRES://alice@db:5432/x?table=t ', (p) => p), { kind: 'postgres', spec: { url: 'POSTGRES://alice@db:5432/x?table=t' } });
  assert.deepEqual(parseDataSpec('postgres://alice@[::1]:5432/x', (p) => p).kind, 'postgres');
  assert.deepEqual(parseDataSpec('data/iris 10:30.csv', (p) => `/w/${p}`), { kind: 'csv', path: '/w/data/iris 10:30.csv' });
  assert.doesNotThrow(() => refuseCredentialUrl('/home/me/runs/a:b/iris.csv', 'x'));
  assert.throws(() => parseDataSpec('mysql://db.example/course', (p) => p), /--data is a mysql:\/\/ URL — Model Lab reads CSV files, the built-in iris data and PostgreSQL/);
});
