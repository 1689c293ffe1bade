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
// memory the page has never used costs the system a page fault; a store takes about 85 bytes a
// line (a million lines: some 20,000 fresh pages, and 4,000 more for the table's first order and
// rows). On the benchmark's machine (a virtual machine, where a first touch costs about 11 µs a
// page natively and 20–35 µs in the renderer) those faults were most of the wait for a large table:
// code sent → whole table at 1,000,000 lines took about 960 ms with 16 MiB touched ahead, 790 ms
// with 40 MiB, 730 ms with 64 MiB and 580 ms with 110 MiB (decode 480 → 240 ms). So once the
// password step succeeded, while the customer reads the mail, web/portal_fetch_lib.js touches a
// block of the heap in idle time and frees it: the store's allocations then reuse those pages.
// How much is the device's to say, not the customer's (the contract's size is not known before the
// code, and is not told before it): kLinesMemoryPerDeviceGiB for each GiB of `navigator.deviceMemory`
// (a power of two, at most 8 by the standard), at most kLinesMemoryMaxBytes (the store of about
// 800,000 lines); kLinesMemoryDefaultBytes (150,000 lines) when the browser does not say. That much
// stays resident in the page's WebAssembly memory for every customer past the password, whatever
// the size of their contract: 64 MiB on a computer of 8 GB or more.
inline constexpr size_t kLinesMemoryDefaultBytes = size_t{16} << 20;
inline constexpr size_t kLinesMemoryPerDeviceGiB = size_t{8} << 20;
inline constexpr size_t kLinesMemoryMaxBytes = size_t{64} << 20;
// Bytes to touch ahead on a device with `device_memory_gib` GiB (0, negative or not a number: the
// browser does not say). Whole MiB; 0 below 1 MiB.
size_t LinesMemoryToPrepare(double device_memory_gib);

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
