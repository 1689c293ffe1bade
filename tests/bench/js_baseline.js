// The plain-JavaScript baseline of portal-bench (linked with --js-library; test code only).
// It does what a page without the engine would do with the same lines: JSON.parse of an array of
// objects, Array.filter with the manual's conditions, sort by phone with a plain < compare
// (V8's sort is stable), slice for the first page, and a CSV string encoded with TextEncoder.
// C++ times each call from outside; see js_baseline.h.
mergeInto(LibraryManager.library, {
  $PortalBench: {
    text: null,      // the array-of-objects JSON, as a REST API would send it
    headers: [],     // the manual's column headers, in order (from the engine)
    rows: null,      // JSON.parse result
    filtered: null,  // last Array.filter result
    page: null,      // last sorted first page
    csv: null,       // last CSV bytes
    decoder: null,

    heapText: function(ptr, len) {
      if (!PortalBench.decoder) PortalBench.decoder = new TextDecoder('utf-8');
      ptr = ptr >>> 0;  // pointers above 2 GB arrive negative
      return PortalBench.decoder.decode(HEAPU8.subarray(ptr, ptr + (len >>> 0)));
    },

    // The same conditions as the engine's LineMatches; dates as 'YYYY-MM-DD' compare as text.
    predicate: function(prefix, inServiceOnly, from, to, asOf) {
      return function(r) {
        if (prefix && !r.phone.startsWith(prefix)) return false;
        if (inServiceOnly && !(r.end_date === null || r.end_date >= asOf)) return false;
        if (from && r.start_date < from) return false;
        if (to && r.start_date > to) return false;
        return true;
      };
    },

    // RFC 4180 quoting after OWASP formula neutralising, as the engine's CSV writer does.
    csvCell: function(text) {
      if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
      if (/[",\r\n]/.test(text)) text = '"' + text.replace(/"/g, '""') + '"';
      return text;
    },
  },

  portal_bench_js_load__deps: ['$PortalBench'],
  portal_bench_js_load: function(ptr, len, headersPtr, headersLen) {
    PortalBench.text = PortalBench.heapText(ptr, len);
    PortalBench.headers = PortalBench.heapText(headersPtr, headersLen).split('\t');
    PortalBench.rows = PortalBench.filtered = PortalBench.page = null;
  },

  portal_bench_js_release__deps: ['$PortalBench'],
  portal_bench_js_release: function() {
    PortalBench.text = PortalBench.rows = PortalBench.filtered = PortalBench.page = PortalBench.csv = null;
  },

  portal_bench_js_parse__deps: ['$PortalBench'],
  portal_bench_js_parse: function() {
    PortalBench.rows = JSON.parse(PortalBench.text);
    return PortalBench.rows.length;
  },

  portal_bench_js_filter__deps: ['$PortalBench'],
  portal_bench_js_filter: function(prefixPtr, prefixLen, inServiceOnly, fromPtr, toPtr, asOfPtr) {
    var keep = PortalBench.predicate(PortalBench.heapText(prefixPtr, prefixLen), inServiceOnly,
                                     UTF8ToString(fromPtr), UTF8ToString(toPtr), UTF8ToString(asOfPtr));
    PortalBench.filtered = PortalBench.rows.filter(keep);
    return PortalBench.filtered.length;
  },

  portal_bench_js_filter_sort_page__deps: ['$PortalBench'],
  portal_bench_js_filter_sort_page: function(prefixPtr, prefixLen, inServiceOnly, fromPtr, toPtr, asOfPtr,
                                             limit) {
    var keep = PortalBench.predicate(PortalBench.heapText(prefixPtr, prefixLen), inServiceOnly,
                                     UTF8ToString(fromPtr), UTF8ToString(toPtr), UTF8ToString(asOfPtr));
    var matched = PortalBench.rows.filter(keep);
    matched.sort(function(a, b) { return a.phone < b.phone ? -1 : a.phone > b.phone ? 1 : 0; });
    PortalBench.page = matched.slice(0, limit);
    return matched.length;
  },

  portal_bench_js_csv__deps: ['$PortalBench'],
  portal_bench_js_csv: function() {
    var cell = PortalBench.csvCell;
    var parts = ['\uFEFF' + PortalBench.headers.map(cell).join(',')];
    var rows = PortalBench.filtered;
    for (var i = 0; i < rows.length; i++) {
      var r = rows[i];
      parts.push([
        String(r.no), cell(r.phone), cell(r.account_id), cell(r.line_password), cell(r.service_password),
        r.start_date.replace(/-/g, '/'), r.end_date === null ? '' : r.end_date.replace(/-/g, '/'),
        r.channels ? String(r.channels) : '', cell(r.caller_id_number), cell(r.hunt_group),
        cell(r.mobile_choice)
      ].join(','));
    }
    PortalBench.csv = new TextEncoder().encode(parts.join('\r\n') + '\r\n');
    return PortalBench.csv.length;
  },

  // Byte-for-byte comparison of the last JS CSV with the engine's (untimed check).
  portal_bench_js_csv_equals__deps: ['$PortalBench'],
  portal_bench_js_csv_equals: function(ptr, len) {
    var mine = PortalBench.csv;
    ptr = ptr >>> 0;
    len = len >>> 0;
    if (!mine || mine.length !== len) return 0;
    var theirs = HEAPU8.subarray(ptr, ptr + len);
    for (var i = 0; i < len; i++) {
      if (mine[i] !== theirs[i]) return 0;
    }
    return 1;
  },

  portal_bench_js_version: function(out, size) {
    stringToUTF8('node ' + process.version, out, size);
  },
});
