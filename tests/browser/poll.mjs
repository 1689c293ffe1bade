// Bounded polling for the browser tests: reads a value again and again until it is the one the
// test waits for, never past a deadline. A test that times out names what it waited for and shows
// the last value read, so the failure explains itself.

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// The first value `read()` gives that `accept` takes, or the last one read when the time is up
// (for a test that asserts on it itself, with its own diff).
export async function pollValue(read, accept, { timeoutMs = 10000, intervalMs = 100 } = {}) {
  let last;
  for (const deadline = Date.now() + timeoutMs; ;) {
    last = await read();
    if (accept(last) || Date.now() >= deadline) return last;
    await sleep(intervalMs);
  }
}

// As pollValue, but a value `accept` never took fails the test: "timed out after N ms waiting for
// <what>; last value: ...".
export async function pollUntil(read, accept, what, { timeoutMs = 10000, intervalMs = 100 } = {}) {
  const started = Date.now();
  const last = await pollValue(read, accept, { timeoutMs, intervalMs });
  if (accept(last)) return last;
  throw new Error(`timed out after ${Date.now() - started} ms waiting for ${what}; last value: ` +
                  `${JSON.stringify(last)?.slice(0, 1500)}`);
}
