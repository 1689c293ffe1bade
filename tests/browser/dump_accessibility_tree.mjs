// Writes what a screen reader reads on the contract screen of the manual's 10-line customer
// (demo-standard): Chromium's accessibility tree (CDP Accessibility.getFullAXTree) as indented
// role "name" lines, to docs/accessibility-tree-contract.txt. Run by hand against a test build:
//   PORTAL_SERVER_BIN=... PORTAL_WEB_DIR=.../web-test node tests/browser/dump_accessibility_tree.mjs
import fs from 'node:fs';
import path from 'node:path';

import { accessibilityTree, dumpTree } from './a11y.mjs';
import { launchChromium, newPortalContext } from './browser.mjs';
import { contractPage } from './portal.mjs';
import { PortalServer, checkPrerequisites, repoRoot } from './server.mjs';

checkPrerequisites();
const server = new PortalServer({});
await server.start();
const browser = await launchChromium();
try {
  const context = await newPortalContext(browser, server);
  const page = await contractPage(context, server, 'demo-standard');
  await page.waitForFunction(() => /全 10回線中 10回線を表示/.test(document.querySelector('#portal-mirror')?.textContent ?? ''));
  // A landmark without a name of its own is read by its text: cut that at 80 characters here.
  const tree = (await accessibilityTree(page)).map((node) =>
    node.name.length > 80 ? { ...node, name: `${node.name.slice(0, 80)}…` } : node);
  const text = dumpTree(tree);
  const file = path.join(repoRoot, 'docs/accessibility-tree-contract.txt');
  fs.writeFileSync(file, `# Chromium's accessibility tree of the contract screen, demo-standard (10 lines), 1280x800\n${text}\n`);
  console.log(`${file}: ${text.split('\n').length} lines`);
} finally {
  await browser.close();
  await server.dispose();
}
