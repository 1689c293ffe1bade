// The plain-JavaScript baseline: what a client without the engine would do with the same lines
// (JSON.parse of an array of objects, Array.filter, sort, slice, a CSV string). Implemented in
// js_baseline.js for the WASM build; natively every call reports "not available".
#pragma once
#include <cstddef>
#include <string>

#include "engine/filter.h"
#include "engine/model.h"

namespace bench {

bool JsBaselineAvailable();

// Hands the lines to JavaScript as the array-of-objects JSON text a plain REST API would send;
// returns its size in bytes (0 natively).
size_t JsLoadLines(const portal::LineStore& store);
// Drops everything JavaScript holds (before the next data size).
void JsRelease();

// Each call does the work once; the caller times it. The results stay in JavaScript for the
// next step (parse -> filter -> CSV), as they would in a page.
void JsParse();
// Array.filter with the engine's conditions; returns the matching row count.
size_t JsFilter(const portal::LineFilter& filter, portal::DateKey as_of);
// Array.filter + sort by phone (plain < compare, stable) + slice(0, limit); returns the count
// that matched the filter.
size_t JsFilterSortPage(const portal::LineFilter& filter, portal::DateKey as_of, size_t limit);
// CSV text (BOM, Japanese header, CRLF, RFC 4180 quoting, formula neutralising) of the rows
// the last JsFilter kept, encoded to UTF-8 bytes with TextEncoder; returns the byte count.
size_t JsCsvOfLastFilter();
// True when the last JS CSV is byte-for-byte `bytes` (checks the baseline does the same work).
bool JsCsvEquals(const std::string& bytes);

// "node v20.20.2" or "" natively.
std::string JsEngineVersion();

}  // namespace bench
