// Issue 18, item 3 (core part): a server that asks for the password in clear text over the network
// without TLS does not get it unless the user allowed it. Tested against a real throwaway
// PostgreSQL cluster configured for `password` authentication, reached through a recording TCP
// relay on this machine's non-loopback address — the relay sees exactly what a hostile server
// (or anyone on the path) would see, so the test checks the password's bytes never cross it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPostgresBinaries, startThrowawayCluster, type ThrowawayCluster } from '../../../scripts/pg/throwawayCluster';
import { cleartextPasswordError, isLoopbackAddress, type PasswordRequest } from '../../../src/core/database/cleartextPassword';

/** The refusal's one line, if refused. */
const cleartextPasswordRefusal = (req: PasswordRequest, allow: boolean) => cleartextPasswordError(req, allow)?.message;
import { fetchPostgresSnapshot } from '../../../src/core/database/postgresSnapshot';
import { runIrisGenerator } from '../../../src/core/database/irisGenerator';
import { UserError } from '../../../src/core/types';
import { spawn } from 'node:child_process';
import { cliPath, type CliRun } from '../hardening/cliProcess';

/** The CLI as a child process, asynchronously: the relay runs in this process and must keep forwarding. */
function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CliRun> {
  const child = spawn(process.execPath, [cliPath(), ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => { out += String(d); });
  child.stderr.on('data', (d) => { err += String(d); });
  return new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal, out, err })));
}

const request = (over: Partial<PasswordRequest>): PasswordRequest => ({
  method: 'cleartext', host: 'db.example', port: 5432, remoteAddress: '203.0.113.7', tls: false, ...over,
});

test('the decision: only a clear-text request over the network without TLS is refused, unless allowed', () => {
  assert.match(cleartextPasswordRefusal(request({}), false)!, /^PostgreSQL at db\.example:5432 \(203\.0\.113\.7\) asks for the password in clear text over an unencrypted network connection — .* did not send it\. .*--allow-cleartext-password/);
  assert.equal(cleartextPasswordRefusal(request({}), true), undefined, 'allowed explicitly');
  assert.equal(cleartextPasswordRefusal(request({ tls: true }), false), undefined, 'TLS');
  assert.equal(cleartextPasswordRefusal(request({ method: 'scram' }), false), undefined, 'SCRAM never sends the password');
  assert.equal(cleartextPasswordRefusal(request({ method: 'md5' }), false), undefined, 'MD5 never sends the password');
  for (const remoteAddress of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
    assert.equal(cleartextPasswordRefusal(request({ remoteAddress }), false), undefined, remoteAddress);
  }
  assert.equal(cleartextPasswordRefusal(request({ host: '/var/run/postgresql', remoteAddress: undefined }), false), undefined, 'Unix socket');
  // The name is not trusted, the address reached is: "localhost" that resolves elsewhere is the network.
  assert.notEqual(cleartextPasswordRefusal(request({ host: 'localhost', remoteAddress: '192.0.2.9' }), false), undefined);
  assert.notEqual(cleartextPasswordRefusal(request({ host: '127.0.0.1', remoteAddress: undefined }), false), undefined, 'unknown address: refused');
  for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '0.0.0.0', '::', 'fe80::1', '128.0.0.1']) assert.equal(isLoopbackAddress(a), false, a);
});

/** A non-loopback IPv4 address of this machine, if it has one. */
function outsideAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal && !isLoopbackAddress(a.address)) return a.address;
  }
  return undefined;
}

const binaries = findPostgresBinaries();
const address = outsideAddress();
const skip = !binaries && process.env.CI !== 'true' ? 'PostgreSQL binaries not found'
  : !address ? 'this machine has no non-loopback IPv4 address to relay through (the decision test above covers the policy)' : false;
if (skip) console.log(`# SKIPPED real-server clear-text password tests: ${skip}`);

