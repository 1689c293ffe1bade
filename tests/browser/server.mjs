// Starts the real portal-server for a test: a free loopback port, a fresh temporary database
// and outbox, a fixed as-of date and the built web root; stops (and can restart) it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { AS_OF } from '../lib/demo.mjs';
import { freePort } from '../lib/net.mjs';

const here = path.dirname(new URL(import.meta.url).pathname);
export const repoRoot = path.resolve(here, '..', '..');

// Where the programs under test are: set by CTest, defaulting to the lead's preset folders.
export function serverBinary() {
  return process.env.PORTAL_SERVER_BIN || path.join(repoRoot, 'build/native/src/server/portal-server');
}
export function webRoot() {
  return process.env.PORTAL_WEB_DIR || path.join(repoRoot, 'build/wasm/web-test');
}

// Fails loudly (never skips) when a program is missing: `make test` builds both worlds.
export function checkPrerequisites() {
  const problems = [];
  if (!fs.existsSync(serverBinary())) {
    problems.push(`portal-server not found at ${serverBinary()} (build the native tree, or set PORTAL_SERVER_BIN)`);
  }
  const index = path.join(webRoot(), 'index.html');
  if (!fs.existsSync(index)) {
    problems.push(`the built web client is missing: no ${index} (build the wasm tree's portal-client-test, ` +
                  'the test build with window.portalTest, or set PORTAL_WEB_DIR)');
  }
  if (problems.length) throw new Error('browser tests cannot run:\n  ' + problems.join('\n  '));
}

export { freePort };

// The server's "today" in every browser test unless one says otherwise.
export const DEFAULT_AS_OF = AS_OF;

export class PortalServer {
  // options.env adds or overrides environment variables (e.g. PORTAL_SESSION_IDLE).
  constructor({ asOf = DEFAULT_AS_OF, env = {}, readyTimeoutMs = 120000 } = {}) {
    this.asOf = asOf;
    this.extraEnv = env;
    this.readyTimeoutMs = readyTimeoutMs;
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-e2e-'));
    this.outbox = path.join(this.dir, 'outbox');
    this.db = path.join(this.dir, 'portal.db');
    this.logFile = path.join(this.dir, 'server.log');
    fs.mkdirSync(this.outbox);
    this.child = null;
    this.port = 0;
  }

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  async start() {
    if (!this.port) this.port = await freePort();
    const log = fs.openSync(this.logFile, 'a');
    const env = {
      ...process.env,
      PORTAL_AS_OF: this.asOf,
      PORTAL_DEMO: '1',
      // The dev key goes with the temporary database, never into the working directory.
      PORTAL_SECRET_KEY_FILE: path.join(this.dir, 'secret.key'),
      ...this.extraEnv,
    };
    this.child = spawn(serverBinary(), [
      '--listen', `127.0.0.1:${this.port}`,
      '--db', this.db,
      '--mail', `outbox:${this.outbox}`,
      '--web-root', webRoot(),
    ], { env, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    await this.waitReady();
  }

  log() {
    return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
  }

  // Ready once the API answers anything over HTTP (a 401 for no session is an answer).
  async waitReady() {
    const deadline = Date.now() + this.readyTimeoutMs;
    let exited = null;
    this.exited.then((how) => { exited = how; });
    for (;;) {
      if (exited) {
        throw new Error(`portal-server exited (${JSON.stringify(exited)}) before it was ready:\n${this.log()}`);
      }
      try {
        const res = await fetch(`${this.url}/api/v1/auth/session`, { signal: AbortSignal.timeout(2000) });
        await res.arrayBuffer();
        return;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        throw new Error(`portal-server not ready on ${this.url} after ${this.readyTimeoutMs} ms:\n${this.log()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop() {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000);
    await this.exited;
    clearTimeout(timer);
  }

  // Same port, same database (sessions survive), as after an operator restart.
  async restart() {
    await this.stop();
    await this.start();
  }

  async dispose({ keep = false } = {}) {
    await this.stop();
    if (!keep) fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
