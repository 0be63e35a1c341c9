// The data generator under a real PostgreSQL server that is stopped and started while it runs
// (scripts/pg/throwawayCluster.ts): it waits the outage out, goes on with the same seeded rows,
// and every summary — Ctrl-C, give-up, the end of --count — equals the rows in the table.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { findPostgresBinaries, startThrowawayCluster, type ThrowawayCluster } from '../../../scripts/pg/throwawayCluster';
import { irisSampler, runIrisGenerator, type GeneratorStatus } from '../../../src/core/database/irisGenerator';
import { startCli } from '../hardening/cliProcess';

const bin = findPostgresBinaries();
const skip = bin || process.env.CI === 'true' ? false : 'PostgreSQL binaries (initdb, pg_ctl) not found: install the postgresql package to run these tests';
if (skip) console.log(`# SKIPPED generator outage tests: ${skip}`);

let cluster: ThrowawayCluster;
let dbCounter = 0;
function freshDatabase(): string {
  const name = `g${++dbCounter}`;
  cluster.psql(`CREATE DATABASE ${name}`);
  return name;
}
const rowsIn = (db: string, table: string) => Number(cluster.psql(`SELECT count(*) FROM ${table}`, db).trim());
/** The table's rows in id order, as "f1|f2|f3|f4|target" (psql's unaligned output). */
const storedRows = (db: string, table: string) => cluster.psql(`SELECT sepal_length, sepal_width, petal_length, petal_width, target FROM ${table} ORDER BY id`, db).trim().split('\n');
const seeded = (seed: string, n: number) => {
  const next = irisSampler(seed);
  return Array.from({ length: n }, () => next()).map((s) => [...s.features, s.target].join('|'));
};

