// The lines JSON fast path must agree with the nlohmann SAX decoder on every input: it either
// decodes exactly the same store or steps aside.
#include <doctest/doctest.h>

#include "engine/codec.h"
#include "sample_lines.h"

namespace portal {
// Internal entry points of the two decoders (codec_lines_sax.cpp, codec_lines_fast.cpp).
Result<LineStore> DecodeLinesJsonStreaming(std::string_view json);
bool DecodeLinesJsonFast(std::string_view json, LineStore& store);
}  // namespace portal

using namespace portal;

namespace {

// Both decoders on one input: same verdict, same lines.
void CheckAgree(const std::string& json) {
    LineStore fast;
    const bool fast_ok = DecodeLinesJsonFast(json, fast);
    const Result<LineStore> sax = DecodeLinesJsonStreaming(json);
    if (fast_ok) {
        REQUIRE_MESSAGE(sax.ok(), "fast path accepted what SAX refuses: " << sax.error().message.en);
        CHECK(EncodeLinesBinary(fast, nullptr) == EncodeLinesBinary(sax.value(), nullptr));
    }
    const Result<LineStore> public_result = DecodeLinesJson(json);
    CHECK(public_result.ok() == sax.ok());
    if (!sax.ok() && !public_result.ok()) CHECK(public_result.error().field == sax.error().field);
}

}  // namespace

TEST_CASE("the fast path decodes what the encoder writes, escapes and Japanese included") {
    const LineStore store = test::MixedLines(3000, 21);  // quotes, commas, CR LF, Japanese
    const std::string json = EncodeLinesJson(store, nullptr);
    LineStore fast;
    REQUIRE(DecodeLinesJsonFast(json, fast));
    CHECK(EncodeLinesBinary(fast, nullptr) == EncodeLinesBinary(store, nullptr));
    CheckAgree(json);
}

TEST_CASE("the fast path steps aside for \\u escapes, spacing it does not expect and odd numbers") {
    std::string json = EncodeLinesJson(test::ManualSampleLines(), nullptr);
    const std::string with_u =
        json.substr(0, json.find("fVFZ29")) + "\\u0066" + json.substr(json.find("fVFZ29") + 1);
    LineStore fast;
    CHECK_FALSE(DecodeLinesJsonFast(with_u, fast));
    const Result<LineStore> decoded = DecodeLinesJson(with_u);  // still decoded, by the SAX path
    REQUIRE(decoded.ok());
    CHECK(decoded.value().Record(0).line_password == "fVFZ29");
    CheckAgree(" \n" + json + "\r\n\t");
    CheckAgree(json.substr(0, json.find("\"count\"")) + "\"count\" : 10 ," +
               json.substr(json.find("\"columns\"")));
    CheckAgree(json.substr(0, json.find("[1,2,")) + "[1.0,2," + json.substr(json.find("[1,2,") + 5));
    CheckAgree(json.substr(0, json.find("[1,2,")) + "[01,2," + json.substr(json.find("[1,2,") + 5));
    // count after columns: the fast path wants it first, the SAX path takes either order
    const std::string moved =
        "{\"version\":1," +
        json.substr(json.find("\"columns\""), json.size() - 1 - json.find("\"columns\"")) + ",\"count\":10}";
    CHECK(DecodeLinesJson(moved).ok());
    CheckAgree(moved);
}

TEST_CASE("fast and SAX decoders agree on thousands of damaged payloads") {
    LineStore store = test::MixedLines(40, 22);
    const std::string json = EncodeLinesJson(store, nullptr);
    uint32_t state = 12345;
    const auto next = [&](uint32_t n) {
        state = state * 1103515245u + 12345u;
        return (state >> 8) % n;
    };
    const char kBytes[] = {'"', '\\', ',',  ']', '[',    '{',    '}',    ':',    '0',    '9',    '-', '.',
                           'e', ' ',  '\n', 'a', '\x01', '\x7F', '\xC3', '\xA9', '\xE3', '\xFF', 'u', '/'};
    for (int i = 0; i < 4000; ++i) {
        std::string damaged = json;
        const size_t at = next(static_cast<uint32_t>(damaged.size()));
        const char byte = kBytes[next(sizeof kBytes)];
        switch (next(3)) {
            case 0:
                damaged[at] = byte;
                break;
            case 1:
                damaged.insert(damaged.begin() + static_cast<std::ptrdiff_t>(at), byte);
                break;
            default:
                damaged.erase(at, 1 + next(3));
                break;
        }
        CAPTURE(i);
        CheckAgree(damaged);
    }
}
