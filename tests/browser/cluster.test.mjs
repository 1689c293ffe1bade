// The customer's journey through the cluster docs/scaling.md describes: deploy/cluster.sh starts
// PostgreSQL, two portal servers and nginx (which serves this client); Chromium logs in through
// nginx, one server is killed mid-session, and the CSV the browser saves is byte for byte the
// server's /lines.csv.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { apiCsv } from './api.mjs';
import { clickWidget, launchChromium, newPortalContext, openPortal, portalState, scrollToWidget } from './browser.mjs';
import { IDS, loginToMenu, openContract } from './portal.mjs';
import { DEFAULT_AS_OF, checkPrerequisites, repoRoot, serverBinary, webRoot } from './server.mjs';

let cluster = null;
let browser = null;

// Resolves once the script prints `ready:`, with its base URL, outbox and server pids.
function startCluster(dir) {
  const child = spawn(path.join(repoRoot, 'deploy/cluster.sh'),
    ['--servers', '2', '--port', '0', '--dir', dir, '--web', webRoot(), '--', '--as-of', DEFAULT_AS_OF,
     '--demo-large-lines', '3000'],
    { env: { ...process.env, PORTAL_SERVER_BIN: serverBinary() }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the cluster did not start in 180 s:\n${output}`)), 180000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const ready = /ready: (http:\/\/127\.0\.0\.1:\d+)\//.exec(output);
      if (!ready) return;
      clearTimeout(timer);
      const pids = [...output.matchAll(/server \d+: \S+ pid (\d+)/g)].map((m) => Number(m[1]));
      resolve({ child, dir, pids, url: ready[1], outbox: path.join(dir, 'outbox') });
    });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`deploy/cluster.sh exited with ${code}:\n${output}`)); });
  });
}

before(async () => {
  checkPrerequisites();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portal-e2e-cluster-'));
  cluster = await startCluster(dir);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (cluster) {
    const exited = new Promise((resolve) => cluster.child.once('exit', resolve));
    cluster.child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 30000).unref())]);
    fs.rmSync(cluster.dir, { recursive: true, force: true });
  }
});

test('through nginx and two servers on PostgreSQL: login, one server killed, CSV download', { timeout: 180000 }, async () => {
  const context = await newPortalContext(browser, cluster, { viewport: { width: 1280, height: 1400 } });
  try {
    const page = await openPortal(context);
    await loginToMenu(page, cluster, 'demo-standard');
    process.kill(cluster.pids[0], 'SIGKILL');  // the session lives in the database, not in a server
    await openContract(page);
    await scrollToWidget(page, IDS.csvDownload, [IDS.contractBack, IDS.tableCount, IDS.searchSubmit]);
    await clickWidget(page, IDS.csvScopeAll);
    await clickWidget(page, IDS.csvUtf8);
    const saved = page.waitForEvent('download', { timeout: 60000 });
    await clickWidget(page, IDS.csvDownload);
    const file = await saved;
    const bytes = fs.readFileSync(await file.path());
    const expected = await apiCsv(context, { encoding: 'utf-8' });
    assert.ok(bytes.length > 100, `a CSV of the lines (${bytes.length} bytes)`);
    assert.equal(Buffer.compare(bytes, expected.bytes), 0, 'the saved CSV equals the server\'s /lines.csv');
    assert.equal((await portalState(page)).screen, 'contract');
  } finally {
    await context.close();
  }
});
