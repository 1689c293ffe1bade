// deploy/cluster.sh, the start script docs/scaling.md tells operators to run: PostgreSQL, two
// servers and nginx come up on loopback, a customer logs in and reads through nginx, one server is
// killed and the other answers, and SIGTERM stops everything it started.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { AS_OF, Client, SERVER_BIN, request, sleep } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };

// Starts the script; resolves with its printed servers, database and address once it says ready.
function startScript(dir, web) {
  const child = spawn(path.join(ROOT, 'deploy/cluster.sh'),
    ['--servers', '2', '--port', '0', '--dir', dir, '--web', web, '--', '--as-of', AS_OF, '--demo-large-lines', '300'],
    { env: { ...process.env, PORTAL_SERVER_BIN: SERVER_BIN }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`deploy/cluster.sh not ready in 180 s:\n${output}`)), 180000);
    const onData = (chunk) => {
      output += chunk;
      const ready = /ready: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (!ready) return;
      clearTimeout(timer);
      const servers = [...output.matchAll(/server \d+: 127\.0\.0\.1:(\d+) pid (\d+)/g)]
        .map((m) => ({ port: Number(m[1]), pid: Number(m[2]) }));
      resolve({ child, servers, base: ready[1], output: () => output });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`deploy/cluster.sh exited with ${code}:\n${output}`)); });
  });
}

test('deploy/cluster.sh: two servers on PostgreSQL behind nginx, one killed, all stopped by SIGTERM', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'portal-deploy-test-'));
  const web = path.join(dir, 'www');
  mkdirSync(web);
  writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>050 Portal</title>');
  let cluster = null;
  try {
    cluster = await startScript(dir, web);
    assert.equal(cluster.servers.length, 2, cluster.output());
    const page = await request(cluster.base, 'GET', '/');
    assert.equal(page.status, 200);
    assert.match(page.text, /050 Portal/, 'nginx serves the client folder');
    // The servers answer directly too: both are up on the one database.
    for (const s of cluster.servers)
      assert.equal((await request(`http://127.0.0.1:${s.port}`, 'GET', '/api/v1/client-config')).status, 200);

    const client = new Client({ base: cluster.base, outbox: path.join(dir, 'outbox') });
    assert.equal((await client.login('demo-standard')).status, 200);
    for (let i = 0; i < 4; ++i) assert.equal((await client.get('/api/v1/contract')).status, 200);
    const lines = await client.get('/api/v1/lines');
    assert.equal(lines.status, 200);
    assert.ok(lines.json.columns.phone.length > 0);

    process.kill(cluster.servers[0].pid, 'SIGKILL');
    for (let i = 0; i < 50 && alive(cluster.servers[0].pid); ++i) await sleep(20);
    for (let i = 0; i < 6; ++i) {
      const res = await client.get('/api/v1/contract');
      assert.equal(res.status, 200, `request ${i} after one server was killed: ${res.text}`);
    }

    const exited = new Promise((resolve) => cluster.child.once('exit', (code, signal) => resolve({ code, signal })));
    cluster.child.kill('SIGTERM');
    const end = await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 60000, null).unref())]);
    assert.ok(end, 'the script stops within 60 s of SIGTERM');
    assert.equal(end.code, 0, cluster.output());
    assert.equal(alive(cluster.servers[1].pid), false, 'the other server is stopped');
    assert.equal(existsSync(path.join(dir, 'pg/data/postmaster.pid')), false, 'PostgreSQL is stopped');
    const gone = await request(cluster.base, 'GET', '/').then(() => false, () => true);
    assert.ok(gone, 'nginx is stopped');
    cluster = null;
  } finally {
    if (cluster) cluster.child.kill('SIGTERM');
    await sleep(cluster ? 3000 : 0);
    rmSync(dir, { recursive: true, force: true });
  }
});
