// 050 Portal: every piece of JavaScript the client calls, linked with --js-library.
// C++ reaches these through src/client/platform/js_bridge.h; they call back into C++ through the
// exported portal_on_* / portal_test_* functions with the context pointer given to portal_js_init.
// No eval, no inline handlers: the page runs under a strict Content-Security-Policy.

mergeInto(LibraryManager.library, {
  $PortalJs: {
    context: 0,
    ime: null,
    textTargets: [],
    liveLink: null,
    loginForm: null,  // {kind, form, inputs, submit} while the login or the code screen shows
    inFlight: 0,     // fetches not settled yet: the page is not left while the logout is on its way
    leaving: false,  // the session ended: a fresh instance is being loaded
    // Copies a JS string into wasm memory; the caller frees it.
    allocString: function(text) {
      var size = lengthBytesUTF8(text) + 1;
      var ptr = _malloc(size);
      stringToUTF8(text, ptr, size);
      return ptr;
    },
    // Hands a version 2 lines payload to wasm piece by piece as it arrives (the app decodes each
    // piece at once and draws its progress bar); resolves like a fetch whose body is empty.
    streamBody: function(context, id, response, timer) {
      var reader = response.body.getReader();
      var total = parseInt(response.headers.get('Content-Length') || '0', 10) || 0;
      var received = 0;
      var pump = function() {
        return reader.read().then(function(step) {
          if (step.done) {
            clearTimeout(timer);
            return {status: response.status, buffer: new ArrayBuffer(0), retryAfter: 0};
          }
          var chunk = step.value;
          received += chunk.length;
          var data = _malloc(chunk.length || 1);
          HEAPU8.set(chunk, data);
          _portal_on_fetch_chunk(context, id, data, chunk.length, received, total);
          _free(data);
          return pump();
        });
      };
      return pump();
    },
    sendText: function(text) {
      if (!text || !PortalJs.context) return;
      var ptr = PortalJs.allocString(text);
      _portal_on_text(PortalJs.context, ptr);
      _free(ptr);
    },
    byId: function(id) { return document.getElementById(id); },
    // Drops every copy of the customer's data the page holds outside WebAssembly: the saved file's
    // object URL and its link, the live regions' text and whatever sits in the text input.
    forgetCustomer: function() {
      if (PortalJs.liveLink) {
        URL.revokeObjectURL(PortalJs.liveLink.url);
        PortalJs.liveLink = null;
      }
      var link = PortalJs.byId('a11y-download');
      if (link) {
        link.hidden = true;
        link.removeAttribute('href');
        link.removeAttribute('download');
        link.textContent = '';
      }
      ['a11y-status', 'a11y-error'].forEach(function(id) { PortalJs.setText(id, ''); });
      if (PortalJs.ime) PortalJs.ime.value = '';
      PortalJs.removeLoginForm();
    },
    // The login form password managers and browsers understand: a real <form> whose two inputs lie
    // exactly over the ImGui fields and hold the focus and caret while the customer types there.
    // Their text is the fields' text: every change (keys, IME, paste, a manager's fill that only
    // sets .value and fires input or change) goes to the app, which draws it on the canvas.
    // kind 0: the login (ID, password); kind 1: the e-mailed code, which browsers and phones offer
    // to fill from the message (one-time-code, numeric keyboard); kind 2: an authenticator app's
    // code or a recovery code (letters too, so the ordinary keyboard).
    createLoginForm: function(kind) {
      var form = document.createElement('form');
      form.id = kind === 0 ? 'portal-login' : 'portal-code';
      form.noValidate = true;
      var make = function(index, type, name, autocomplete) {
        var input = document.createElement('input');
        input.type = type;
        input.name = name;
        input.id = 'portal-login-' + name;
        input.className = 'portal-field';
        input.setAttribute('autocomplete', autocomplete);
        input.setAttribute('autocapitalize', 'off');
        input.setAttribute('spellcheck', 'false');
        var send = function() {
          var ptr = PortalJs.allocString(input.value);
          _portal_on_form_value(PortalJs.context, index, ptr);
          _free(ptr);
        };
        input.addEventListener('input', function(e) { if (!e.isComposing) send(); });
        input.addEventListener('compositionend', send);
        input.addEventListener('change', send);
        form.appendChild(input);
        return input;
      };
      var inputs;
      if (kind !== 0) {
        inputs = [make(0, 'text', 'code', 'one-time-code')];
        inputs[0].setAttribute('inputmode', kind === 1 ? 'numeric' : 'text');
        // Room for "123 456", full-width digits or a recovery code with its dash.
        inputs[0].setAttribute('maxlength', kind === 1 ? '12' : '16');
      } else {
        inputs = [make(0, 'text', 'username', 'username'), make(1, 'password', 'password', 'current-password')];
      }
      var submit = document.createElement('button');
      submit.type = 'submit';
      submit.tabIndex = -1;
      submit.className = 'portal-offscreen';
      form.appendChild(submit);
      // Enter, the submit button or a manager's auto-submit: the app sends the login itself.
      form.addEventListener('submit', function(e) {
        e.preventDefault();
        inputs.forEach(function(input) { input.dispatchEvent(new Event('change')); });
        _portal_on_form_submit(PortalJs.context);
      });
      document.body.appendChild(form);
      PortalJs.loginForm = {kind: kind, form: form, inputs: inputs, submit: submit};
      return PortalJs.loginForm;
    },
    removeLoginForm: function() {
      var login = PortalJs.loginForm;
      if (!login) return;
      login.inputs.forEach(function(input) { input.value = ''; input.remove(); });
      login.form.remove();
      PortalJs.loginForm = null;
    },
    // The HTML page (html.portal-dom): the login form's inputs go into the mirror's fields that
    // stand for them (their aria-owns names the input), in the page's flow and with a visible
    // label; the form attribute keeps them in their <form> for Enter and password managers.
    // Moved only when not there yet: moving an element takes its focus away.
    placeLoginInputs: function() {
      var login = PortalJs.loginForm;
      if (!login || !document.documentElement.classList.contains('portal-dom')) return;
      login.inputs.forEach(function(input) {
        input.setAttribute('form', login.form.id);
        var group = document.querySelector('#portal-mirror [aria-owns~="' + input.id + '"]');
        if (!group) return;  // not described (yet): it stays in its form below the page
        var label = group.querySelector('label.pm-owned-label');
        if (!label) {
          label = document.createElement('label');
          label.className = 'pm-owned-label';
          label.htmlFor = input.id;
          group.insertBefore(label, group.firstChild);
        }
        var name = group.getAttribute('aria-label') || input.getAttribute('aria-label') || '';
        if (label.textContent !== name) label.textContent = name;
        if (input.parentNode !== group) {
          var focused = document.activeElement === input;
          group.appendChild(input);
          if (focused) input.focus({preventScroll: true});
        }
      });
    },
    // The HTML page (html.portal-dom): a table of the mirror holds only the rows in the view of the
    // app's own (undrawn) table. After each, buttons page through it, reachable by Tab; on the grid
    // PageUp/PageDown, Home/End and the arrows do the same. Both ask the app for the row to show
    // first (portal_on_page_row: whole rows, so no page is a row off). The wheel over the grid
    // scrolls it until it reaches an end (then the page scrolls on), as wheel notches
    // (portal_on_page_scroll).
    decorateGrids: function() {
      if (!document.documentElement.classList.contains('portal-dom')) return;
      var en = document.documentElement.lang === 'en';
      var grids = document.querySelectorAll('#portal-mirror table[role="grid"]');
      Array.prototype.forEach.call(grids, function(grid) {
        if (!grid.portalPager) PortalJs.addPager(grid);
        var view = PortalJs.gridView(grid);
        PortalJs.setDisabled(grid.portalPrev, !(view.first > 0));
        PortalJs.setDisabled(grid.portalNext, !(view.shown > 0 && view.first + view.shown < view.rows));
        grid.portalPager.hidden = view.first === 0 && view.first + view.shown >= view.rows;
        if (!grid.hasAttribute('tabindex')) grid.tabIndex = 0;
        var texts = en ? ['▲ Previous rows', '▼ Next rows', 'Move through the rows of the table']
                       : ['▲ 前の行', '▼ 次の行', '表の行送り'];
        if (grid.portalPrev.textContent !== texts[0]) grid.portalPrev.textContent = texts[0];
        if (grid.portalNext.textContent !== texts[1]) grid.portalNext.textContent = texts[1];
        if (grid.portalPager.getAttribute('aria-label') !== texts[2]) grid.portalPager.setAttribute('aria-label', texts[2]);
      });
    },
    // Which data rows the grid shows: `first` (0 for the first row under the header), `shown` in
    // a run from it (a totals row after a gap is not one of them), and `rows` in all.
    gridView: function(grid) {
      var body = grid.tBodies[0], rows = body ? body.rows : [];
      var index = function(row) { return Number(row.getAttribute('aria-rowindex')) || 0; };
      var start = rows.length ? index(rows[0]) : 0, shown = 0;
      while (shown < rows.length && start > 0 && index(rows[shown]) === start + shown) shown++;
      return {first: Math.max(0, start - 2), shown: shown, rows: (Number(grid.getAttribute('aria-rowcount')) || 1) - 1};
    },
    setDisabled: function(button, disabled) {
      // aria-disabled, not disabled: a button that has the focus keeps it at the end of the rows.
      if ((button.getAttribute('aria-disabled') === 'true') !== disabled) {
        if (disabled) button.setAttribute('aria-disabled', 'true');
        else button.removeAttribute('aria-disabled');
      }
    },
    // The row to show first for a paging move, or -1 for none: a page is the rows shown now.
    pageTarget: function(grid, move) {
      var view = PortalJs.gridView(grid), page = Math.max(1, view.shown);
      switch (move) {
        case 'next': return view.first + view.shown < view.rows ? view.first + page : -1;
        case 'prev': return view.first > 0 ? Math.max(0, view.first - page) : -1;
        case 'down': return view.first + view.shown < view.rows ? view.first + 1 : -1;
        case 'up': return view.first > 0 ? view.first - 1 : -1;
        case 'first': return view.first > 0 ? 0 : -1;
        case 'last': return view.first + view.shown < view.rows ? view.rows : -1;  // the app keeps the last page full
      }
      return -1;
    },
    pageGrid: function(grid, move) {
      var row = PortalJs.pageTarget(grid, move);
      if (row >= 0) _portal_on_page_row(PortalJs.context, row);
    },
    addPager: function(grid) {
      var pager = document.createElement('div');
      pager.className = 'pm-pager';
      pager.setAttribute('role', 'group');
      pager.setAttribute('aria-controls', grid.id);
      var button = function(move) {
        var b = document.createElement('button');
        b.type = 'button';
        b.addEventListener('click', function() { PortalJs.pageGrid(grid, move); });
        pager.appendChild(b);
        return b;
      };
      grid.portalPrev = button('prev');
      grid.portalNext = button('next');
      grid.portalPager = pager;
      grid.portalAfter = pager;  // the mirror keeps it right after the grid (PortalMirror.build)
      grid.parentNode.insertBefore(pager, grid.nextSibling);
    },
    GRID_KEYS: {PageDown: 'next', PageUp: 'prev', ArrowDown: 'down', ArrowUp: 'up', Home: 'first', End: 'last'},
    onGridKey: function(e) {
      var move = PortalJs.GRID_KEYS[e.key];
      var grid = move && e.target.closest ? e.target.closest('#portal-mirror table[role="grid"]') : null;
      if (!grid || e.altKey || e.metaKey || e.shiftKey || e.defaultPrevented) return;
      e.preventDefault();  // the grid's rows move, not the page
      // A row's button that has the focus may leave with its row: the grid keeps the focus.
      if (document.activeElement !== grid) grid.focus({preventScroll: true});
      PortalJs.pageGrid(grid, move);
    },
    onPageWheel: function(e) {
      var grid = e.target.closest ? e.target.closest('#portal-mirror table[role="grid"]') : null;
      if (!grid || !grid.portalPager || e.deltaY === 0) return;
      if (PortalJs.pageTarget(grid, e.deltaY > 0 ? 'down' : 'up') < 0) return;  // the page scrolls on
      e.preventDefault();
      var scale = e.deltaMode === 1 ? 1 / 3 : e.deltaMode === 2 ? 1 : 1 / 100;  // as on the canvas
      _portal_on_page_scroll(PortalJs.context, e.deltaY * scale);
    },
    setText: function(id, text) {
      var el = PortalJs.byId(id);
      if (el && el.textContent !== text) el.textContent = text;
    },
    // The hidden <input> that receives IME compositions, mobile keyboards and paste: ImGui only
    // sees keys, and Japanese IME text never arrives through key events.
    createImeInput: function() {
      var input = PortalJs.byId('portal-ime');
      if (!input) {
        input = document.createElement('input');
        input.id = 'portal-ime';
        document.body.appendChild(input);
      }
      input.setAttribute('type', 'text');
      input.setAttribute('autocomplete', 'off');
      input.setAttribute('autocapitalize', 'off');
      input.setAttribute('spellcheck', 'false');
      input.setAttribute('aria-hidden', 'true');
      input.tabIndex = -1;
      var flush = function() {
        var text = input.value;
        input.value = '';
        PortalJs.sendText(text);
      };
      input.addEventListener('compositionstart', function() { input.classList.add('composing'); });
      input.addEventListener('compositionend', function() { input.classList.remove('composing'); flush(); });
      input.addEventListener('input', function(e) { if (!e.isComposing) flush(); });
      input.addEventListener('paste', function(e) {
        e.preventDefault();
        var data = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
        PortalJs.sendText(data.replace(/\r\n?/g, '\n'));
      });
      PortalJs.ime = input;
    },
    hookCanvas: function(canvas) {
      canvas.addEventListener('webglcontextlost', function(e) {
        e.preventDefault();  // allows the browser to restore the context later
        document.body.classList.add('portal-gl-lost');
        _portal_on_context(PortalJs.context, 1);
      });
      canvas.addEventListener('webglcontextrestored', function() {
        document.body.classList.remove('portal-gl-lost');
        _portal_on_context(PortalJs.context, 0);
      });
      // A mouse press focuses the hidden <input> at once: keys typed right after a click on a text
      // field must not be lost while the frame that activates the field is still to come (the app
      // blurs it again when the click did not land on a field). preventDefault keeps the browser
      // from moving focus to the canvas afterwards.
      canvas.addEventListener('mousedown', function(e) {
        if (!PortalJs.ime || e.button !== 0) return;
        e.preventDefault();
        PortalJs.ime.focus({preventScroll: true});
      });
      // Mobile keyboards only open when focus moves inside the tap's own event handler.
      canvas.addEventListener('touchend', function(e) {
        var touch = e.changedTouches && e.changedTouches[0];
        if (!touch || !PortalJs.ime) return;
        var box = canvas.getBoundingClientRect();
        var x = touch.clientX - box.left, y = touch.clientY - box.top;
        var t = PortalJs.textTargets;
        for (var i = 0; i + 3 < t.length; i += 4) {
          if (x >= t[i] && y >= t[i + 1] && x < t[i] + t[i + 2] && y < t[i + 1] + t[i + 3]) {
            PortalJs.ime.focus({preventScroll: true});
            return;
          }
        }
      }, {passive: true});
    }
  },

  portal_js_init__deps: ['$PortalJs', 'malloc', 'free'],
  portal_js_init: function(context) {
    PortalJs.context = context;
    PortalJs.createImeInput();
    PortalJs.hookCanvas(Module['canvas'] || PortalJs.byId('canvas'));
  },

  // Test build only (linked when platform/web_test_hook.cpp references it): the read-only
  // automation hook of the browser tests (docs/client.md). Downloads are not copied for it: the
  // tests take a file's bytes from the browser's own download.
  portal_js_install_test_hook__deps: ['$PortalJs', 'malloc', 'free'],
  portal_js_install_test_hook: function(context) {
    var read = function(ptr) { return ptr ? JSON.parse(UTF8ToString(ptr)) : null; };
    window.portalTest = Object.freeze({
      // While the page is being left for a fresh instance, the old one's state is of no use.
      state: function() {
        return PortalJs.leaving ? {screen: 'leaving', ready: false, idle: false} : read(_portal_test_state(context));
      },
      rect: function(id) {
        var ptr = PortalJs.allocString(String(id));
        var rect = read(_portal_test_rect(context, ptr));
        _free(ptr);
        return rect;
      }
    });
  },

  portal_js_set_text_input__deps: ['$PortalJs'],
  portal_js_set_text_input: function(active, x, y, lineHeight) {
    var input = PortalJs.ime;
    if (!input) return;
    input.style.left = Math.max(0, x) + 'px';
    input.style.top = Math.max(0, y) + 'px';
    input.style.height = Math.max(1, lineHeight) + 'px';
    input.style.fontSize = Math.max(16, lineHeight * 0.8) + 'px';  // below 16px iOS zooms the page
    if (active && document.activeElement !== input) {
      input.focus({preventScroll: true});
    } else if (!active && document.activeElement === input) {
      input.value = '';
      input.blur();
    }
  },

  portal_js_set_text_targets__deps: ['$PortalJs'],
  portal_js_set_text_targets: function(rects, count) {
    PortalJs.textTargets = Array.prototype.slice.call(HEAPF32.subarray(rects >> 2, (rects >> 2) + count * 4));
  },

  portal_js_set_cursor: function(cursor) {
    var canvas = Module['canvas'];
    var value = UTF8ToString(cursor);
    if (canvas && canvas.style.cursor !== value) canvas.style.cursor = value;
  },

  portal_js_clipboard_write: function(text) {
    var value = UTF8ToString(text);
    var fallback = function() {
      // Older browsers and non-secure origins: a temporary <textarea> and execCommand.
      var area = document.createElement('textarea');
      area.value = value;
      area.setAttribute('readonly', '');
      area.className = 'portal-offscreen';
      document.body.appendChild(area);
      area.select();
      try { document.execCommand('copy'); } catch (e) { /* nothing more we can do */ }
      document.body.removeChild(area);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(value).catch(fallback);
    } else {
      fallback();
    }
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
      request = fetch(url, init).then(function(response) {
        var type = response.headers.get('Content-Type') || '';
        if (response.ok && /version=2/.test(type) && response.body && response.body.getReader) {
          return PortalJs.streamBody(context, id, response, timer);
        }
        return response.arrayBuffer().then(function(buffer) {
          clearTimeout(timer);
          return {status: response.status, buffer: buffer,
                  retryAfter: parseInt(response.headers.get('Retry-After') || '0', 10) || 0};
        });
      }, function(err) {
        clearTimeout(timer);
        throw err;
      });
    }
    request.then(function(result) {
      settled();
      deliver(result.status, result.retryAfter, new Uint8Array(result.buffer), '');
    }, function(err) {
      settled();
      var text = err && err.name === 'AbortError' ? 'timeout' : String((err && err.message) || err || 'network error');
      deliver(0, 0, new Uint8Array(0), text);
    });
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
  },

  portal_js_set_accessible__deps: ['$PortalJs'],
  portal_js_set_accessible: function(title, screen, status, error, lang) {
    var titleText = UTF8ToString(title);
    if (document.title !== titleText) document.title = titleText;
    var langText = UTF8ToString(lang);
    if (document.documentElement.lang !== langText) document.documentElement.lang = langText;
    PortalJs.setText('a11y-screen', UTF8ToString(screen));
    PortalJs.setText('a11y-status', UTF8ToString(status));
    PortalJs.setText('a11y-error', UTF8ToString(error));
  },

  portal_js_app_ready: function() {
    document.body.classList.add('portal-ready');
    var canvas = Module['canvas'];
    if (canvas) canvas.setAttribute('aria-busy', 'false');
  },

  // ?kiosk=1, ?idle=SECONDS ...: the value of one query parameter of the page's URL,
  // "" when absent. The caller frees the returned string.
  portal_js_url_param__deps: ['$PortalJs'],
  portal_js_url_param: function(name) {
    var value = new URLSearchParams(window.location.search).get(UTF8ToString(name));
    return PortalJs.allocString(value === null ? '' : value);
  },

  // The session ended (logout, idle, expiry): the page forgets the customer at once and then
  // starts a fresh WebAssembly instance, because freed memory is not wiped memory. The reason
  // travels in the URL (?ended=) for the new instance to show. The reload waits (3 s at most)
  // for requests still on their way, so the server hears the logout.
  portal_js_end_session__deps: ['$PortalJs', '$PortalMirror'],
  portal_js_end_session: function(reason) {
    var key = UTF8ToString(reason);
    PortalJs.forgetCustomer();
    PortalMirror.clear();
    if (PortalJs.leaving) return;
    PortalJs.leaving = true;
    var deadline = Date.now() + 3000;
    var leave = function() {
      if (PortalJs.inFlight > 0 && Date.now() < deadline) {
        setTimeout(leave, 20);
        return;
      }
      var url = new URL(window.location.href);
      url.searchParams.set('ended', key);
      window.location.replace(url.toString());
    };
    leave();
  },

  // Shows (or moves) the login form over the ImGui fields; rects are x,y,w,h quadruples in CSS
  // pixels (ID field, password field), padX the fields' inner left padding; visible 0 removes it
  // (after a successful login the form leaving the DOM tells the browser to offer saving).
  portal_js_login_form__deps: ['$PortalJs', 'malloc', 'free'],
  portal_js_login_form: function(kind, rects, fontPx, padX, maskAdvance, showPassword, focusId, idLabel,
                                 passwordLabel, submitLabel) {
    if (PortalJs.loginForm && PortalJs.loginForm.kind !== kind) PortalJs.removeLoginForm();
    if (kind < 0) return;
    var login = PortalJs.loginForm || PortalJs.createLoginForm(kind);
    var r = HEAPF32.subarray(rects >> 2, (rects >> 2) + 8);
    var labels = [UTF8ToString(idLabel), UTF8ToString(passwordLabel)];
    login.inputs.forEach(function(input, i) {
      var s = input.style;
      var hidden = !(r[i * 4 + 2] > 0 && r[i * 4 + 3] > 0);
      s.display = hidden ? 'none' : 'block';
      s.left = r[i * 4] + 'px';
      s.top = r[i * 4 + 1] + 'px';
      s.width = r[i * 4 + 2] + 'px';
      s.height = r[i * 4 + 3] + 'px';
      s.fontSize = fontPx + 'px';
      s.paddingLeft = s.paddingRight = padX + 'px';
      if (input.getAttribute('aria-label') !== labels[i]) input.setAttribute('aria-label', labels[i]);
    });
    login.submit.textContent = UTF8ToString(submitLabel);
    var type = showPassword ? 'text' : 'password';
    if (kind === 0 && login.inputs[1].type !== type) login.inputs[1].type = type;
    if (kind === 0) {
      // The browser's dot and the canvas's '*' differ in width: spaced to the canvas's advance,
      // the caret and selection of the password input sit on the drawn text.
      var password = login.inputs[1], spacing = 0;
      if (!showPassword && maskAdvance > 0) {
        var measure = PortalJs.measure || (PortalJs.measure = document.createElement('canvas').getContext('2d'));
        measure.font = fontPx + 'px ' + getComputedStyle(password).fontFamily;
        spacing = maskAdvance - measure.measureText('\u2022').width;
      }
      password.style.letterSpacing = spacing ? spacing + 'px' : '';
    }
    PortalJs.placeLoginInputs();
    if (focusId) login.inputs[0].focus({preventScroll: true});
  },

  // The app changed a field itself (reset, a wipe): the input shows the same text.
  portal_js_login_values__deps: ['$PortalJs'],
  portal_js_login_values: function(id, password) {
    var login = PortalJs.loginForm;
    if (!login) return;
    var values = [UTF8ToString(id), UTF8ToString(password)];
    login.inputs.forEach(function(input, i) { if (input.value !== values[i]) input.value = values[i]; });
  },

  // True while a real input of a form has the focus: its keys belong to the browser's editing.
  portal_js_form_focused__deps: ['$PortalJs'],
  portal_js_form_focused: function() {
    var login = PortalJs.loginForm;
    return login && login.inputs.indexOf(document.activeElement) >= 0 ? 1 : 0;
  },

  // Removes a query parameter from the address bar without loading anything.
  portal_js_drop_url_param: function(name) {
    var url = new URL(window.location.href);
    url.searchParams.delete(UTF8ToString(name));
    window.history.replaceState(null, '', url.toString());
  },

  // Drawing stopped for good (no WebGL2, ?render=dom, a lost context never given back): the canvas
  // leaves and the HTML mirror is the page (portal.css, html.portal-dom). The reason picks the
  // line that tells the customer why the portal looks plainer, in the page's language.
  portal_js_set_dom_render__deps: ['$PortalJs'],
  portal_js_set_dom_render: function(reason) {
    var root = document.documentElement;
    root.setAttribute('data-render-reason', UTF8ToString(reason));
    root.classList.add('portal-dom');  // on <html>: the page scrolls in this mode
    document.body.classList.remove('portal-gl-lost');
    var canvas = Module['canvas'];
    if (canvas) {
      canvas.hidden = true;
      canvas.setAttribute('aria-hidden', 'true');
    }
    if (PortalJs.ime && document.activeElement === PortalJs.ime) PortalJs.ime.blur();
    document.addEventListener('wheel', PortalJs.onPageWheel, {passive: false});
    document.addEventListener('keydown', PortalJs.onGridKey);
    PortalJs.placeLoginInputs();
    PortalJs.decorateGrids();
  },

  portal_js_viewport_size: function(width, height) {
    var root = document.documentElement;
    HEAPF64[width >> 3] = window.innerWidth || root.clientWidth || 0;
    HEAPF64[height >> 3] = window.innerHeight || root.clientHeight || 0;
  },

  // Kiosk mode: no text selection, no long-press callout, no context menu on the page.
  portal_js_set_kiosk: function(on) {
    document.body.classList.toggle('portal-kiosk', !!on);
    if (on && !PortalJs.kioskMenuBlocked) {
      PortalJs.kioskMenuBlocked = true;
      document.addEventListener('contextmenu', function(event) {
        if (document.body.classList.contains('portal-kiosk')) event.preventDefault();
      });
    }
  },

  portal_js_fatal__deps: ['$PortalJs'],
  portal_js_fatal: function(ja, en) {
    PortalJs.setText('fatal-ja', UTF8ToString(ja));
    PortalJs.setText('fatal-en', UTF8ToString(en));
    document.body.classList.add('portal-fatal');
  }
});
