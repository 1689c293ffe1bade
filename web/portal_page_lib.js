// 050 Portal: the HTML page of the client's JavaScript library (web/portal_lib.js and the other
// web/portal_*_lib.js files, each linked with --js-library): when nothing is drawn on a canvas
// (no WebGL2, ?render=dom), the mirror is the page; this places the login inputs in it and pages
// its tables. C++ reaches it through src/client/platform/js_bridge.h.

// Helpers of this concern join the one PortalJs object (defined in web/portal_lib.js, the
// first --js-library) before the build emits it.
Object.assign(LibraryManager.library.$PortalJs, {
  // The HTML page (html.portal-dom): a table of the mirror holds only the rows in the view of the
  // app's own (undrawn) table. After each, buttons page through it, reachable by Tab; the grid's
  // cells take the focus one at a time and its keys move it (roveGrid, onGridKey), a row the page
  // lacks asked for as the buttons do. Both ask the app for the row to show
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
      PortalJs.roveGrid(grid);
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
  // The grid takes the focus cell by cell (the ARIA grid pattern): one cell is in the Tab order
  // (tabindex 0, the others -1), the arrows move between cells, Home/End to the row's first and
  // last cell, Ctrl+Home/Ctrl+End to the first and last row, PageDown/PageUp a page. A move to a
  // row the page does not hold asks the app for it (portal_on_page_row) and the focus follows once
  // it is described. A cell that is a single control (a sortable header) is that control; a cell
  // with text and buttons takes the focus itself, Enter (or F2) moves into its buttons, the arrows
  // and Tab (Shift+Tab back, wrapping within the cell) move between them and Escape goes back to
  // the cell. Tab from a cell itself leaves the grid.
  cellItem: function(cell) {
    var buttons = cell.querySelectorAll('button');
    return buttons.length === 1 && cell.portalText === buttons[0] ? buttons[0] : cell;
  },
  rowIndex: function(row) { return Number(row.getAttribute('aria-rowindex')) || 0; },
  // The element at (rowindex, column) of the rows the page holds, or null.
  gridItem: function(grid, rowIndex, column) {
    var row = Array.prototype.find.call(grid.rows, function(r) { return PortalJs.rowIndex(r) === rowIndex; });
    if (!row || !row.cells.length) return null;
    return PortalJs.cellItem(row.cells[Math.max(0, Math.min(row.cells.length - 1, column))]);
  },
  // The active cell: the one asked for, else the nearest row the page holds (its rows moved on).
  activeItem: function(grid) {
    var active = grid.portalActive || (grid.portalActive = {row: 1, column: 0});
    var item = PortalJs.gridItem(grid, active.row, active.column);
    if (item || !grid.rows.length) return item;
    var rows = Array.prototype.filter.call(grid.rows, function(r) { return PortalJs.rowIndex(r) > 1; });
    if (!rows.length) return PortalJs.gridItem(grid, 1, active.column);
    var above = PortalJs.rowIndex(rows[0]) > active.row;
    return PortalJs.gridItem(grid, PortalJs.rowIndex(above ? rows[0] : rows[rows.length - 1]), active.column);
  },
  roveGrid: function(grid) {
    if (!grid.portalRoving) {
      grid.portalRoving = true;
      grid.tabIndex = -1;  // focusable by script; the focus goes on to its active cell
      grid.addEventListener('focusin', function(e) {
        if (e.target === grid) {
          var item = PortalJs.activeItem(grid);
          if (item) item.focus({preventScroll: true});
          return;
        }
        var cell = e.target.closest('td, th');
        if (cell) grid.portalActive = {row: PortalJs.rowIndex(cell.parentNode), column: cell.cellIndex};
        grid.portalHadFocus = true;
      });
      grid.addEventListener('focusout', function(e) {
        if (e.relatedTarget && !grid.contains(e.relatedTarget)) grid.portalHadFocus = false;
      });
    }
    var item = PortalJs.activeItem(grid);
    // By the attribute: a cell without one already reads tabIndex -1, yet cannot take the focus.
    var set = function(element, index) {
      if (element.getAttribute('tabindex') !== String(index)) element.setAttribute('tabindex', String(index));
    };
    grid.querySelectorAll('td, th, button').forEach(function(element) { set(element, element === item ? 0 : -1); });
    // The focus follows a move the page asked the app for, or a row that left with the focus.
    var lost = !document.activeElement || document.activeElement === document.body;
    if (item && document.activeElement !== item && (grid.portalPending || (lost && grid.portalHadFocus))) {
      grid.portalPending = false;
      item.focus({preventScroll: true});
    }
  },
  // The rowindex a key moves to from `row` and how many rows a page holds now.
  targetRow: function(grid, key, row, ctrl) {
    var view = PortalJs.gridView(grid), page = Math.max(1, view.shown), last = view.rows + 1;
    switch (key) {
      case 'ArrowDown': return row === 1 ? Math.min(last, view.first + 2) : Math.min(last, row + 1);
      case 'ArrowUp': return Math.max(1, row - 1);
      case 'PageDown': return Math.min(last, Math.max(row, 2) + page);
      case 'PageUp': return row <= 1 ? row : Math.max(2, row - page);
      case 'Home': return ctrl ? Math.min(2, last) : row;
      case 'End': return ctrl ? last : row;
    }
    return row;
  },
  // Shows data row `rowIndex` (it is not on the page): as the last row going down, the first up.
  bringRow: function(grid, rowIndex) {
    var view = PortalJs.gridView(grid), first = rowIndex - 2;
    if (rowIndex - 2 >= view.first + view.shown) first = rowIndex - 2 - Math.max(1, view.shown) + 1;
    _portal_on_page_row(PortalJs.context, Math.max(0, first));
  },
  onCellWidgetKey: function(e, cell) {
    var buttons = Array.prototype.slice.call(cell.querySelectorAll('button'));
    var at = buttons.indexOf(e.target);
    if (e.key === 'Escape') {
      cell.focus({preventScroll: true});
    } else if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && at >= 0) {
      var next = buttons[at + (e.key === 'ArrowRight' ? 1 : -1)];
      if (next) next.focus({preventScroll: true});
    } else if (e.key === 'Tab' && at >= 0 && buttons.length > 1) {
      buttons[(at + (e.shiftKey ? buttons.length - 1 : 1)) % buttons.length].focus({preventScroll: true});
    } else {
      return false;
    }
    e.preventDefault();
    return true;
  },
  GRID_KEYS: ['ArrowDown', 'ArrowUp', 'ArrowLeft', 'ArrowRight', 'PageDown', 'PageUp', 'Home', 'End', 'Enter', 'F2', 'Escape'],
  onGridKey: function(e) {
    var tab = e.key === 'Tab' && !e.ctrlKey;  // Shift+Tab too
    if ((PortalJs.GRID_KEYS.indexOf(e.key) < 0 && !tab) || e.altKey || e.metaKey || (e.shiftKey && !tab) ||
        e.defaultPrevented) {
      return;
    }
    var grid = e.target.closest ? e.target.closest('#portal-mirror table[role="grid"]') : null;
    if (!grid) return;
    var from = e.target === grid ? PortalJs.activeItem(grid) : e.target;
    var cell = from && from.closest('td, th');
    if (!cell) return;
    var inWidget = from !== PortalJs.cellItem(cell);  // a button inside a cell of several controls
    if (inWidget && PortalJs.onCellWidgetKey(e, cell)) return;
    if (tab) return;  // the browser's own Tab: on out of the grid
    if (!inWidget && (e.key === 'Enter' || e.key === 'F2') && from === cell) {
      var first = cell.querySelector('button');
      if (first) {
        e.preventDefault();
        first.focus({preventScroll: true});
      }
      return;
    }
    if (e.key === 'Enter' || e.key === 'F2' || e.key === 'Escape') return;
    e.preventDefault();  // the grid's cells move, not the page
    var row = PortalJs.rowIndex(cell.parentNode), column = cell.cellIndex;
    var columns = cell.parentNode.cells.length;
    if (e.key === 'ArrowRight') column = Math.min(columns - 1, column + 1);
    if (e.key === 'ArrowLeft') column = Math.max(0, column - 1);
    if (e.key === 'Home') column = 0;
    if (e.key === 'End') column = columns - 1;
    var target = PortalJs.targetRow(grid, e.key, row, e.ctrlKey);
    grid.portalActive = {row: target, column: column};
    var item = PortalJs.gridItem(grid, target, column);
    var view = PortalJs.gridView(grid);
    // A page key pages exactly as the buttons do; a row the page lacks is asked for.
    if (e.key === 'PageDown' || e.key === 'PageUp') {
      var move = e.key === 'PageDown' ? 'next' : 'prev';
      if (PortalJs.pageTarget(grid, move) >= 0) {
        grid.portalPending = true;
        PortalJs.pageGrid(grid, move);
        return;
      }
    } else if (!item && target > 1 && (target - 2 < view.first || target - 2 >= view.first + view.shown)) {
      grid.portalPending = true;
      PortalJs.bringRow(grid, target);
      return;
    }
    if (item) item.focus({preventScroll: true});
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
