// 050 Portal: the core of the one JavaScript library the client calls. The library is this file
// and the web/portal_*_lib.js files beside it (fetch, forms, page, mirror), each linked with
// --js-library, this one first: it defines the one PortalJs object the others add their helpers to.
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
      if (PortalJs.endLinesWorker) PortalJs.endLinesWorker();  // a decode under way, with its lines
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
      },
      // Every marked item of the last frame, in view or not, and the windows' scroll extents.
      marks: function() { return read(_portal_test_marks(context)); }
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
    // A real input of a form laid over the field edits it: ImGui still asks for text input on the
    // frame after it let go of the field, and must not take the focus back.
    var form = PortalJs.loginForm;
    if (form && form.inputs.indexOf(document.activeElement) >= 0) return;
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

  // Removes a query parameter from the address bar without loading anything.
  portal_js_drop_url_param: function(name) {
    var url = new URL(window.location.href);
    url.searchParams.delete(UTF8ToString(name));
    window.history.replaceState(null, '', url.toString());
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
