// The production site (what `make run` serves) has no automation hook, no hook exports in its
// WebAssembly and no way to read a download back; the test build has the hook (so this check
// would notice the names changing).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const production = process.env.PORTAL_WEB_DIR;
const testBuild = process.env.PORTAL_TEST_WEB_DIR;
const MARKERS = ['portalTest', 'portal_test_state', 'portal_test_rect', 'portal_js_install_test_hook',
                 'lastDownload', 'downloadBytes'];

function present(dir) {
  const js = fs.readFileSync(path.join(dir, 'portal.js'), 'latin1');
  const wasm = fs.readFileSync(path.join(dir, 'portal.wasm'), 'latin1');
  return MARKERS.filter((marker) => js.includes(marker) || wasm.includes(marker));
}

test('the production site carries no test hook and keeps no download copies', () => {
  assert.ok(production && fs.existsSync(path.join(production, 'portal.js')), `built site at ${production}`);
  assert.deepEqual(present(production), []);
});

test('the test build has the hook the browser tests use', () => {
  assert.ok(testBuild && fs.existsSync(path.join(testBuild, 'portal.js')), `test build at ${testBuild}`);
  const found = present(testBuild);
  for (const marker of ['portalTest', 'portal_test_state', 'portal_test_rect']) assert.ok(found.includes(marker), marker);
  assert.ok(!found.includes('lastDownload') && !found.includes('downloadBytes'), 'no download copies in the test build either');
});
