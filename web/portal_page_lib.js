// 050 Portal: the HTML page of the client's JavaScript library (web/portal_lib.js and the other
// web/portal_*_lib.js files, each linked with --js-library): when nothing is drawn on a canvas
// (no WebGL2, ?render=dom), the mirror is the page; this places the login inputs in it and pages
// its tables. C++ reaches it through src/client/platform/js_bridge.h.

// Helpers of this concern join the one PortalJs object (defined in web/portal_lib.js, the
// first --js-library) before the build emits it.
Object.assign(LibraryManager.library.$PortalJs, {
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
  }
});

mergeInto(LibraryManager.library, {
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
  }
});
