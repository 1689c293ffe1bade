// 050 Portal: the network part of the client's JavaScript library (web/portal_lib.js and the
// other web/portal_*_lib.js files, each linked with --js-library): fetches for ApiClient, the
// streamed lines payload and downloads. C++ reaches it through src/client/platform/js_bridge.h.

// Helpers of this concern join the one PortalJs object (defined in web/portal_lib.js, the
// first --js-library) before the build emits it.
Object.assign(LibraryManager.library.$PortalJs, {
  // Runs `step` when the page is idle (the warm-ups' work while a screen waits for the customer),
  // within two seconds at the latest; a timer where the browser has no idle callbacks.
  whenIdle: function(step) {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(step, {timeout: 2000});
    else setTimeout(step, 100);
  },

  // A task of its own, queued behind those already waiting (another answer's body), without
  // setTimeout's clamp on chained timers.
  nextTask: function() {
    return new Promise(function(resolve) {
      var channel = new MessageChannel();
      channel.port1.onmessage = function() {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(0);
    });
  },

  // Resolves once the page has had its turn: after the next animation frame (the app's frame
  // callback, registered first, runs before: a frame the app wants is drawn before more decoding),
  // then after the tasks already waiting (a frame is due at once after a long task and runs before
  // them: decoding on inside it would starve the contract's answer). A hidden tab has no frames.
  afterFrame: function() {
    if (document.hidden || typeof requestAnimationFrame !== 'function') return PortalJs.nextTask();
    return new Promise(function(resolve) { requestAnimationFrame(function() { resolve(); }); })
        .then(PortalJs.nextTask);
  },

  // Pieces that are already here come back from read() in microtasks, one after the other: decoding
  // them would hold the main thread until the whole body is decoded, and no other answer (the
  // contract's) nor any frame could run in between. So after this much decoding the next piece
  // waits for the page's next frame. 100 ms keeps a click or a key answered within about a tenth
  // of a second while a million lines load, and measured faster than 40 ms (fewer frames, each
  // of which costs the browser a canvas read-back without a GPU): 1.4-1.5 s against 1.9 s from
  // the code to the whole table at 1,000,000 lines.
  streamSliceMs: 100,
  streamPieceBytes: 32768,  // about 3,000 lines of PLN2: a few milliseconds of decoding
  // ... unless what is left of the body, at the pace decoded so far, takes less than this: a frame
  // in between (the contract screen's, or the first rows', 100-250 ms without a GPU) would only
  // put the whole table off, and a short wait at the end of a load is not felt. 150 ms rather
  // than 60 lets a load of 100,000 lines finish without one: in alternating runs the table came
  // 0.48 s after the code instead of 0.55 s, and no longer 0.6-0.8 s when such a frame came in.
  streamFinishMs: 150,

  // The API's JSON answers on their way (promises settled once the app has them). The lines are
  // requested beside the contract, whose answer is small and draws the menu: decoding first would
  // leave the customer without a menu for the whole decode, and slicing it does not help, as the
  // browser runs the answer's own steps (headers, body) after the slices' tasks. So the lines'
  // decoding starts once those answers are in and the frame that shows them is drawn, or after
  // answersWaitMs at most.
  answersInFlight: [],
  answersWaitMs: 250,
  answersFirst: function() {
    var waiting = PortalJs.answersInFlight.slice();
    if (!waiting.length) return Promise.resolve();
    var timer = 0;
    var timeout = new Promise(function(resolve) { timer = setTimeout(resolve, PortalJs.answersWaitMs); });
    return Promise.race([Promise.all(waiting), timeout]).then(function() {
      clearTimeout(timer);
      return PortalJs.afterFrame();
    });
  },

  // The lines decode worker (lines_worker.js, built from the engine's PLN2 reader): started when the
  // lines are requested, so it loads while the request is on its way. Resolves to the worker once
  // its WebAssembly runs, or to null when this browser cannot run it (the main thread decodes).
  linesWorker: null,
  // Only with ?decoder=worker (portal_js_use_lines_worker): by default the page decodes the lines
  // itself between frames, which measured faster than the worker on two-core machines.
  linesWorkerWanted: false,
  linesRequested: false,  // a lines payload was asked for in this page: the warm-up stops
  warmUpDecodes: 8,       // with idle time after them: 8 measured better than 3, and as good as 16
  warmUpStarted: false,
  startLinesWorker: function() {
    if (typeof Worker !== 'function' || typeof WebAssembly !== 'object') return Promise.resolve(null);
    return new Promise(function(resolve) {
      var worker;
      try {
        worker = new Worker('lines_worker.js');
      } catch (e) {
        return resolve(null);
      }
      PortalJs.linesWorker = worker;
      var settle = function(ready) {
        clearTimeout(timer);
        worker.onmessage = worker.onerror = null;
        if (!ready) PortalJs.endLinesWorker(worker);
        resolve(ready ? worker : null);
      };
      var timer = setTimeout(function() { settle(false); }, 15000);
      worker.onmessage = function(event) { if (event.data.type === 'ready') settle(true); };
      worker.onerror = function(event) {
        event.preventDefault();
        settle(false);
      };
    });
  },

  // The worker prepared while the code screen shows (portal_js_prepare_lines_decoder), else a new one.
  spareLinesWorker: null,
  takeLinesWorker: function() {
    var spare = PortalJs.spareLinesWorker;
    PortalJs.spareLinesWorker = null;
    return spare || PortalJs.startLinesWorker();
  },

  // Ending the worker drops its memory, with every line it decoded; a body still arriving for it
  // is cancelled (its load ends as failed, which nobody waits for after a logout).
  endLinesWorker: function(worker) {
    if (!worker) PortalJs.spareLinesWorker = null;
    worker = worker || PortalJs.linesWorker;
    if (!worker || worker.portalEnded) return;
    worker.portalEnded = true;
    var stop = worker.portalStop;
    worker.portalStop = null;
    worker.terminate();
    if (PortalJs.linesWorker === worker) PortalJs.linesWorker = null;
    if (stop) stop();
  },

  decodedKinds: {progress: 0, first: 1, done: 2, failed: 3},

  // One message of the worker into wasm: the counts, and the columns of the first rows or of every
  // line copied straight into the store the app takes (one copy, no JavaScript array of rows).
  deliverDecoded: function(context, id, message, received, total) {
    var started = performance.now();
    var sink = 0;
    if (message.buffers) {
      sink = _portal_lines_sink_new(message.resultRows);
      message.buffers.forEach(function(buffer, index) {
        var bytes = new Uint8Array(buffer);
        var at = _portal_lines_sink_buffer(sink, index, bytes.length);
        if (at) HEAPU8.set(bytes, at);
      });
      message.buffers = null;
    }
    var text = ['code', 'field', 'ja', 'en'].map(function(key) { return PortalJs.allocString(message[key] || ''); });
    _portal_on_lines_decoded(context, id, PortalJs.decodedKinds[message.type], message.rows, message.expected,
                             message.ms, performance.now() - started, received, total, sink, text[0], text[1],
                             text[2], text[3]);
    text.forEach(function(at) { _free(at); });
  },

  // Hands a version 2 lines payload to the worker piece by piece as it arrives (each piece moves,
  // it is not copied); the worker's counts, first rows, and every line or the payload's error come
  // back through deliverDecoded. Resolves like a fetch whose body is empty.
  streamToWorker: function(context, id, response, timer, worker) {
    var reader = response.body.getReader();
    var total = parseInt(response.headers.get('Content-Length') || '0', 10) || 0;
    var received = 0;
    return new Promise(function(resolve, reject) {
      var ended = false;
      var end = function(error) {
        if (ended) return;
        ended = true;
        clearTimeout(timer);
        PortalJs.endLinesWorker(worker);
        if (error) return reject(error);
        resolve({status: response.status, buffer: new ArrayBuffer(0), retryAfter: 0});
      };
      worker.onmessage = function(event) {
        var message = event.data;
        if (ended) return;
        PortalJs.deliverDecoded(context, id, message, received, total);
        if (message.type === 'failed') reader.cancel().catch(function() {});  // the rest is of no use
        if (message.type === 'done' || message.type === 'failed') end(null);
      };
      worker.onerror = function(event) {
        event.preventDefault();
        reader.cancel().catch(function() {});
        end(new Error('the lines decoder stopped'));
      };
      worker.portalStop = function() {
        reader.cancel().catch(function() {});
        end(new Error('the lines load was stopped'));
      };
      var pump = function() {
        reader.read().then(function(step) {
          if (ended) return;
          if (step.done) return worker.postMessage({type: 'end'});
          received += step.value.length;
          worker.postMessage({type: 'chunk', bytes: step.value}, [step.value.buffer]);
          pump();
        }, end);
      };
      pump();
    });
  },

  // Hands a version 2 lines payload to wasm piece by piece as it arrives (the app decodes each
  // piece at once and draws its progress bar); resolves like a fetch whose body is empty.
  streamBody: function(context, id, response, timer) {
    var reader = response.body.getReader();
    var total = parseInt(response.headers.get('Content-Length') || '0', 10) || 0;
    var received = 0;
    var decodingMs = 0;
    var sliceStart = 0;  // set when decoding starts, after answersFirst()
    var nearlyDone = function() {
      if (!total || !received || received >= total) return false;
      return (total - received) * decodingMs / received < PortalJs.streamFinishMs;
    };
    // A read can return a megabyte at once on a fast link: it is handed over in pieces, with the
    // page's turn between them.
    var feed = function(chunk, at) {
      if (at >= chunk.length) return pump();
      if (performance.now() - sliceStart > PortalJs.streamSliceMs && !nearlyDone()) {
        return PortalJs.afterFrame().then(function() {
          sliceStart = performance.now();
          return feed(chunk, at);
        });
      }
      var piece = chunk.subarray(at, at + PortalJs.streamPieceBytes);
      received += piece.length;
      var data = _malloc(piece.length || 1);
      HEAPU8.set(piece, data);
      var decodeStart = performance.now();
      _portal_on_fetch_chunk(context, id, data, piece.length, received, total);
      decodingMs += performance.now() - decodeStart;
      _free(data);
      return feed(chunk, at + piece.length);
    };
    var pump = function() {
      return reader.read().then(function(step) {
        if (step.done) {
          clearTimeout(timer);
          return {status: response.status, buffer: new ArrayBuffer(0), retryAfter: 0};
        }
        return feed(step.value, 0);
      });
    };
    return PortalJs.answersFirst().then(function() {
      sliceStart = performance.now();
      return pump();
    });
  }
});

mergeInto(LibraryManager.library, {
  // Starts the lines decode worker ahead of the lines request: its script and WebAssembly load and
  // compile while the customer types the code (a few hundred milliseconds on a busy machine).
  portal_js_use_lines_worker__deps: ['$PortalJs'],
  portal_js_use_lines_worker: function(on) {
    PortalJs.linesWorkerWanted = !!on;
  },

  portal_js_prepare_lines_decoder__deps: ['$PortalJs'],
  portal_js_prepare_lines_decoder: function() {
    if (PortalJs.linesWorkerWanted && !PortalJs.spareLinesWorker) PortalJs.spareLinesWorker = PortalJs.startLinesWorker();
  },

  // The lines decoder's warm-up (src/client/lines_warm_up.h): the site's payload of made-up lines,
  // decoded a few times, each in its own idle period, while the sign-in screen waits for the
  // customer, so that the browser optimises the decoder before a real payload arrives. The
  // worker, when used, decodes in its own instance: nothing to warm on the page then.
  portal_js_warm_lines_decoder__deps: ['$PortalJs', 'malloc', 'free'],
  portal_js_warm_lines_decoder: function(context) {
    if (PortalJs.warmUpStarted || PortalJs.linesWorkerWanted || PortalJs.linesRequested) return;
    PortalJs.warmUpStarted = true;
    var whenIdle = PortalJs.whenIdle;
    fetch('lines-warmup.pln2', {credentials: 'same-origin'}).then(function(response) {
      return response.ok ? response.arrayBuffer() : null;
    }).then(function(buffer) {
      if (!buffer || !buffer.byteLength) return;
      var bytes = new Uint8Array(buffer);
      var left = PortalJs.warmUpDecodes;
      var step = function() {
        if (left-- <= 0 || PortalJs.linesRequested) return;  // a real load needs the time now
        var data = _malloc(bytes.length);
        HEAPU8.set(bytes, data);
        _portal_on_lines_warm_up(context, data, bytes.length, PortalJs.streamPieceBytes);
        _free(data);
        whenIdle(step);
      };
      whenIdle(step);
    }).catch(function() {});  // only a missed speed-up: the real load decodes all the same
  },

  // The lines store's memory made resident ahead (src/client/lines_warm_up.h): one block of the
  // heap, written once per 4 KB page in idle periods while the customer reads the mail, then freed;
  // the store's allocations reuse those pages instead of faulting fresh ones in while the customer
  // waits for the table. A lines request frees the block at once.
  portal_js_prepare_lines_memory__deps: ['$PortalJs', 'malloc', 'free'],
  portal_js_prepare_lines_memory: function(context, bytes) {
    if (PortalJs.linesMemory || PortalJs.linesRequested || bytes <= 0) return;
    var block = _malloc(bytes);
    if (!block) return;
    var memory = PortalJs.linesMemory = {block: block, bytes: bytes, touched: 0};
    memory.release = function() {
      if (!memory.block) return;
      _free(memory.block);
      memory.block = 0;
      _portal_on_lines_memory(context, memory.touched);
    };
    // As much of an idle period as it offers, but no more than 16 ms at a time (a page fault costs
    // tens of microseconds on a slow machine: a key pressed meanwhile waits at most that long);
    // 1 MiB a turn where the browser has no idle callbacks.
    var step = function(deadline) {
      if (!memory.block) return;
      var started = performance.now();
      var from = memory.touched;
      var more = function() {
        if (memory.touched >= memory.bytes) return false;
        if (!deadline) return memory.touched - from < 1048576;
        return deadline.timeRemaining() > 1 && performance.now() - started < 16;
      };
      do {
        var end = Math.min(memory.bytes, memory.touched + 262144);
        for (var at = memory.touched; at < end; at += 4096) HEAPU8[memory.block + at] = 0;
        memory.touched = end;
      } while (more());
      if (memory.touched < memory.bytes) PortalJs.whenIdle(step);
      else memory.release();
    };
    PortalJs.whenIdle(step);
  },

  portal_js_device_memory_gib: function() {
    return (typeof navigator !== 'undefined' && Number(navigator.deviceMemory)) || 0;
  },

  portal_js_fetch__deps: ['$PortalJs', 'malloc', 'free'],
  portal_js_fetch: function(context, id, method, url, body, wantBinary) {
    method = UTF8ToString(method);
    url = UTF8ToString(url);
    body = UTF8ToString(body);
    var deliver = function(status, retryAfter, bytes, error) {
      var data = _malloc(bytes.length + 1);
      HEAPU8.set(bytes, data);
      var errorPtr = PortalJs.allocString(error);
      _portal_on_fetch_done(context, id, status, retryAfter, data, bytes.length, errorPtr);
      _free(errorPtr);
      _free(data);
    };
    PortalJs.inFlight++;
    if (wantBinary) {
      PortalJs.linesRequested = true;
      if (PortalJs.linesMemory) PortalJs.linesMemory.release();  // its pages are for this load
    }
    var settled = function() { PortalJs.inFlight--; };
    var prefetched = typeof Module['portalTakePrefetched'] === 'function' ? Module['portalTakePrefetched'](url) : null;
    var request;
    if (prefetched) {
      request = prefetched;
    } else {
      // Version 2 first; an older server that knows only version 1 answers with that.
      var linesTypes = 'application/vnd.portal050.lines; version=2, application/vnd.portal050.lines; version=1; q=0.5';
      var headers = {'Accept': wantBinary ? linesTypes : 'application/json'};
      var init = {method: method, credentials: 'same-origin', cache: 'no-store', headers: headers};
      if (method !== 'GET' && method !== 'HEAD') {
        headers['Content-Type'] = 'application/json';
        headers['X-Portal-CSRF'] = '1';
        init.body = body || '{}';
      }
      // Nothing may hang silently: give up after a minute (three for the lines payload, which
      // is tens of megabytes for the largest contracts) and say so.
      var controller = typeof AbortController === 'function' ? new AbortController() : null;
      var timer = 0;
      if (controller) {
        init.signal = controller.signal;
        timer = setTimeout(function() { controller.abort(); }, wantBinary ? 180000 : 60000);
      }
      var decoder = wantBinary && PortalJs.linesWorkerWanted ? PortalJs.takeLinesWorker() : Promise.resolve(null);
      request = Promise.all([fetch(url, init), decoder]).then(function(both) {
        var response = both[0], worker = both[1];
        var type = response.headers.get('Content-Type') || '';
        if (response.ok && /version=2/.test(type) && response.body && response.body.getReader) {
          if (worker) return PortalJs.streamToWorker(context, id, response, timer, worker);
          return PortalJs.streamBody(context, id, response, timer);
        }
        if (worker) PortalJs.endLinesWorker(worker);
        return response.arrayBuffer().then(function(buffer) {
          clearTimeout(timer);
          return {status: response.status, buffer: buffer,
                  retryAfter: parseInt(response.headers.get('Retry-After') || '0', 10) || 0};
        });
      }, function(err) {
        clearTimeout(timer);
        decoder.then(function(worker) { if (worker) PortalJs.endLinesWorker(worker); });
        throw err;
      });
    }
    var delivered = request.then(function(result) {
      settled();
      deliver(result.status, result.retryAfter, new Uint8Array(result.buffer), '');
    }, function(err) {
      settled();
      var text = err && err.name === 'AbortError' ? 'timeout' : String((err && err.message) || err || 'network error');
      deliver(0, 0, new Uint8Array(0), text);
    });
    if (!wantBinary && url.indexOf('/api/') === 0) {
      var answers = PortalJs.answersInFlight;
      answers.push(delivered);
      var forget = function() {
        var at = answers.indexOf(delivered);
        if (at >= 0) answers.splice(at, 1);
      };
      delivered.then(forget, forget);
    }
  },

  portal_js_download__deps: ['$PortalJs'],
  portal_js_download: function(name, bytes, size, mime) {
    var fileName = UTF8ToString(name);
    var type = UTF8ToString(mime);
    // The Blob takes its own copy of the bytes; no other copy is kept in JavaScript.
    var url = URL.createObjectURL(new Blob([HEAPU8.subarray(bytes, bytes + size)], {type: type}));
    var link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.className = 'portal-offscreen';
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    // The same file stays reachable as a real link for assistive technology for a minute, then
    // the object URL is revoked so the bytes are freed.
    var mirror = PortalJs.byId('a11y-download');
    if (mirror) {
      if (PortalJs.liveLink) URL.revokeObjectURL(PortalJs.liveLink.url);
      mirror.textContent = fileName;
      mirror.setAttribute('href', url);
      mirror.setAttribute('download', fileName);
      mirror.hidden = false;
    }
    var entry = {url: url};
    PortalJs.liveLink = entry;
    setTimeout(function() {
      URL.revokeObjectURL(url);
      if (PortalJs.liveLink === entry) {
        PortalJs.liveLink = null;
        if (mirror) { mirror.hidden = true; mirror.removeAttribute('href'); }
      }
    }, 60000);
  }
});
