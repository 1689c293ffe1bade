// Browser benchmark of the usage and call-detail screens (figures, not pass/fail): headless Chromium on loopback against
// the real server with 100,000 numbers of usage (two months) and 100,000 calls of one number
// (report_data.mjs). Prints medians as a markdown table beside a plain-JavaScript baseline
// (fetch + JSON.parse + sort + sum of the same answer in the same page).
//   node tests/browser/bench_reports.mjs [--runs N]
import { clickWidget, fillWidget, launchChromium, newPortalContext, openPortal, scrollToWidget,
         waitForState } from './browser.mjs';
import { loginToMenu } from './portal.mjs';
import { BIG_ID, BIG_MONTHS, BIG_PHONE, REPORTS_SERVER_ENV, importBigCustomer } from './report_data.mjs';
import { PortalServer, checkPrerequisites } from './server.mjs';

const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 5;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const ms = (v) => `${v.toFixed(v < 10 ? 1 : 0)} ms`;

// Starts the clock in the page, clicks like a person, and stops it on the first animation frame
// after the app reports a new table (generation bumped) for `section` ('usage' or 'details').
async function timeClickToTable(page, widgetId, section) {
  const rect = await page.evaluate((id) => window.portalTest.rect(id), widgetId);
  await page.mouse.move(rect.x + rect.w / 2, rect.y + rect.h / 2);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const before = await page.evaluate((s) => window.portalTest.state().reports[s].generation, section);
  const done = page.evaluate(([s, gen]) => new Promise((resolve) => {
    const t0 = performance.now();
    const poll = () => {
      const state = window.portalTest.state().reports[s];
      if (state.generation !== gen && !state.loading) {
        requestAnimationFrame(() => resolve(performance.now() - t0));  // the frame that shows it
      } else {
        requestAnimationFrame(poll);
      }
    };
    requestAnimationFrame(poll);
  }), [section, before]);
  await page.mouse.down();
  await page.mouse.up();
  return done;
}

// The same work in plain JavaScript in the same page: fetch, JSON.parse, sort and sum.
async function baseline(page, url, rowsKey, sortKey) {
  return page.evaluate(async ([u, rowsKey, sortKey]) => {
    const t0 = performance.now();
    const res = await fetch(u, { credentials: 'same-origin' });
    const json = JSON.parse(await res.text());
    const rows = json[rowsKey];
    rows.sort((a, b) => (a[sortKey] < b[sortKey] ? -1 : a[sortKey] > b[sortKey] ? 1 : 0));
    let total = 0;
    for (const row of rows) total += row.charge_yen;
    return total >= 0 ? performance.now() - t0 : NaN;
  }, [url, rowsKey, sortKey]);
}

async function main() {
  checkPrerequisites();
  const server = new PortalServer({ env: REPORTS_SERVER_ENV });
  await server.start();
  const browser = await launchChromium();
  try {
    importBigCustomer(server);
    const context = await newPortalContext(browser, server, { viewport: { width: 1280, height: 900 } });
    const page = await openPortal(context);
    await loginToMenu(page, server, BIG_ID);
    await waitForState(page, (s) => s.contract !== null, 'the contract');
    await clickWidget(page, 'menu.usage');
    await waitForState(page, (s) => s.reports.usage.loaded, 'usage', 60000);

    const monthSwitch = [], monthBase = [], monthFetch = [], monthDecode = [];
    for (let run = 0; run < RUNS; run++) {
      const month = BIG_MONTHS[(run + 1) % 2];
      await clickWidget(page, 'usage.month');
      await waitForState(page, () => true, 'state');
      await page.evaluate((id) => new Promise((r) => {
        const wait = () => (window.portalTest.rect(id) ? r() : requestAnimationFrame(wait));
        wait();
      }), `usage.month.${month}`);
      monthSwitch.push(await timeClickToTable(page, `usage.month.${month}`, 'usage'));
      const u = (await page.evaluate(() => window.portalTest.state())).reports.usage;
      monthFetch.push(u.fetchMs);
      monthDecode.push(u.decodeMs);
      monthBase.push(await baseline(page, `/api/v1/usage?month=${month}`, 'rows', 'phone'));
    }

    await scrollToWidget(page, 'usage.back', ['usage.count', 'usage.month']);
    await clickWidget(page, 'usage.back');
    await clickWidget(page, 'menu.details');
    await fillWidget(page, 'details.number', BIG_PHONE);
    await waitForState(page, (s) => s.reports.details.selectedPhone === BIG_PHONE, 'the number', 30000);
    const query = [], queryBase = [], queryFetch = [], queryDecode = [];
    for (let run = 0; run < RUNS; run++) {
      query.push(await timeClickToTable(page, 'details.query', 'details'));
      const s = (await page.evaluate(() => window.portalTest.state())).reports.details;
      queryFetch.push(s.fetchMs);
      queryDecode.push(s.decodeMs);
      queryBase.push(await baseline(page, `/api/v1/call-details?number=${BIG_PHONE}&from=${s.from}&to=${s.to}`,
                                    'calls', 'start'));
    }
    const calls = (await page.evaluate(() => window.portalTest.state())).reports.details.rowCount;

    console.log(`\n## Usage and call details in the browser (median of ${RUNS}, headless Chromium, loopback)\n`);
    console.log('| measurement | portal (WASM) | plain JS baseline | ratio |');
    console.log('|---|---|---|---|');
    const row = (what, a, b) => console.log(`| ${what} | ${ms(median(a))} | ${ms(median(b))} | ${(median(a) / median(b)).toFixed(2)} |`);
    row('month switch to redrawn usage table, 100,000 numbers', monthSwitch, monthBase);
    row(`call-detail query to table, ${calls.toLocaleString('en-US')} calls`, query, queryBase);
    console.log(`| … of which fetch (server + transfer) / JSON decode in WASM, usage | ${ms(median(monthFetch))} / ${ms(median(monthDecode))} | | |`);
    console.log(`| … of which fetch (server + transfer) / JSON decode in WASM, calls | ${ms(median(queryFetch))} / ${ms(median(queryDecode))} | | |`);
    console.log('\nPortal: from the click to the first animation frame after the new table is in place ' +
                '(fetch, decode with the engine, filter, sort, draw). Baseline: fetch + JSON.parse + sort + sum in the same page, no drawing.');
    await context.close();
  } finally {
    await browser.close();
    await server.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