async function until(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** What the user must never see: pg's and the server's own texts. */
const RAW_PG_TEXT = /not queryable|Connection terminated|terminating connection|ECONNREFUSED|administrator command|the database system is/i;

describe('the iris generator keeps going through a PostgreSQL restart (real server)', { skip }, () => {
  before(async () => {
    cluster = await startThrowawayCluster();
  });
  after(() => cluster?.stop());

  for (const mode of ['fast', 'immediate'] as const) {
    test(`pg_ctl stop -m ${mode}, then start: rows before, none during, rows after; the count is exact and no seeded row is lost or doubled`, async () => {
      const db = freshDatabase();
      const controller = new AbortController();
      const statuses: GeneratorStatus[] = [];
      let written = 0;
      const run = runIrisGenerator({
        url: cluster.url(db, 'table=restart'), password: cluster.password, intervalMs: mode === 'fast' ? 10 : 0, seed: mode,
        firstRetryDelayMs: 100, maxRetryDelayMs: 400, signal: controller.signal,
        onStatus: (s) => { statuses.push(s); if (s.state === 'row') written = s.written; },
      });
      await until('rows before the stop', () => written >= 20);
      cluster.stopServer(mode);
      await until('the generator to notice', () => statuses.some((s) => s.state === 'waiting'));
      const during = written;
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(written, during, 'no row is counted while the server is down');
      cluster.startServer();
      await until('rows after the restart', () => written >= during + 20);
      controller.abort();
      const summary = await run;
      const waiting = statuses.filter((s) => s.state === 'waiting');
      assert.ok(waiting.length >= 1);
      assert.ok(waiting.every((s) => s.state === 'waiting' && /^the /.test(s.reason)), JSON.stringify(waiting));
      const back = statuses.filter((s) => s.state === 'connected');
      assert.equal(back.length, 2, 'connected at the start and once after the restart');
      assert.ok(back[1].state === 'connected' && back[1].outageMs >= 500);
      assert.equal(summary.unconfirmed, 0);
      assert.equal(summary.stopped, true);
      assert.equal(summary.written, rowsIn(db, 'restart'));
      assert.deepEqual(storedRows(db, 'restart'), seeded(mode, summary.written));
    });
  }

  test('model-lab generate: one line when the server goes, one when it is back, the exact count on Ctrl-C, no pg text', async () => {
    const db = freshDatabase();
    process.env.PGPASSWORD = cluster.password;
    const cli = startCli(['generate', '--url', cluster.url(db), '--table', 'cli_restart', '--interval', '0.01', '--seed', 'cli'], tmpdir());
    delete process.env.PGPASSWORD;
    const rowLines = () => cli.output().split('\n').filter((l) => l.startsWith('#')).length;
    let err = '';
    cli.child.stderr!.on('data', (d) => { err += String(d); });
    await until('rows before the stop', () => rowLines() >= 10);
    cluster.stopServer('fast');
    await until('the outage line', () => /lost the connection/.test(err));
    cluster.startServer();
    await until('the line saying it is back', () => /is back after/.test(err));
    const after = rowLines();
    await until('rows after the restart', () => rowLines() >= after + 10);
    cli.child.kill('SIGINT');
    const r = await cli.done;
    assert.equal(r.code, 0, r.err);
    const lines = r.err.trimEnd().split('\n');
    assert.equal(lines.length, 2, r.err);
    // The reason depends on whether the server's goodbye or only the closed socket arrived first.
    assert.match(lines[0], /^model-lab generate: lost the connection to PostgreSQL \((the server shut down|the connection was closed)\) after \d+ rows — retrying until it is back \(Ctrl\+C to stop\)$/);
    assert.match(lines[1], /^model-lab generate: PostgreSQL is back after \d+ s — writing rows again$/);
    assert.doesNotMatch(r.out + r.err, RAW_PG_TEXT);
    const n = Number(/\nStopped: (\d+) rows written to "cli_restart"\.\n$/.exec(r.out)?.[1]);
    assert.equal(n, rowsIn(db, 'cli_restart'), r.out.slice(-300));
    assert.equal(n, rowLines(), r.out.slice(-300));
  });

  test('model-lab generate --give-up-after: exit 1 with the exact summary when the server stays away', async () => {
    const db = freshDatabase();
    process.env.PGPASSWORD = cluster.password;
    const cli = startCli(['generate', '--url', cluster.url(db), '--table', 'give_up', '--interval', '0.01', '--give-up-after', '1.5'], tmpdir());
    delete process.env.PGPASSWORD;
    await until('some rows', () => cli.output().split('\n').filter((l) => l.startsWith('#')).length >= 5);
    cluster.stopServer('fast');
    let r;
    try {
      r = await cli.done;
    } finally {
      cluster.startServer();
    }
    assert.equal(r.code, 1, r.err);
    const lines = r.err.trimEnd().split('\n');
    assert.equal(lines.length, 2, r.err);
    assert.match(lines[0], /lost the connection to PostgreSQL \((the server shut down|the connection was closed)\) after \d+ rows — retrying for up to 2 s$/);
    assert.match(lines[1], /^model-lab generate: Gave up: PostgreSQL at 127\.0\.0\.1:\d+ has been unreachable for \d+ s \(the server refused the connection \(is it running\?\)\)\.$/);
    assert.doesNotMatch(r.out + r.err, RAW_PG_TEXT);
    // If the server went away in the middle of a COMMIT, nobody can tell until it is back: the summary says so.
    const m = /\nStopped: (\d+) rows? written to "give_up"( \(and 1 more whose commit could not be confirmed: the connection was lost while it was being committed\))?\.\n$/.exec(r.out);
    assert.ok(m, r.out.slice(-300));
    const n = Number(m[1]);
    const stored = rowsIn(db, 'give_up');
    if (m[2]) assert.ok(stored === n || stored === n + 1, `${stored} rows for ${n} (+1 unconfirmed)`);
    else assert.equal(stored, n);
  });

  test('Ctrl-C while rows are being inserted as fast as possible: the summary always equals the table', async () => {
    const db = freshDatabase();
    for (let round = 0; round < 5; round++) {
      const table = `ctrl_c_${round}`;
      process.env.PGPASSWORD = cluster.password;
      const cli = startCli(['generate', '--url', cluster.url(db), '--table', table, '--interval', '0'], tmpdir());
      delete process.env.PGPASSWORD;
      await until('rows', () => cli.output().split('\n').filter((l) => l.startsWith('#')).length >= 30 + round * 7);
      cli.child.kill('SIGINT');
      const r = await cli.done;
      assert.equal(r.code, 0, r.err);
      const n = Number(/\nStopped: (\d+) rows written to "[a-z_0-9]+"\.\n$/.exec(r.out)?.[1]);
      assert.equal(n, rowsIn(db, table), `round ${round}`);
    }
  });
});
