// Decoding a small lines payload of made-up lines while the sign-in screen waits for the customer.
// A browser first runs WebAssembly in a baseline tier and compiles a function with its optimising
// compiler only once the function has run a while, in the background; a call that is under way
// keeps the code it started with. A large payload's blocks are each decoded in one call of 65,536
// rows, so the first real payload ran almost wholly in the baseline tier: measured in Chromium, a
// 100,000-line decode took 130–230 ms cold against 35–65 ms after this warm-up and about 25 ms
// fully optimised (all three into memory already touched: fresh memory costs more, below). The
// site's payload is src/sample/warm_up_payload.cpp's, built with the site.
#pragma once
#include <cstddef>
#include <string_view>

namespace portal {

// The memory a lines store will be written into, made resident ahead. The first write to a page of
// memory the page has never used costs the system a page fault; a store takes about 100 bytes a
// line, so 100,000 lines touch some 2,500 fresh pages. Measured in Chromium on the benchmark's
// machine (a virtual machine, where a first touch costs about 11 µs a page natively and 20–35 µs
// in the renderer): the page's decode of 100,000 lines took 68–94 ms into fresh memory and 30–43
// ms into memory touched ahead. So once the password step succeeded, while the customer reads the
// mail, web/portal_fetch_lib.js touches a block of the heap in idle time and frees it: the store's
// allocations then reuse those pages. Only memory the instance already has (its heap's tail above
// the allocator's break), never grown for it, and at most kLinesMemoryBytes (a 150,000-line store).
inline constexpr size_t kLinesMemoryBytes = size_t{16} << 20;
// Bytes to touch ahead for a heap of `heap_size` bytes whose allocator's break is at `heap_break`:
// whole MiB, at most kLinesMemoryBytes, 0 when less than 1 MiB is left.
size_t LinesMemoryToPrepare(size_t heap_size, size_t heap_break);

struct LinesMemoryRecord {
    size_t asked = 0;    // bytes the app asked to touch (0: not yet, or nothing to do)
    size_t touched = 0;  // bytes touched when the block was freed (less: a lines load came first)
};

// What the warm-up did in this page, for the test build's state.
struct LinesWarmUpRecord {
    int decodes = 0;
    size_t rows = 0;  // rows of the last decode; 0 when it did not decode
    double ms = 0.0;  // all decodes together
};

// Decodes `payload` the way a streamed lines answer is decoded (the same reader, fed `piece_bytes`
// at a time, at least 1) and drops what it decoded. Returns the rows decoded; 0 when the payload
// is damaged or not a version 2 payload (nothing depends on the warm-up: it is then only useless).
size_t DecodeForWarmUp(std::string_view payload, size_t piece_bytes);

}  // namespace portal
