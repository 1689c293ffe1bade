// 050 Portal boot script: checks that the browser runs WebAssembly, downloads the module and the
// display font in parallel with a progress bar, then starts portal.js. No inline
// scripts or handlers anywhere (the page runs under a strict Content-Security-Policy).
(function () {
  'use strict';
  var FONT_URL = 'fonts/BIZUDGothic-ui.ttf';  // the small first font; the full one follows later
  var SESSION_URL = '/api/v1/auth/session';  // exactly as app_session.cpp and app_kiosk.cpp ask
  var CLIENT_CONFIG_URL = '/api/v1/client-config';
  var byId = function (id) { return document.getElementById(id); };

  function fatal(ja, en) {
    byId('fatal-ja').textContent = ja;
    byId('fatal-en').textContent = en;
    document.body.classList.add('portal-fatal');
  }

  // The portal's WebAssembly copies memory with the bulk-memory instructions (Chrome 75, Firefox
  // 79, Safari 15 and later): a browser that cannot validate a module using memory.copy gets the
  // message below instead of a failed start.
  function hasWebAssembly() {
    try {
      return typeof WebAssembly === 'object' && WebAssembly.validate(new Uint8Array([
        0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,  // magic number, version 1
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00,              // one type: () -> ()
        0x03, 0x02, 0x01, 0x00,                          // one function of that type
        0x05, 0x03, 0x01, 0x00, 0x00,                    // one memory, no pages
        0x0a, 0x0e, 0x01, 0x0c, 0x00,                    // its code: no locals,
        0x41, 0x00, 0x41, 0x00, 0x41, 0x00,              // i32.const 0 (three times),
        0xfc, 0x0a, 0x00, 0x00, 0x0b                     // memory.copy, end
      ]));
    } catch (e) {
      return false;
    }
  }

  // Progress over both downloads. With compression the byte counts are of the decoded body while
  // Content-Length counts the encoded one, so each part is capped at its own share.
  var parts = {};
  function updateProgress() {
    var loaded = 0, total = 0;
    Object.keys(parts).forEach(function (key) {
      var part = parts[key];
      if (!part.total) return;
      total += part.total;
      loaded += Math.min(part.loaded, part.total);
    });
    var bar = byId('loading-progress');
    if (total > 0) bar.value = Math.round(loaded * 100 / total);
  }

  function download(url, key) {
    parts[key] = {loaded: 0, total: 0};
    return fetch(url, {credentials: 'same-origin'}).then(function (response) {
      if (!response.ok) throw new Error(url + ': HTTP ' + response.status);
      parts[key].total = Number(response.headers.get('Content-Length')) || 0;
      if (!response.body || !response.body.getReader) return response.arrayBuffer();
      var reader = response.body.getReader();
      var chunks = [], size = 0;
      var pump = function () {
        return reader.read().then(function (step) {
          if (step.done) {
            var bytes = new Uint8Array(size), at = 0;
            chunks.forEach(function (chunk) { bytes.set(chunk, at); at += chunk.length; });
            parts[key].loaded = parts[key].total;
            updateProgress();
            return bytes.buffer;
          }
          chunks.push(step.value);
          size += step.value.length;
          parts[key].loaded = size;
          updateProgress();
          return pump();
        });
      };
      return pump();
    });
  }

  // The same request portal_lib.js would send for a JSON GET, answered in the shape it expects.
  function prefetchJson(url) {
    return fetch(url, {method: 'GET', credentials: 'same-origin', cache: 'no-store',
                       headers: {'Accept': 'application/json'}}).then(function (response) {
      return response.arrayBuffer().then(function (buffer) {
        return {status: response.status, buffer: buffer,
                retryAfter: parseInt(response.headers.get('Retry-After') || '0', 10) || 0};
      });
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll('button.reload'), function (button) {
      button.addEventListener('click', function () { window.location.reload(); });
    });
    if (!hasWebAssembly()) {
      fatal('お使いのブラウザーはポータルに必要な WebAssembly の機能に対応していないため、ポータルを表示できません。最新の Chrome、Edge、Firefox、Safari をお使いください。',
            'This browser does not support the WebAssembly features the portal needs. Please use a current Chrome, Edge, Firefox or Safari.');
      return;
    }
    // No WebGL2 is no reason to stop: the app then shows its HTML page (web_platform.cpp).

    var wasm = download('portal.wasm', 'wasm');
    // The UI font is fetched now, in parallel, and handed over when the app asks for it after its
    // first frame (portal_lib.js asks Module.portalTakePrefetched first).
    var prefetched = {};
    prefetched[FONT_URL] = download(FONT_URL, 'font').then(function (buffer) {
      return {status: 200, retryAfter: 0, buffer: buffer};
    });
    prefetched[FONT_URL].catch(function () { /* reported when the app takes it */ });
    // The first answers the app needs (is there a live session, is this a kiosk) travel while the
    // WebAssembly downloads, so the first frame can already show the login screen.
    [SESSION_URL, CLIENT_CONFIG_URL].forEach(function (url) {
      prefetched[url] = prefetchJson(url);
      prefetched[url].catch(function () { /* reported when the app takes it */ });
    });

    window.Module = {
      canvas: byId('canvas'),
      print: function (text) { console.log(text); },
      printErr: function (text) { console.warn(text); },
      portalTakePrefetched: function (url) {
        var promise = prefetched[url] || null;
        delete prefetched[url];  // a retry fetches afresh
        return promise;
      },
      instantiateWasm: function (imports, done) {
        wasm.then(function (bytes) {
          return WebAssembly.instantiate(bytes, imports);
        }).then(function (result) {
          done(result.instance, result.module);
        }).catch(function (error) {
          fatal('プログラムを読み込めませんでした (' + error.message + ')。通信環境をご確認のうえ、再読み込みしてください。',
                'The program could not be loaded (' + error.message + '). Please check your connection and reload.');
        });
        return {};  // asynchronous instantiation
      },
      onAbort: function (what) {
        fatal('予期しないエラーで停止しました。再読み込みしてください。(' + what + ')',
              'The portal stopped after an unexpected error. Please reload. (' + what + ')');
      }
    };
    var script = document.createElement('script');
    script.src = 'portal.js';
    script.onerror = function () {
      fatal('プログラムを読み込めませんでした。通信環境をご確認のうえ、再読み込みしてください。',
            'The program could not be loaded. Please check your connection and reload.');
    };
    document.body.appendChild(script);
  }

  start();
})();
