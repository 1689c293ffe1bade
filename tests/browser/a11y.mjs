// What assistive technology gets from the page: Chromium's own accessibility tree (CDP
// Accessibility.getFullAXTree, what a screen reader reads) flattened to role/name lines, axe-core
// run inside the page, and the DOM mirror's controls driven as a screen reader does (click()).
import fs from 'node:fs';
import { createRequire } from 'node:module';

import { waitForState } from './browser.mjs';

const require = createRequire(import.meta.url);
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

// The tree as a list of {role, name, depth, props} for the nodes a screen reader would present
// (ignored nodes and their bare text leaves left out), in document order.
export async function accessibilityTree(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const byId = new Map(nodes.map((node) => [node.nodeId, node]));
    const out = [];
    const textOf = (node) => {
      if (node.role && node.role.value === 'StaticText') return (node.name && node.name.value) || '';
      return (node.childIds || []).map((id) => byId.get(id)).filter(Boolean).map(textOf).join('');
    };
    const visit = (node, depth) => {
      const role = node.role && node.role.value;
      const shown = !node.ignored && role && !['none', 'generic', 'InlineTextBox', 'StaticText', 'LineBreak'].includes(role);
      if (shown) {
        const props = {};
        for (const prop of node.properties || []) props[prop.name] = prop.value && prop.value.value;
        // Paragraphs and cells have no name of their own: what is read is their text.
        const name = (node.name && node.name.value) || textOf(node);
        out.push({ role, name, depth, props });
      }
      for (const child of node.childIds || []) {
        const next = byId.get(child);
        if (next) visit(next, shown ? depth + 1 : depth);
      }
    };
    const root = nodes.find((node) => !node.parentId);
    if (root) visit(root, 0);
    return out;
  } finally {
    await cdp.detach();
  }
}

export function dumpTree(tree) {
  return tree.map((node) => {
    const props = Object.entries(node.props)
      .filter(([key]) => ['level', 'checked', 'disabled', 'invalid', 'sort', 'rowcount', 'rowindex', 'colcount', 'expanded', 'focused', 'modal'].includes(key))
      .map(([key, value]) => `${key}=${value}`).join(' ');
    return `${'  '.repeat(node.depth)}${node.role} "${node.name}"${props ? ' ' + props : ''}`;
  }).join('\n');
}

// The node of `role` whose name equals (or matches) `name`; a failure lists what was there.
export function findNode(tree, role, name) {
  const matches = (node) => node.role === role &&
    (name === undefined || (name instanceof RegExp ? name.test(node.name) : node.name === name));
  const found = tree.find(matches);
  if (!found) {
    const same = tree.filter((node) => node.role === role).map((node) => `"${node.name}"`).slice(0, 30);
    throw new Error(`no ${role} named ${name} in the accessibility tree; ${role} nodes: ${same.join(', ') || 'none'}`);
  }
  return found;
}

// axe-core over the whole page; resolves with the serious and critical violations of WCAG 2.x
// A/AA (empty when there are none).
export async function axeViolations(page) {
  await page.evaluate(axeSource);  // DevTools evaluation: the page's strict CSP does not apply
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

// The mirror's element of widget `key` (its control: the <button>, the <input>).
export function mirrorSelector(key) {
  return `#portal-mirror [data-key="${key}"]`;
}

// Activates the mirrored control `key` as a screen reader's default action does: a click event on
// the element, no pointer over the canvas.
export async function activateMirror(page, key) {
  await page.waitForSelector(mirrorSelector(key), { state: 'attached', timeout: 15000 });
  await page.$eval(mirrorSelector(key), (element) => element.click());
}

// Switches the language through the mirror's header button and waits for the page to say so.
export async function switchLanguage(page, lang) {
  const now = await page.evaluate(() => document.documentElement.lang);
  if (now === lang) return;
  await activateMirror(page, 'header.language');
  await waitForState(page, () => true, 'a frame');
  await page.waitForFunction((want) => document.documentElement.lang === want, lang, { timeout: 15000 });
}
