// 050 Portal: the lines decode worker. Emscripten puts this before the glue of lines_decoder.wasm
// (src/client/lines_worker/lines_decoder.cpp), and the result, lines_worker.js, runs as a
// dedicated Web Worker: the page's main thread hands it the pieces of the lines payload as they
// arrive and keeps drawing, while this decodes them; the columns of the result come back as
// transferable buffers. It is a file of its own, outside web/portal_lib.js, because a worker
// is a separate script by nature. The page ends the worker after each load (and at logout), which
// drops its memory with everything of the customer in it.
//
// Messages in:  {type: 'chunk', bytes: Uint8Array} (transferred), {type: 'end'}.
// Messages out: {type: 'ready'}, {type: 'progress'|'first'|'done', rows, expected, ms, buffers?},
//               {type: 'failed', code, field, ja, en, ms}.

// As many rows as the contract screen shows while the rest arrive (ContractController's
// kFirstRowsShown).
var FIRST_ROWS = 200;
var waiting = [];
var running = false;
var failed = false;
var firstSent = false;

function counts(type) {
  return {type: type, rows: _lines_decoder_rows(), expected: _lines_decoder_expected(), ms: _lines_decoder_ms()};
}

// The result's columns, each copied out of this module's memory into a buffer of its own that
// moves to the page without another copy.
function resultBuffers() {
  var buffers = [];
  for (var i = 0; i < _lines_decoder_buffer_count(); i++) {
    var at = _lines_decoder_buffer(i);
    buffers.push(HEAPU8.slice(at, at + _lines_decoder_buffer_bytes(i)).buffer);
  }
  return buffers;
}

function sendResult(message) {
  message.resultRows = _lines_decoder_result_rows();
  message.buffers = resultBuffers();
  _lines_decoder_drop_result();
  postMessage(message, message.buffers);
}

function fail() {
  failed = true;
  var message = counts('failed');
  message.code = UTF8ToString(_lines_decoder_error(0));
  message.field = UTF8ToString(_lines_decoder_error(1));
  message.ja = UTF8ToString(_lines_decoder_error(2));
  message.en = UTF8ToString(_lines_decoder_error(3));
  postMessage(message);
}

// A piece the page sent may be the whole body at once (it arrived before this worker was
// ready): it is decoded in slices, so the first rows and the bar move before all is decoded.
var SLICE_BYTES = 65536;

function feed(bytes) {
  var at = _malloc(bytes.length || 1);
  HEAPU8.set(bytes, at);
  var ok = _lines_decoder_feed(at, bytes.length);
  _free(at);
  if (!ok) return fail();
  if (!firstSent && _lines_decoder_rows() > 0) {
    firstSent = true;
    var first = counts('first');
    _lines_decoder_take_first_rows(FIRST_ROWS);
    return sendResult(first);
  }
  postMessage(counts('progress'));
}

function handle(message) {
  if (failed) return;
  if (message.type === 'chunk') {
    for (var at = 0; at < message.bytes.length && !failed; at += SLICE_BYTES) {
      feed(message.bytes.subarray(at, at + SLICE_BYTES));
    }
    return;
  }
  if (message.type === 'end') {
    if (!_lines_decoder_finish()) return fail();
    return sendResult(counts('done'));
  }
}

self.onmessage = function(event) {
  if (running) {
    handle(event.data);
  } else {
    waiting.push(event.data);
  }
};

Module['onRuntimeInitialized'] = function() {
  _lines_decoder_start();
  running = true;
  postMessage({type: 'ready'});
  var queued = waiting;
  waiting = [];
  queued.forEach(handle);
};
