// A cluster on loopback for tests: N portal servers on one PostgreSQL database, sharing one
// secret key and outbox, behind nginx configured from deploy/nginx.conf.in. It looks like one
// server to the tests (base, outbox, operator, stop, cleanup), so the whole suite can run on it.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { freePort, freshDatabase, sleep, startServer } from './harness.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const NGINX_TEMPLATE = path.join(ROOT, 'deploy/nginx.conf.in');

export function renderNginxConfig({ listen, servers, runDir, webRoot, authRate = 60, authBurst = 20 }) {
  return readFileSync(NGINX_TEMPLATE, 'utf8')
    .replaceAll('@RUN_DIR@', runDir).replaceAll('@LISTEN@', listen).replaceAll('@WEB_ROOT@', webRoot)
    .replaceAll('@AUTH_RATE@', String(authRate)).replaceAll('@AUTH_BURST@', String(authBurst))
    .replaceAll('@SERVERS@', servers.map((s) => `    server ${s} max_fails=2 fail_timeout=5s;`).join('\n'));
}

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => { socket.destroy(); resolve(true); });
    socket.on('error', () => resolve(false));
  });
}

// Starts nginx in front of `servers` (host:port strings). Resolves once it accepts connections.
export async function startNginx(servers, { dir, webRoot, authRate, authBurst, port } = {}) {
  const runDir = path.join(dir, 'nginx');
  mkdirSync(runDir, { recursive: true });
  port ??= await freePort();
  const conf = path.join(runDir, 'nginx.conf');
  writeFileSync(conf, renderNginxConfig({ listen: `127.0.0.1:${port}`, servers, runDir,
    webRoot: webRoot ?? path.join(dir, 'www'), authRate, authBurst }));
  const child = spawn('nginx', ['-p', runDir, '-c', conf, '-e', path.join(runDir, 'error.log'), '-g', 'daemon off;'],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c) => { output += c; });
  child.stderr.on('data', (c) => { output += c; });
  for (let i = 0; i < 200 && !(await portOpen(port)); ++i) {
    if (child.exitCode !== null) throw new Error(`nginx exited:\n${output}`);
    await sleep(25);
  }
  if (!(await portOpen(port))) throw new Error(`nginx did not start:\n${output}`);
  return {
    port, child, conf, base: `http://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGQUIT');
      await exited;
    },
  };
}

// `flags` go to every server. The servers' own per-address limit is lifted: behind nginx every
// request comes from nginx's address, and nginx enforces the limit (deploy/nginx.conf.in).
export async function startCluster(flags = [], { servers: count = 2, env = {}, webRoot, authRate = 6000,
  authBurst = 1000, dir } = {}) {
  dir ??= mkdtempSync(path.join(tmpdir(), 'portal-cluster-'));
  const db = await freshDatabase();
  const servers = [];
  // The servers accept state-changing calls from the origin the browser sees: nginx's.
  const port = await freePort();
  try {
    // One after the other: the first creates the shared key file and seeds the demo data.
    for (let i = 0; i < count; ++i)
      servers.push(await startServer(['--ip-limit', '1000000', '--public-origin', `http://127.0.0.1:${port}`, ...flags],
        { dir, db, env, single: true }));
    const nginx = await startNginx(servers.map((s) => `127.0.0.1:${s.port}`), { dir, webRoot, authRate, authBurst, port });
    const cluster = {
      dir, db, servers, nginx, port: nginx.port, base: nginx.base, outbox: servers[0].outbox,
      args: servers[0].args,
      output: () => servers.map((s) => s.output()).join(''),
      operator: (extra) => servers[0].operator(extra),
      async stop() {
        await nginx.stop();
        for (const s of servers) await s.stop();
      },
      async cleanup() { await cluster.stop(); rmSync(dir, { recursive: true, force: true }); },
    };
    return cluster;
  } catch (error) {
    for (const s of servers) await s.stop();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
