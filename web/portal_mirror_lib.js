// 050 Portal: the DOM mirror of the screen, the second half of the client's JavaScript library
// (linked with --js-library beside web/portal_lib.js; C++ reaches it through
// src/client/platform/js_bridge.h). The app describes each screen once (src/client/ui/
// screen_description.h); this keeps #portal-mirror in step with that description with real,
// stylable elements (headings, paragraphs, buttons, inputs, tables) keyed by the nodes' stable keys,
// so an element that stays is updated in place and keeps its focus. Activating or focusing a
// mirrored control, or typing into a mirrored field, goes back to the app (portal_on_mirror), which
// acts exactly as for the canvas.

mergeInto(LibraryManager.library, {
  $PortalMirror__deps: ['$PortalJs', 'malloc', 'free'],
  $PortalMirror: {
    root: null,
    following: false,  // true while the mirror's focus follows the app's (no echo back)
    elements: null,  // key -> element of the last description (a Map, made on first use: the
                     // library's objects are copied into the build as source text)
    map: function() {
      if (!PortalMirror.elements) PortalMirror.elements = new Map();
      return PortalMirror.elements;
    },
    // Flags of a node (node_flags in screen_description.h).
    CHECKED: 1, DISABLED: 2, INVALID: 4, MASKED: 8, NUMERIC: 16, HEADER_ROW: 32, ERROR: 64, PRESSED: 128,
    MUTED: 256, EXTERNAL: 512, COLLAPSIBLE: 1024, EXPANDED: 2048,
    send: function(kind, key, value) {
      if (!PortalJs.context) return;
      var keyPtr = PortalJs.allocString(key);
      var valuePtr = PortalJs.allocString(value || '');
      _portal_on_mirror(PortalJs.context, kind, keyPtr, valuePtr);
      _free(valuePtr);
      _free(keyPtr);
    },
    getRoot: function() {
      if (PortalMirror.root) return PortalMirror.root;
      var root = PortalJs.byId('portal-mirror');
      if (!root) {
        root = document.createElement('div');
        root.id = 'portal-mirror';
        root.className = 'portal-mirror visually-hidden';
        document.body.appendChild(root);
      }
      // Delegated listeners: a screen reader's "click", a click on a visible mirror (no WebGL2),
      // focus moving by Tab or by the reader's cursor, text typed into a mirrored field.
      root.addEventListener('click', function(e) {
        var target = e.target.closest('[data-key]');
        if (!target || !root.contains(target) || target.dataset.act !== '1') return;
        // The app decides the state: a checkbox or radio shows what the app says next frame.
        if (target.type === 'checkbox' || target.type === 'radio') e.preventDefault();
        PortalMirror.send(0, target.dataset.key, '');
      });
      root.addEventListener('focusin', function(e) {
        var target = e.target.closest('[data-key]');
        if (target && !PortalMirror.following) PortalMirror.send(1, target.dataset.key, '');
      });
      root.addEventListener('input', function(e) {
        var target = e.target;
        if (target.dataset && target.dataset.field === '1' && !e.isComposing) {
          PortalMirror.send(2, target.dataset.key, target.value);
        }
      });
      root.addEventListener('focusout', function(e) {
        var target = e.target;
        if (target.dataset && target.dataset.field === '1') PortalMirror.send(2, target.dataset.key, target.value);
      });
      root.addEventListener('compositionend', function(e) {
        var target = e.target;
        if (target.dataset && target.dataset.field === '1') PortalMirror.send(2, target.dataset.key, target.value);
      });
      PortalMirror.root = root;
      return root;
    },
    // What decides the element's tag: a change means a new element.
    roleKey: function(node) {
      return node.r + (node.r === 'heading' ? node.l : '') + ((node.f || 0) & PortalMirror.EXTERNAL ? 'x' : '');
    },
    el: function(tag, className) {
      var element = document.createElement(tag);
      if (className) element.className = className;
      return element;
    },
    // A new element for a node: `text` is where its name goes, `slot` where its children go,
    // `focus` what takes the focus, `fixed` how many leading children are the element's own.
    make: function(node) {
      var M = PortalMirror, r = node.r, e, text = null, slot = null, focus = null, fixed = 0;
      var id = 'pm-' + node.k;
      switch (r) {
        case 'header': e = M.el('header'); slot = e; break;
        case 'main': e = M.el('main'); slot = e; break;
        case 'section': e = M.el('section'); slot = e; break;
        case 'heading': e = M.el('h' + Math.max(2, Math.min(6, node.l || 2))); text = e; break;
        case 'text': e = M.el('p'); text = e; break;
        case 'status': e = M.el('p'); e.setAttribute('role', 'status'); text = e; break;
        case 'button':
          e = M.el('button'); e.type = 'button'; text = e; focus = e; break;
        case 'checkbox':
        case 'radio':
          e = M.el('label');
          focus = M.el('input'); focus.type = r; focus.id = id + '-input';
          text = M.el('span');
          e.appendChild(focus); e.appendChild(text);
          break;
        case 'radiogroup':
          e = M.el('fieldset'); e.setAttribute('role', 'radiogroup');
          text = M.el('legend'); e.appendChild(text); slot = e; fixed = 1;
          break;
        case 'field':
          if ((node.f || 0) & PortalMirror.EXTERNAL) {
            // The login form's real input (a password manager's) is this field: the AX tree
            // reads it here, in the screen's order, though it stays over the canvas.
            e = M.el('div'); e.setAttribute('role', 'group'); break;
          }
          e = M.el('div');
          text = M.el('label');
          focus = M.el('input'); focus.type = 'text'; focus.id = id + '-input'; focus.dataset.field = '1';
          focus.setAttribute('autocomplete', 'off');
          text.htmlFor = focus.id;
          var detail = M.el('p', 'pm-detail'); detail.id = id + '-detail';
          e.appendChild(text); e.appendChild(focus); e.appendChild(detail);
          e.portalDetail = detail;
          break;
        case 'select':
          // A choice of many (how many numbers the chart shows): the app answers the option
          // chosen, as for a field's text.
          e = M.el('div');
          text = M.el('label');
          focus = M.el('select'); focus.id = id + '-input'; focus.dataset.field = '1';
          text.htmlFor = focus.id;
          e.appendChild(text); e.appendChild(focus); slot = focus;
          break;
        case 'option': e = M.el('option'); text = e; break;
        case 'list': e = M.el('ul'); slot = e; break;
        case 'item': e = M.el('li'); slot = e; break;
        case 'table':
        case 'grid':
          e = M.el('table');
          if (r === 'grid') e.setAttribute('role', 'grid');
          text = M.el('caption');
          e.portalHead = M.el('thead'); e.portalBody = M.el('tbody');
          e.appendChild(text); e.appendChild(e.portalHead); e.appendChild(e.portalBody);
          break;
        case 'row': e = M.el('tr'); slot = e; break;
        case 'colhead':
          // A sortable header is a button inside the <th>: activating it sorts, as a click does.
          e = M.el('th'); e.scope = 'col'; focus = M.el('button'); focus.type = 'button';
          text = focus; e.appendChild(focus); break;
        case 'rowhead': e = M.el('th'); e.scope = 'row'; text = M.el('span'); e.appendChild(text); slot = e; fixed = 1; break;
        case 'cell': e = M.el('td'); text = M.el('span'); e.appendChild(text); slot = e; fixed = 1; break;
        case 'alertdialog':
          e = M.el('div'); e.setAttribute('role', 'alertdialog'); e.setAttribute('aria-modal', 'true');
          text = M.el('h2'); text.id = id + '-title';
          var message = M.el('p'); message.id = id + '-message';
          e.setAttribute('aria-labelledby', text.id); e.setAttribute('aria-describedby', message.id);
          e.appendChild(text); e.appendChild(message); e.portalDetail = message; slot = e; fixed = 2;
          break;
        default: e = M.el('div'); slot = e; break;
      }
      e.id = id;
      e.className = 'pm-' + r;
      e.portalRole = M.roleKey(node);
      e.portalText = text;
      e.portalSlot = slot;
      e.portalFixed = fixed;
      e.portalFocus = focus;
      if (focus) {
        focus.dataset.key = node.k;
        if (r !== 'field' && r !== 'select') focus.dataset.act = '1';
      }
      return e;
    },
    setAttr: function(element, name, value) {
      if (value === null) {
        if (element.hasAttribute(name)) element.removeAttribute(name);
      } else if (element.getAttribute(name) !== value) {
        element.setAttribute(name, value);
      }
    },
    update: function(e, node) {
      var M = PortalMirror, f = node.f || 0;
      if (e.portalText && e.portalText.textContent !== node.n) e.portalText.textContent = node.n;
      e.classList.toggle('pm-error', !!(f & M.ERROR));
      e.classList.toggle('pm-muted', !!(f & M.MUTED));
      var focus = e.portalFocus;
      if (focus) M.setAttr(focus, 'aria-disabled', f & M.DISABLED ? 'true' : null);
      switch (node.r) {
        case 'button':
          M.setAttr(e, 'aria-label', node.s || null);
          M.setAttr(e, 'aria-pressed', f & M.PRESSED ? 'true' : null);
          M.setAttr(e, 'aria-expanded', f & M.COLLAPSIBLE ? String(!!(f & M.EXPANDED)) : null);
          break;
        case 'checkbox':
        case 'radio': if (focus.checked !== !!(f & M.CHECKED)) focus.checked = !!(f & M.CHECKED); break;
        case 'field': {
          if (f & M.EXTERNAL) {
            M.setAttr(e, 'aria-owns', node.v || null);
            M.setAttr(e, 'aria-label', node.n);
            break;
          }
          // Text being typed stays as typed: the app's answer (a date not yet complete) shows
          // once the field is left.
          var value = node.v || '';
          if (focus.value !== value && document.activeElement !== focus) focus.value = value;
          M.setAttr(focus, 'inputmode', f & M.NUMERIC ? 'numeric' : null);
          M.setAttr(focus, 'aria-invalid', f & M.INVALID ? 'true' : null);
          e.portalDetail.textContent = node.d || '';
          e.portalDetail.hidden = !node.d;
          M.setAttr(focus, 'aria-describedby', node.d ? e.portalDetail.id : null);
          break;
        }
        case 'grid':
          M.setAttr(e, 'aria-rowcount', String(node.l || 0));
          M.setAttr(e, 'aria-colcount', node.c ? String(node.c) : null);
          break;
        case 'row': M.setAttr(e, 'aria-rowindex', node.l ? String(node.l) : null); break;
        case 'colhead': M.setAttr(e, 'aria-sort', ['none', 'ascending', 'descending'][node.l || 0] || 'none'); break;
        case 'section': M.setAttr(e, 'aria-label', node.n || null); break;
        // A cell is named by its own text: without a label, its buttons' names would be read into it.
        case 'option':
          if (e.value !== node.n) e.value = node.n;
          if (e.selected !== !!(f & M.CHECKED)) e.selected = !!(f & M.CHECKED);
          break;
        case 'cell':
          M.setAttr(e, 'aria-label', f & M.MASKED || (node.ch && node.ch.length) ? node.n : null);
          e.classList.toggle('pm-number', !!(f & M.NUMERIC));  // right-aligned, as on the canvas
          M.showMask(e, !!(f & M.MASKED));
          break;
        case 'alertdialog': e.portalDetail.textContent = node.d || ''; break;
      }
    },
    // What the eye gets instead of the words a screen reader hears, for the HTML page shown without
    // WebGL2 (portal_dom.css hides .pm-spoken there; in the hidden mirror it changes nothing):
    // a masked password shows as a row of dots, as on the canvas, beside its spoken name.
    MASK: '●●●●●●',
    showMask: function(cell, masked) {
      var mask = cell.portalMask;
      cell.portalText.classList.toggle('pm-spoken', masked);
      if (masked === !!mask) return;
      if (masked) {
        mask = PortalMirror.el('span', 'pm-mask');
        mask.setAttribute('aria-hidden', 'true');
        mask.textContent = PortalMirror.MASK;
        cell.insertBefore(mask, cell.portalText);
      } else {
        mask.remove();
        mask = null;
      }
      cell.portalMask = mask;
      cell.portalFixed = mask ? 2 : 1;  // the cell's own leading children, before its buttons
    },
    // A table's caption that repeats a heading of the screen (ご契約内容 under ご契約内容) is
    // for screen readers only on the HTML page: it names the table, the heading shows it.
    markRepeatedCaptions: function(root) {
      var headings = new Set();
      root.querySelectorAll('h2, h3, h4, h5, h6').forEach(function(h) { headings.add(h.textContent); });
      root.querySelectorAll('caption').forEach(function(caption) {
        caption.classList.toggle('pm-spoken', headings.has(caption.textContent));
      });
    },
    // Puts `elements` in order as the children of `container` after its own fixed children,
    // moving only what is out of place (moving an element would blur it).
    order: function(container, fixed, elements) {
      var ref = container.childNodes[fixed] || null;
      elements.forEach(function(element) {
        if (ref === element) {
          ref = ref.nextSibling;
        } else {
          container.insertBefore(element, ref);
        }
      });
      while (ref) {  // what is left over belongs to no node any more
        var next = ref.nextSibling;
        container.removeChild(ref);
        ref = next;
      }
    },
    build: function(nodes, container, fixed, seen) {
      var M = PortalMirror, placed = [], head = [], body = [];
      (nodes || []).forEach(function(node) {
        var e = M.map().get(node.k);
        if (!e || e.portalRole !== M.roleKey(node)) {
          var fresh = M.make(node);
          if (e && e.parentNode) e.parentNode.replaceChild(fresh, e);
          e = fresh;
          M.map().set(node.k, e);
        }
        seen.add(node.k);
        M.update(e, node);
        if (e.portalHead) {
          var rows = node.ch || [];
          M.build(rows.filter(function(row) { return (row.f || 0) & M.HEADER_ROW; }), e.portalHead, 0, seen);
          M.build(rows.filter(function(row) { return !((row.f || 0) & M.HEADER_ROW); }), e.portalBody, 0, seen);
        } else if (e.portalSlot) {
          M.build(node.ch, e.portalSlot, e.portalFixed, seen);
        }
        placed.push(e);
        if (e.portalAfter) placed.push(e.portalAfter);  // what the page put after it (a grid's pager)
      });
      M.order(container, fixed, placed);
    },
    apply: function(json) {
      var M = PortalMirror, seen = new Set();
      M.build(JSON.parse(json), M.getRoot(), 0, seen);
      M.map().forEach(function(element, key) {
        if (!seen.has(key)) M.map().delete(key);
      });
      M.markRepeatedCaptions(M.getRoot());
      // Only on the HTML page shown without WebGL2: the login inputs and table paging in place.
      PortalJs.placeLoginInputs();
      PortalJs.decorateGrids();
    },
    // Everything the mirror holds goes: it may show the customer's lines and numbers.
    clear: function() {
      if (PortalMirror.root) PortalMirror.root.textContent = '';
      PortalMirror.map().clear();
    }
  },

  portal_js_mirror_update__deps: ['$PortalMirror'],
  portal_js_mirror_update: function(json) {
    PortalMirror.apply(UTF8ToString(json));
  },

  // The app's focused item changed (Tab on the canvas, a click on the canvas, the mirror): the
  // mirror's element follows, so a screen reader's point of regard is where the canvas's focus is,
  // whether a keyboard or a mouse moved it. It never takes the focus from a field the customer is
  // typing in (a form's real input, a mirrored field, anything editable of the page); the hidden
  // IME input counts as free, as it only holds the focus for the canvas's own text fields (the app
  // does not ask for those).
  portal_js_mirror_focus__deps: ['$PortalMirror'],
  portal_js_mirror_focus: function(key) {
    var M = PortalMirror;
    var element = M.map().get(UTF8ToString(key));
    var target = element && (element.portalFocus || null);
    if (!target || document.activeElement === target) return;
    var active = document.activeElement;
    var free = !active || active === document.body || active.id === 'canvas' || active === PortalJs.ime ||
        (M.root && M.root.contains(active) && !(active.dataset && active.dataset.field === '1'));
    if (!free) return;
    // The focus the app asked for is not a new request from the page: no Focus goes back.
    M.following = true;
    try {
      target.focus({preventScroll: true});
    } finally {
      M.following = false;
    }
  },

  // 1 while a mirrored text field has the focus: its keys are the browser's to edit with.
  portal_js_mirror_field_focused__deps: ['$PortalMirror'],
  portal_js_mirror_field_focused: function() {
    var active = document.activeElement;
    return PortalMirror.root && active && active.dataset && active.dataset.field === '1' &&
        PortalMirror.root.contains(active) ? 1 : 0;
  },

  portal_js_ime_numeric__deps: ['$PortalJs'],
  portal_js_ime_numeric: function(numeric) {
    if (!PortalJs.ime) return;
    if (numeric) PortalJs.ime.setAttribute('inputmode', 'numeric');
    else PortalJs.ime.removeAttribute('inputmode');
  },

  // The first layout of text the page has never shown costs the browser far more than later ones
  // (glyph outlines, font fallback): the menu's and the contract screen's first frames paid it.
  // Every string of the app is laid out here once, in idle time while the sign-in screen waits,
  // in the elements the mirror uses (paragraph, heading, button, table cell), then removed.
  portal_js_warm_text_layout__deps: ['$PortalMirror', '$PortalJs'],
  portal_js_warm_text_layout: function(lines) {
    if (PortalMirror.layoutWarmed) return;
    PortalMirror.layoutWarmed = true;
    var texts = UTF8ToString(lines).split('\n').filter(function(t) { return t.length > 0; });
    var at = 0;
    var whenIdle = PortalJs.whenIdle;
    var step = function() {
      var box = document.createElement('div');
      box.className = 'visually-hidden';
      box.setAttribute('aria-hidden', 'true');
      var table = document.createElement('table'), row = table.insertRow();
      for (var end = Math.min(texts.length, at + 10); at < end; ++at) {  // tasks of a few ms
        ['p', 'h2', 'button'].forEach(function(tag) {
          var element = document.createElement(tag);
          element.textContent = texts[at];
          box.appendChild(element);
        });
        row.insertCell().textContent = texts[at];
        var th = document.createElement('th');
        th.textContent = texts[at];
        row.appendChild(th);
      }
      box.appendChild(table);
      document.body.appendChild(box);
      box.getBoundingClientRect();  // the layout itself
      box.remove();
      if (at < texts.length) whenIdle(step);
    };
    whenIdle(step);
  },

  portal_js_mirror_clear__deps: ['$PortalMirror'],
  portal_js_mirror_clear: function() {
    PortalMirror.clear();
  }
});
