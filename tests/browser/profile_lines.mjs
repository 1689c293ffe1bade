// Where the page's time goes while the lines load (figures, not pass/fail): signs in as the large
// demo company, samples the page's main thread with Chromium's profiler (CDP Profiler) from the
// code being sent until the whole table is drawn, and prints the functions with the most time of
// their own, summed over each run. WebAssembly functions are named when the test site was linked
// with a symbol map (cmake --preset wasm -DPORTAL_CLIENT_SYMBOL_MAP=ON); otherwise they show as
// wasm-function[N]. "(program)" is the browser's own work: drawing, canvas read-back, layout.
//   node tests/browser/profile_lines.mjs [--lines 100000] [--runs 3] [--top 25] [--seed-cache DIR]
import fs from 'node:fs';
import path from 'node:path';

import { argValue, benchArgs, startLinesServer } from './bench_lib.mjs';
import { timedLinesLoad } from './bench_lines.mjs';
import { launchChromium } from './browser.mjs';
import { checkPrerequisites, webRoot } from './server.mjs';

const { runs: RUNS, lines: [LINES], seedCache: SEED_CACHE } = benchArgs(3);  // --lines: the first size
const TOP = Number(argValue('--top')) || 25;

// index → name, from Emscripten's symbol map ("12:portal::LineStore::Append(...)").
function symbolNames() {
  const file = path.join(webRoot(), 'portal.js.symbols');
  if (!fs.existsSync(file)) return new Map();
  return new Map(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => {
    const colon = line.indexOf(':');
    const name = line.slice(colon + 1).replace(/\\([0-9a-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
    return [line.slice(0, colon), name];
  }));
}

function selfTimes(profile, names) {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => {
    const frame = nodes.get(id).callFrame;
    const wasm = /wasm-function\[(\d+)\]/.exec(frame.functionName);
    const name = (wasm && names.get(wasm[1])) || frame.functionName || '(anonymous)';
    const where = frame.url ? ` ${frame.url.split('/').pop()}` : '';
    const key = `${name.slice(0, 100)}${where}`;
    self.set(key, (self.get(key) || 0) + (profile.timeDeltas[i] || 0) / 1000);
  });
  return self;
}

checkPrerequisites();
const names = symbolNames();
if (!names.size) console.error('no portal.js.symbols in the test site: WebAssembly functions show by index');
const server = await startLinesServer(LINES, { seedCache: SEED_CACHE });
const browser = await launchChromium();
try {
  const total = new Map();
  for (let run = 0; run < RUNS; run++) {
    let cdp;
    const timed = await timedLinesLoad(browser, server, 'demo-large', {
      beforeCode: async (page) => {
        cdp = await page.context().newCDPSession(page);
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      },
    });
    const { profile } = await cdp.send('Profiler.stop');
    await timed.context.close();
    console.log(`run ${run + 1}: code → table ${Math.round(timed.tableMs)} ms, decoding ${Math.round(timed.load.decodeMs)} ms`);
    for (const [key, ms] of selfTimes(profile, names)) total.set(key, (total.get(key) || 0) + ms);
  }
  console.log(`\n${LINES.toLocaleString('en')} lines, ${RUNS} runs: time of its own per function, ms per run (the profile runs until a little after the table)`);
  for (const [key, ms] of [...total.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP))
    console.log(`${(ms / RUNS).toFixed(1).padStart(8)}  ${key}`);
} finally {
  await browser.close();
  await server.dispose();
}
