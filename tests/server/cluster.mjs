// A cluster on loopback for tests, started by the operators' own script (deploy/cluster.sh): N
// portal servers on one PostgreSQL database (a clone of a template database in the harness's
// shared PostgreSQL: already seeded when the flags seed the tests' default demo data),
// sharing one secret key and outbox, behind nginx. It looks like one server to the tests (base,
// outbox, operator, stop, cleanup), so the whole suite can run on it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { AS_OF, SERVER_BIN, freePort, sleep, templateClone } from './harness.mjs';
import { DEMO_LARGE_LINES, seedsTheDemoTemplate } from './pg_templates.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLUSTER_SCRIPT = path.join(ROOT, 'deploy/cluster.sh');
export const NGINX_TEMPLATE = path.join(ROOT, 'deploy/nginx.conf.in');
const READY_MS = 300000;  // without the seeded template the script seeds the demo customers
const STOP_MS = 60000;
const PORT_TRIES = 3;

const alive = (pid) => { try { process.kill(pid, 0); return true; } catch { return false; } };
const readLog = (file) => { try { return readFileSync(file, 'utf8'); } catch { return ''; } };

// Runs the script until it prints `ready:`; resolves with its child, servers and address.
function runScript(args, env) {
  const child = spawn(CLUSTER_SCRIPT, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  // The script stops what it started on SIGTERM: never leave a cluster behind this process.
  const onExit = () => { if (child.exitCode === null) child.kill('SIGTERM'); };
  process.once('exit', onExit);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { child.kill('SIGTERM'); reject(new Error(`deploy/cluster.sh not ready in ${READY_MS / 1000} s:\n${output}`)); }, READY_MS);
    const onEnd = (code) => { clearTimeout(timer); reject(new Error(`deploy/cluster.sh exited with ${code}:\n${output}`)); };
    child.on('exit', onEnd);
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const ready = /^ready: (http:\/\/127\.0\.0\.1:(\d+))\/$/m.exec(output);
      if (!ready) return;
      clearTimeout(timer);
      child.off('exit', onEnd);
      const servers = [...output.matchAll(/^server (\d+): 127\.0\.0\.1:(\d+) pid (\d+)$/gm)]
        .map((m) => ({ index: Number(m[1]), port: Number(m[2]), pid: Number(m[3]) }));
      resolve({ child, servers, base: ready[1], port: Number(ready[2]), output: () => output, onExit });
    });
  });
}

// `flags` go to every server. The servers' own per-address limit is lifted by the script: behind
// nginx every request comes from nginx's address, and nginx enforces the limit (authRate and
// authBurst, per minute and burst, high by default so that tests are not throttled).
export async function startCluster(flags = [], { servers: count = 2, env: extraEnv = {}, webRoot, authRate = 6000,
  authBurst = 1000, dir } = {}) {
  dir ??= mkdtempSync(path.join(tmpdir(), 'portal-cluster-'));
  const keyFile = path.join(dir, 'secret.key');
  // A directory that already has a key (a restart) keeps it: its data is seeded afresh.
  const seeded = !existsSync(keyFile) && seedsTheDemoTemplate(flags, { ...process.env, ...extraEnv });
  const clone = await templateClone(seeded ? 'demo' : 'migrated');
  const { db } = clone;
  if (seeded) writeFileSync(keyFile, clone.secretKey, { mode: 0o600 });
  // nginx's port is picked here (a python start-up in the script costs seconds on a loaded
  // machine) and bound by nginx a moment later: another test process may take it in between
  // (ctest runs two at a time). nginx then exits with "Address already in use" and the script
  // with it; the start is repeated on a new port, a bounded number of times.
  const env = {
    ...process.env, PORTAL_SERVER_BIN: SERVER_BIN, PORTAL_DEMO_LARGE_LINES: DEMO_LARGE_LINES,
    PORTAL_AUTH_RATE: String(authRate), PORTAL_AUTH_BURST: String(authBurst), ...extraEnv,
  };
  const nginxLog = path.join(dir, 'nginx', 'error.log');
  let script;
  for (let attempt = 1; !script; ++attempt) {
    const args = ['--servers', String(count), '--port', String(await freePort()), '--dir', dir, '--db', db,
      ...(seeded ? ['--seeded'] : []), '--web', webRoot ?? path.join(dir, 'www'), '--', '--as-of', AS_OF, ...flags];
    rmSync(nginxLog, { force: true });
    try {
      script = await runScript(args, env);
    } catch (error) {
      if (attempt < PORT_TRIES && /Address already in use/.test(readLog(nginxLog))) continue;
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
  }
  const servers = script.servers.map(({ index, port, pid }) => ({
    port, pid, base: `http://127.0.0.1:${port}`, outbox: path.join(dir, 'outbox'),
    output: () => readLog(path.join(dir, `server-${index}.log`)),
    // Kills this server (nginx sends its requests to the others) and waits until it is gone.
    async kill(signal = 'SIGKILL') {
      process.kill(pid, signal);
      for (let i = 0; i < 250 && alive(pid); ++i) await sleep(20);
      if (alive(pid)) throw new Error(`server pid ${pid} still runs after ${signal}`);
    },
  }));
  const secretKey = path.join(dir, 'secret.key');
  const cluster = {
    dir, db, servers, port: script.port, base: script.base, outbox: path.join(dir, 'outbox'),
    output: () => script.output() + servers.map((s) => s.output()).join(''),
    // Runs the same binary as an operator command on the cluster's database (--import, --unlock).
    operator: (extra) => spawnSync(SERVER_BIN, ['--db', db, '--secret-key-file', secretKey, ...extra], { encoding: 'utf8' }),
    // SIGTERM to the script, which stops nginx and the servers; bounded, then everything is killed.
    async stop() {
      const { child } = script;
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', () => resolve(true)));
      child.kill('SIGTERM');
      // The deadline's timer is cleared once the script has exited: a pending one would keep
      // this test process alive for the whole STOP_MS after its last test.
      let timer;
      const deadline = new Promise((resolve) => { timer = setTimeout(resolve, STOP_MS, false); });
      const stopped = await Promise.race([exited, deadline]);
      clearTimeout(timer);
      process.off('exit', script.onExit);
      if (!stopped) {
        for (const s of servers) if (alive(s.pid)) process.kill(s.pid, 'SIGKILL');
        child.kill('SIGKILL');
        throw new Error(`deploy/cluster.sh did not stop within ${STOP_MS / 1000} s of SIGTERM`);
      }
    },
    async cleanup() {
      try { await cluster.stop(); } finally { rmSync(dir, { recursive: true, force: true }); }
    },
  };
  return cluster;
}
