// 050 Portal: the real forms of the client's JavaScript library (web/portal_lib.js and the other
// web/portal_*_lib.js files, each linked with --js-library): the login and code forms laid over
// the canvas for password managers, autofill and IME. C++ reaches it through
// src/client/platform/js_bridge.h.

// Helpers of this concern join the one PortalJs object (defined in web/portal_lib.js, the
// first --js-library) before the build emits it.
Object.assign(LibraryManager.library.$PortalJs, {
  // The login form password managers and browsers understand: a real <form> whose two inputs lie
  // exactly over the ImGui fields and hold the focus and caret while the customer types there.
  // Their text is the fields' text: every change (keys, IME, paste, a manager's fill that only
  // sets .value and fires input or change) goes to the app, which draws it on the canvas.
  // kind 0: the login (ID, password); kind 1: the e-mailed code, which browsers and phones offer
  // to fill from the message (one-time-code, numeric keyboard); kind 2: an authenticator app's
  // code or a recovery code (letters too, so the ordinary keyboard); kind 3: a screen's number
  // field (電話番号, the call-detail number) while it is edited, the numeric keyboard.
  createLoginForm: function(kind) {
    var form = document.createElement('form');
    form.id = ['portal-login', 'portal-code', 'portal-code', 'portal-field'][kind];
    form.noValidate = true;
    var make = function(index, type, name, autocomplete) {
      var input = document.createElement('input');
      input.type = type;
      input.name = name;
      input.id = (kind === 3 ? 'portal-field-' : 'portal-login-') + name;
      input.className = 'portal-field';
      input.setAttribute('autocomplete', autocomplete);
      input.setAttribute('autocapitalize', 'off');
      input.setAttribute('spellcheck', 'false');
      var send = function() {
        // Remembered so that the app's echo of an older text, still on its way while the
        // customer types on, is not written back over newer keys (see portal_js_login_values).
        input.portalSent = (input.portalSent || []).concat([input.value]).slice(-32);
        var ptr = PortalJs.allocString(input.value);
        _portal_on_form_value(PortalJs.context, index, ptr);
        _free(ptr);
      };
      input.addEventListener('input', function(e) { if (!e.isComposing) send(); });
      input.addEventListener('compositionend', send);
      input.addEventListener('change', send);
      // Tab, a screen reader or a manager reached the input: the app scrolls its field into view.
      input.addEventListener('focus', function() { _portal_on_form_focus(PortalJs.context, index); });
      form.appendChild(input);
      return input;
    };
    var inputs;
    if (kind === 3) {
      inputs = [make(0, 'text', 'number', 'off')];
      inputs[0].setAttribute('inputmode', 'numeric');
    } else if (kind !== 0) {
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
    login.inputs.forEach(function(input) { input.value = ''; input.portalSent = []; input.remove(); });
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
  }
});

mergeInto(LibraryManager.library, {
  // Shows (or moves) the login form over the ImGui fields; rects are x,y,w,h quadruples in CSS
  // pixels (ID field, password field), padX the fields' inner left padding; visible 0 removes it
  // (after a successful login the form leaving the DOM tells the browser to offer saving).
  // A field scrolled out of view (bit i of offscreenMask) keeps its input where the field lies,
  // outside the view, taking no clicks (it may overlap the header's edge): a password manager
  // still finds the form and Tab still reaches it; focusing it makes the app scroll it in.
  portal_js_login_form__deps: ['$PortalJs', 'malloc', 'free'],
  portal_js_login_form: function(kind, rects, offscreenMask, fontPx, padX, maskAdvance, showPassword, focusInput,
                                 idLabel, passwordLabel, submitLabel) {
    if (PortalJs.loginForm && PortalJs.loginForm.kind !== kind) PortalJs.removeLoginForm();
    if (kind < 0) return;
    var login = PortalJs.loginForm || PortalJs.createLoginForm(kind);
    var r = HEAPF32.subarray(rects >> 2, (rects >> 2) + 8);
    var labels = [UTF8ToString(idLabel), UTF8ToString(passwordLabel)];
    login.inputs.forEach(function(input, i) {
      var s = input.style;
      var hidden = !(r[i * 4 + 2] > 0 && r[i * 4 + 3] > 0);
      s.display = hidden ? 'none' : 'block';
      s.pointerEvents = offscreenMask & (1 << i) ? 'none' : '';
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
    if (focusInput >= 0 && login.inputs[focusInput]) login.inputs[focusInput].focus({preventScroll: true});
  },

  // The app changed a field itself (reset, a wipe): the input shows the same text.
  portal_js_login_values__deps: ['$PortalJs'],
  portal_js_login_values: function(id, password) {
    var login = PortalJs.loginForm;
    if (!login) return;
    var values = [UTF8ToString(id), UTF8ToString(password)];
    login.inputs.forEach(function(input, i) {
      if (input.value === values[i]) return;
      // A text this input sent itself, while it still has the focus, is an echo that arrives a
      // frame late: the newer text is already on its way to the app.
      if (document.activeElement === input && (input.portalSent || []).indexOf(values[i]) >= 0) return;
      input.value = values[i];
      input.portalSent = [];
    });
  },

  // True while a real input of a form has the focus: its keys belong to the browser's editing.
  portal_js_form_focused__deps: ['$PortalJs'],
  portal_js_form_focused: function() {
    var login = PortalJs.loginForm;
    return login && login.inputs.indexOf(document.activeElement) >= 0 ? 1 : 0;
  }
});
