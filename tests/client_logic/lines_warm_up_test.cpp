// The lines decoder's warm-up decodes a payload as a streamed answer is decoded, in pieces of any
// size, and reports the rows; a payload that does not decode is only a warm-up that did nothing.
#include "lines_warm_up.h"

#include <doctest/doctest.h>

#include <limits>
#include <string>

#include "engine/codec.h"
#include "engine/lines_payload_v2.h"
#include "sample/sample_data.h"

namespace portal {
namespace {

constexpr DateKey kAsOf = MakeDateKey(2026, 10, 31);
constexpr size_t kLines = 2048;  // the site's warm-up payload's size: a first block, then the rest

TEST_CASE("the warm-up decodes every row of the payload, whatever the piece size") {
    const LineStore lines = GenerateSampleLines(kLines, 20261201, kAsOf);
    const std::string payload = EncodeLinesV2(lines, nullptr);
    for (size_t piece : {size_t{1}, size_t{7}, size_t{4096}, size_t{32768}, payload.size()}) {
        CAPTURE(piece);
        CHECK(DecodeForWarmUp(payload, piece) == kLines);
    }
    CHECK(DecodeForWarmUp(payload, 0) == kLines);  // a piece size of 0 is taken as 1
}

TEST_CASE("a payload that does not decode warms nothing and reports no rows") {
    const LineStore lines = GenerateSampleLines(600, 3, kAsOf);
    const std::string payload = EncodeLinesV2(lines, nullptr);
    std::string flipped = payload;
    flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x10);
    CHECK(DecodeForWarmUp(flipped, 32768) == 0);
    CHECK(DecodeForWarmUp(payload.substr(0, payload.size() - 1), 32768) == 0);
    CHECK(DecodeForWarmUp("", 32768) == 0);
    CHECK(DecodeForWarmUp("<!DOCTYPE html><title>404</title>", 32768) == 0);  // a server's error page
    CHECK(DecodeForWarmUp(EncodeLinesBinary(lines, nullptr), 32768) == 0);    // version 1
}

TEST_CASE("the memory touched ahead: 8 MiB a GiB of the device's, at most 64 MiB; 16 MiB when unknown") {
    constexpr size_t kMiB = size_t{1} << 20;
    CHECK(LinesMemoryToPrepare(8) == 64 * kMiB);   // the standard's largest value
    CHECK(LinesMemoryToPrepare(32) == 64 * kMiB);  // a browser reporting more is capped
    CHECK(LinesMemoryToPrepare(4) == 32 * kMiB);
    CHECK(LinesMemoryToPrepare(2) == 16 * kMiB);
    CHECK(LinesMemoryToPrepare(0.5) == 4 * kMiB);
    CHECK(LinesMemoryToPrepare(0.1) == 0);        // under 1 MiB: nothing
    CHECK(LinesMemoryToPrepare(0) == 16 * kMiB);  // the browser does not say
    CHECK(LinesMemoryToPrepare(-1) == 16 * kMiB);
    CHECK(LinesMemoryToPrepare(std::numeric_limits<double>::quiet_NaN()) == 16 * kMiB);
    CHECK(LinesMemoryToPrepare(std::numeric_limits<double>::infinity()) == 64 * kMiB);
}

}  // namespace
}  // namespace portal
