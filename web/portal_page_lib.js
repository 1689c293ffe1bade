// 050 Portal: the HTML page of the client's JavaScript library (web/portal_lib.js and the other
// web/portal_*_lib.js files, each linked with --js-library): when nothing is drawn on a canvas
// (no WebGL2, ?render=dom), the mirror is the page; this places the login inputs in it and pages
// its tables. C++ reaches it through src/client/platform/js_bridge.h.

// Helpers of this concern join the one PortalJs object (defined in web/portal_lib.js, the
// first --js-library) before the build emits it.
Object.assign(LibraryManager.library.$PortalJs, {
  // The HTML page (html.portal-dom): a table of the mirror holds only the rows in the view of the
  // app's own (undrawn) table. Below each, buttons page through it for mouse and touch, and the
  // wheel over it scrolls it until it reaches an end (then the page scrolls on); both become
  // wheel notches on the app's table (portal_on_page_scroll). The keyboard moves through the rows.
  decorateGrids: function() {
    if (!document.documentElement.classList.contains('portal-dom')) return;
    var en = document.documentElement.lang === 'en';
    var grids = document.querySelectorAll('#portal-mirror table[role="grid"]');
    Array.prototype.forEach.call(grids, function(grid) {
      if (!grid.portalPager) PortalJs.addPager(grid);
      var body = grid.tBodies[0];
      var rows = body ? body.rows : [];
      var index = function(row) { return row ? Number(row.getAttribute('aria-rowindex')) || 0 : 0; };
      var first = index(rows[0]), last = index(rows[rows.length - 1]);
      var count = Number(grid.getAttribute('aria-rowcount')) || 0;
      grid.portalPrev.disabled = !(first > 2);
      grid.portalNext.disabled = !(last > 0 && last < count);
      grid.portalPager.hidden = grid.portalPrev.disabled && grid.portalNext.disabled;
      var prevText = en ? '▲ Previous rows' : '▲ 前の行', nextText = en ? '▼ Next rows' : '▼ 次の行';
      if (grid.portalPrev.textContent !== prevText) grid.portalPrev.textContent = prevText;
      if (grid.portalNext.textContent !== nextText) grid.portalNext.textContent = nextText;
      grid.portalCell.colSpan = Number(grid.getAttribute('aria-colcount')) || 1;
    });
  },
  addPager: function(grid) {
    var foot = document.createElement('tfoot');
    foot.className = 'pm-pager';
    foot.setAttribute('aria-hidden', 'true');  // pointer help only: not a row of the grid
    var row = foot.insertRow(), cell = row.insertCell();
    var button = function(direction) {
      var b = document.createElement('button');
      b.type = 'button';
      b.tabIndex = -1;
      b.addEventListener('click', function() {
        var shown = grid.tBodies[0] ? grid.tBodies[0].rows.length : 1;
        // ImGui scrolls five font heights a notch, about 3.2 rows of a table (cell padding): a
        // page is the rows shown, less one kept for context.
        _portal_on_page_scroll(PortalJs.context, direction * Math.max(1, shown - 1) / 3.2);
      });
      cell.appendChild(b);
      return b;
    };
    grid.portalPrev = button(-1);
    grid.portalNext = button(1);
    grid.portalCell = cell;
    grid.portalPager = foot;
    grid.appendChild(foot);
  },
  onPageWheel: function(e) {
    var grid = e.target.closest ? e.target.closest('#portal-mirror table[role="grid"]') : null;
    if (!grid || !grid.portalPager || e.deltaY === 0) return;
    if ((e.deltaY > 0 ? grid.portalNext : grid.portalPrev).disabled) return;  // the page scrolls on
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
    PortalJs.placeLoginInputs();
    PortalJs.decorateGrids();
  }
});
