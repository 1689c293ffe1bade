// Writes the site's lines warm-up payload: a PLN2 of a few thousand made-up lines (the demo
// generator's, never a customer's) that the page decodes while the sign-in screen waits for the
// customer, so that the browser has its optimising compiler's code for the decoder before a real
// payload arrives (a WebAssembly function called once for a 65,536-row block runs all of that call
// in the baseline tier). Run at build time; the output is the same bytes on every build.
//   portal-warm-up-payload <output file>
#include <cstdio>
#include <string>

#include "engine/lines_payload_v2.h"
#include "sample/sample_data.h"

namespace {

// Enough rows that each decoding loop runs thousands of times per decode, few enough that a
// decode is a short idle task (about 20 KB on the wire).
constexpr size_t kWarmUpRows = 2048;
constexpr uint64_t kWarmUpSeed = 20261201;
constexpr portal::DateKey kWarmUpAsOf = portal::MakeDateKey(2026, 10, 31);

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <output file>\n", argv[0]);
        return 2;
    }
    const portal::LineStore lines = portal::GenerateSampleLines(kWarmUpRows, kWarmUpSeed, kWarmUpAsOf);
    const std::string payload = portal::EncodeLinesV2(lines, nullptr);
    std::FILE* out = std::fopen(argv[1], "wb");
    if (!out) {
        std::perror(argv[1]);
        return 1;
    }
    const bool written = std::fwrite(payload.data(), 1, payload.size(), out) == payload.size();
    if (std::fclose(out) != 0 || !written) {
        std::perror(argv[1]);
        return 1;
    }
    return 0;
}
