// The lines part of the browser benchmark: code sent → first rows drawn, → every line loaded and
// → the whole table drawn, timed on the page's own clock, with where the time went (the requests'
// Resource Timing and the client's own decode and prepare times) and a bare fetch() of the same
// payload in the same page as the baseline.
//
// The harness cannot click the menu's 契約情報 the moment it appears: it polls every 50 ms, and
// its calls queue behind the page's main thread, which is busy decoding the lines. So the page
// clicks it itself: a recorder installed before the code is sent watches every animation frame
// and, right after the first frame that shows the menu's entry, moves the pointer onto it and
// presses it (what clickWidget does, without the round trips). The contract screen then
// opens while the lines may still be on their way, as it does for a customer who clicks at once.
import { signInToCode } from './bench_lib.mjs';
import { clickWidget } from './browser.mjs';
import { IDS } from './portal.mjs';

// Installed while the code screen shows, before the code is sent. Everything it records is on
// the page's clock (performance.now()).
function installRecorder(menuEntry) {
  const canvas = document.getElementById('canvas');
  performance.clearResourceTimings();
  performance.setResourceTimingBufferSize(1000);
  const b = {
    codeSentAt: 0, menuAt: 0, menuClickAt: 0, contractAt: 0, firstRowsAt: 0, linesAt: 0, tableAt: 0,
    progressAt: 0, tableShownAt: 0, frames: 0, heapPeak: 0, wasmPeak: 0, done: false, ticks: [],
  };
  window.__bench = b;
  canvas.addEventListener('mousedown', () => { if (!b.codeSentAt) b.codeSentAt = performance.now(); },
                          { capture: true });
  const mouse = (type, target, rect) => target.dispatchEvent(new MouseEvent(type, {
    bubbles: true, cancelable: true, view: window, button: 0, buttons: type === 'mousedown' ? 1 : 0,
    clientX: rect.x + rect.w / 2, clientY: rect.y + rect.h / 2,
  }));
  const sample = () => {
    const heap = performance.memory ? performance.memory.usedJSHeapSize : 0;
    if (heap > b.heapPeak) b.heapPeak = heap;
    const m = window.Module;
    const wasm = m && m.HEAPU8 ? m.HEAPU8.buffer.byteLength : 0;
    if (wasm > b.wasmPeak) b.wasmPeak = wasm;
  };
  // Registered after the client's own frame callback, so each tick sees the frame just drawn.
  const tick = () => {
    const now = performance.now();
    if (!b.codeSentAt) return requestAnimationFrame(tick);
    b.frames++;
    sample();
    const s = window.portalTest.state();
    const lines = s.lines || {};
    // Every frame drawn: when, on which screen, whether the contract is in, how far the lines are.
    b.ticks.push([Math.round(now - b.codeSentAt), s.screen, s.contract ? 'contract' : '-',
                  (lines.load && lines.load.rowsReceived) || 0, !!lines.loaded]);
    if (!b.linesAt && lines.loaded) b.linesAt = now;
    if (s.screen === 'menu' && !b.menuClickAt) {
      const rect = window.portalTest.rect(menuEntry);
      if (rect && rect.w > 0 && rect.h > 0) {
        // A customer's pointer reaches the entry before the press: the move goes first, in the
        // same task (ImGui applies the position before the button in its next frame).
        b.menuAt = now;
        b.menuClickAt = now;
        mouse('mousemove', window, rect);
        mouse('mousedown', canvas, rect);
        mouse('mouseup', window, rect);
      }
    }
    if (s.screen === 'contract') {
      if (!b.contractAt) b.contractAt = now;
      if (!b.progressAt && lines.loading && lines.load && lines.load.rowsExpected > 0) b.progressAt = now;
      if (!b.firstRowsAt && (lines.firstRowsOnly > 0 || (s.firstRows && s.firstRows.length > 0))) b.firstRowsAt = now;
      if (lines.loaded && s.rowCount === s.totalRows && s.firstRows.length > 0) {
        b.tableAt = now;
        b.load = lines.load;
        // The app's frame is issued; the browser then lays the page out and (without a GPU)
        // reads the canvas back before the next frame can start: that start is when the table
        // is on screen.
        requestAnimationFrame(() => {
          b.tableShownAt = performance.now();
          b.done = true;
        });
        return undefined;
      }
    }
    return requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

// The step a request's timing belongs to, by its path.
function requestTimes(requests, codeSentAt) {
  const find = (pathEnd) => requests.filter((r) => r.path.endsWith(pathEnd) && r.start >= codeSentAt - 1);
  const first = (pathEnd) => find(pathEnd)[0];
  const rel = (r, key) => (r ? r[key] - codeSentAt : NaN);
  const verify = requests.find((r) => r.path.startsWith('/api/v1/auth/') && r.start >= codeSentAt - 1);
  const contract = first('/api/v1/contract');
  const lines = first('/api/v1/lines');
  return {
    verifySent: rel(verify, 'start'), verifyAnswered: rel(verify, 'end'),
    contractSent: rel(contract, 'start'), contractFirstByte: rel(contract, 'responseStart'),
    contractAnswered: rel(contract, 'end'),
    linesSent: rel(lines, 'start'), linesFirstByte: rel(lines, 'responseStart'), linesLastByte: rel(lines, 'end'),
    linesBytes: lines ? lines.bytes : NaN,
    apiAfterCode: requests.filter((r) => r.start >= codeSentAt - 1).map((r) => r.path),
  };
}

// Signs in as `id` in a fresh context and lets the page open the contract screen itself; resolves
// once the whole table is drawn, with the page-clock figures relative to the code being sent.
export async function timedLinesLoad(browser, server, id,
                                     { timeoutMs = 600000, beforeCode = async () => {}, worker = false } = {}) {
  const { context, page } = await signInToCode(browser, server, id, { worker });
  await page.evaluate(installRecorder, IDS.menuContract);
  await beforeCode(page);
  // What the code screen made resident for the store before the code was sent (lines_warm_up.h).
  const touchedAhead = await page.evaluate(() => window.portalTest.state().linesMemory);
  const started = Date.now();
  await clickWidget(page, IDS.codeSubmit);
  // Polled rarely: each poll is a task on the busy main thread.
  await page.waitForFunction(() => window.__bench && window.__bench.done, null,
                             { timeout: timeoutMs, polling: 250 });
  const elapsed = Date.now() - started;
  // Read in a later task: a streamed answer's entry is queued after its last piece was handled.
  await page.waitForTimeout(200);
  const b = await page.evaluate(() => ({
    ...window.__bench,
    requests: performance.getEntriesByType('resource')
      .filter((e) => e.name.includes('/api/v1/'))
      .map((e) => ({ path: new URL(e.name).pathname, start: e.startTime, requestStart: e.requestStart,
                     responseStart: e.responseStart, end: e.responseEnd, bytes: e.encodedBodySize })),
  }));
  const at = (t) => (t ? t - b.codeSentAt : NaN);
  return {
    context, page, elapsed,
    menuMs: at(b.menuAt), menuClickMs: at(b.menuClickAt), contractMs: at(b.contractAt),
    progressMs: at(b.progressAt), firstRowsMs: at(b.firstRowsAt), linesMs: at(b.linesAt), tableMs: at(b.tableAt),
    tableShownMs: at(b.tableShownAt),
    touchedAhead, frames: b.frames, ticks: b.ticks, heapPeak: b.heapPeak, wasmPeak: b.wasmPeak, load: b.load,
    requestSpans: b.requests.filter((r) => r.start >= b.codeSentAt - 1)
      .map((r) => [r.path.replace('/api/v1/', ''), Math.round(r.start - b.codeSentAt), Math.round(r.end - b.codeSentAt)]),
    ...requestTimes(b.requests, b.codeSentAt),
  };
}

// The baseline: a bare fetch() + arrayBuffer() of the same lines in the same page, version 1
// (PLN1, gzip: what the client fetched before version 2) and version 2 (PLN2), each once
// unmeasured (the server may encode on first use) then alternately, median of `times`.
export async function bareFetches(page, times = 3) {
  return page.evaluate(async (times) => {
    const forms = {
      v1: 'application/vnd.portal050.lines',
      v2: 'application/vnd.portal050.lines; version=2',
    };
    const once = async (accept) => {
      const t0 = performance.now();
      const response = await fetch('/api/v1/lines', { credentials: 'same-origin', cache: 'no-store', headers: { Accept: accept } });
      const buffer = await response.arrayBuffer();
      return { ms: performance.now() - t0, bytes: buffer.byteLength };
    };
    const out = { v1: [], v2: [], v1Bytes: 0, v2Bytes: 0 };
    for (const key of Object.keys(forms)) await once(forms[key]);
    for (let i = 0; i < times; i++) {
      for (const key of Object.keys(forms)) {
        const r = await once(forms[key]);
        out[key].push(r.ms);
        out[`${key}Bytes`] = r.bytes;
      }
    }
    const median = (v) => [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)];
    return { v1: median(out.v1), v2: median(out.v2), v1Bytes: out.v1Bytes, v2Bytes: out.v2Bytes };
  }, times);
}
