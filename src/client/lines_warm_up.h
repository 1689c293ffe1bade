// Decoding a small lines payload of made-up lines while the sign-in screen waits for the customer.
// A browser first runs WebAssembly in a baseline tier and compiles a function with its optimising
// compiler only once the function has run a while, in the background; a call that is under way
// keeps the code it started with. A large payload's blocks are each decoded in one call of 65,536
// rows, so the first real payload ran almost wholly in the baseline tier: measured in Chromium, a
// 100,000-line decode took 130–230 ms cold against 35–65 ms after this warm-up and about 25 ms
// fully optimised. The site's payload is src/sample/warm_up_payload.cpp's, built with the site.
#pragma once
#include <cstddef>
#include <string_view>

namespace portal {

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