describe('a real server with `password` authentication, reached over a non-loopback address', { skip }, () => {
  let cluster: ThrowawayCluster;
  let relay: Server;
  let relayPort = 0;
  /** Everything clients sent through the relay since the last reset. */
  let sent = Buffer.alloc(0);
  const sockets = new Set<Socket>();
  let dir: string;

  before(async () => {
    cluster = await startThrowawayCluster({ auth: 'password' });
    cluster.psql('CREATE DATABASE cleartext');
    // Rows to read (over loopback, where a clear-text password stays on this machine).
    await runIrisGenerator({ url: cluster.url('cleartext', 'table=iris_data'), password: cluster.password, intervalMs: 0, count: 30, seed: 'cleartext' });
    relay = createServer((client) => {
      const server = connect(cluster.port, '127.0.0.1');
      sockets.add(client).add(server);
      client.on('data', (d: Buffer) => { sent = Buffer.concat([sent, d]); server.write(d); });
      server.on('data', (d: Buffer) => client.write(d));
      const close = () => { client.destroy(); server.destroy(); };
      client.on('close', close).on('error', close);
      server.on('close', close).on('error', close);
    });
    await new Promise<void>((res) => relay.listen(0, address, res));
    relayPort = (relay.address() as { port: number }).port;
    dir = mkdtempSync(join(tmpdir(), 'model-lab-cleartext-'));
  });
  after(() => {
    for (const s of sockets) s.destroy();
    relay?.close();
    cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const relayedUrl = () => `postgres://${cluster.user}@${address}:${relayPort}/cleartext?table=iris_data&limit=20`;
  const passwordCrossed = () => sent.includes(Buffer.from(cluster.password));

  test('refused by default: one line that says why and what to do; the password never crosses the network', async () => {
    sent = Buffer.alloc(0);
    await assert.rejects(fetchPostgresSnapshot({ url: relayedUrl(), password: cluster.password }), (e: unknown) => {
      assert.ok(e instanceof UserError, String(e));
      assert.match(e.message, new RegExp(`^PostgreSQL at ${address!.replace(/\./g, '\\.')}:${relayPort} asks for the password in clear text over an unencrypted network connection — .*--allow-cleartext-password`));
      assert.ok(!e.message.includes(cluster.password));
      // The remedy survives pg's error path, so VS Code can name its own setting instead of the flag.
      assert.equal(e.detail.remedy?.option, 'allow-cleartext-password');
      return true;
    });
    assert.ok(sent.length > 0, 'the client did talk to the server through the relay');
    assert.equal(passwordCrossed(), false, 'the password crossed the relay');
  });

  test('allowed explicitly: the rows are read, and the relay saw the password (what the default prevents)', async () => {
    sent = Buffer.alloc(0);
    const snap = await fetchPostgresSnapshot({ url: relayedUrl(), password: cluster.password, allowCleartextPassword: true });
    assert.equal(snap.csv.trim().split('\n').length, 21);
    assert.equal(passwordCrossed(), true, 'clear-text authentication sends the password itself — the reason for the default');
  });

  test('over loopback the same server gets the password without asking (it never leaves the machine)', async () => {
    const snap = await fetchPostgresSnapshot({ url: cluster.url('cleartext', 'table=iris_data&limit=10'), password: cluster.password });
    assert.equal(snap.csv.trim().split('\n').length, 11);
  });

  test('the CLI: train refuses (exit 1, one line, nothing saved); --allow-cleartext-password trains', async () => {
    sent = Buffer.alloc(0);
    const env = { PGPASSWORD: cluster.password };
    const refused = await runCli(['train', '--data', relayedUrl(), '--out', 'models'], dir, env);
    assert.equal(refused.code, 1, refused.err);
    assert.match(refused.err, /^model-lab train: PostgreSQL at .* asks for the password in clear text .*--allow-cleartext-password\)\.\n$/);
    assert.equal(refused.out, '');
    assert.equal(passwordCrossed(), false);
    assert.deepEqual(readdirSync(dir), [], 'nothing saved, no models folder made');
    const allowed = await runCli(['train', '--data', relayedUrl(), '--out', 'models', '--allow-cleartext-password', '--json'], dir, env);
    assert.equal(allowed.code, 0, allowed.err);
    assert.equal(JSON.parse(allowed.out).train.total + JSON.parse(allowed.out).valid.total, 20);
    // predict reads the table the same way: refused without the flag, its 20 rows labelled with it.
    sent = Buffer.alloc(0);
    const model = JSON.parse(allowed.out).model as string;
    const predictRefused = await runCli(['predict', model, '--data', relayedUrl()], dir, env);
    assert.equal(predictRefused.code, 1, predictRefused.err);
    assert.match(predictRefused.err, /^model-lab predict: PostgreSQL at .* asks for the password in clear text .*--allow-cleartext-password\)\.\n$/);
    assert.equal(passwordCrossed(), false);
    const predicted = await runCli(['predict', model, '--data', relayedUrl(), '--allow-cleartext-password'], dir, env);
    assert.equal(predicted.code, 0, predicted.err);
    assert.equal(predicted.out.trimEnd().split('\n').length, 21, 'one label per row, then the accuracy');
  });
});
