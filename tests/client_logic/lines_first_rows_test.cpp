// ContractController while a large lines payload streams in: the first rows show, in stored
// order, as soon as the first block is decoded once the load has lasted a while, with nothing to filter, sort
// or download; the whole table replaces them, and a damaged or refused payload leaves none of them behind.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "contract_controller.h"
#include "engine/codec.h"
#include "engine/lines_payload_v2.h"
#include "fakes.h"
#include "sample/sample_data.h"

namespace portal {
namespace {

using test::Answer;

constexpr DateKey kAsOf = MakeDateKey(2026, 10, 3);
constexpr size_t kLines = 3000;  // a first block of 512 rows, then one of the rest

struct Streaming {
    test::ManualClock clock;
    test::RecordingTransport transport;
    ContractController controller{clock, transport};
    const LineStore lines = GenerateSampleLines(kLines, 11, kAsOf);
    std::string payload = EncodeLinesV2(lines, nullptr);
    size_t fed = 0;
    bool first_rows_seen = false;  // at any point while feeding

    Streaming() {
        Contract contract;
        contract.summary.customer_code = "C0012345";
        contract.as_of = kAsOf;
        controller.LoadCustomerData();
        controller.OnContract(Answer(transport, "/api/v1/contract", 200, EncodeContractJson(contract)));
        clock.Advance(ContractController::kFirstRowsAfterMs);  // a load long enough to show them
    }
    // Feeds pieces of `piece` bytes until `done` holds or `limit` bytes have gone in.
    template <typename Done>
    void FeedUntil(Done done, size_t piece, size_t limit) {
        const int handle = transport.Find("/api/v1/lines");
        while (!done() && fed < limit) {
            const std::string bytes = payload.substr(fed, std::min(piece, limit - fed));
            controller.OnLinesChunk(ApiChunk{ApiCall::Lines, handle, bytes, 0, 0, nullptr});
            fed += bytes.size();
            first_rows_seen = first_rows_seen || FirstRowsShown();
        }
    }
    bool FirstRowsShown() const { return controller.lines().first_rows_only; }
    void FeedRest() {
        FeedUntil([] { return false; }, 997, payload.size());
    }
};

// The phone numbers of the first `count` rows of `store`, in stored order.
std::vector<std::string> Phones(const LineStore& store, size_t count) {
    std::vector<std::string> phones;
    for (size_t row = 0; row < count && row < store.Size(); ++row) phones.emplace_back(store.Phone(row));
    return phones;
}

void CheckNothingShown(const LinesViewState& lines) {
    CHECK_FALSE(lines.loaded);
    CHECK_FALSE(lines.first_rows_only);
    CHECK(lines.store.Size() == 0);
    CHECK(lines.rows.empty());
}

}  // namespace

TEST_CASE(
    "a load that ends within kFirstRowsAfterMs shows no first rows; a longer one shows them at its next "
    "piece") {
    Streaming s;
    s.clock.Advance(-ContractController::kFirstRowsAfterMs);  // back to the moment of the request
    const LinesViewState& lines = s.controller.lines();
    s.FeedUntil([&] { return lines.rows_received > 0; }, 256, s.payload.size());
    REQUIRE(lines.rows_received == kLinesV2FirstBlockRows);
    s.clock.Advance(ContractController::kFirstRowsAfterMs - 1);
    s.FeedUntil([] { return false; }, 256, s.fed + 256);
    CHECK_FALSE(s.FirstRowsShown());  // decoded, but the load is still young
    CHECK(lines.store.Size() == 0);

    SUBCASE("it ends in time: the whole table comes first") {
        s.FeedRest();
        CHECK_FALSE(s.first_rows_seen);
        s.controller.OnLines(Answer(s.transport, "/api/v1/lines", 200, ""));
        CHECK(lines.loaded);
        CHECK(lines.store.Size() == kLines);
    }
    SUBCASE("it lasts: the next piece after the delay shows them") {
        s.clock.Advance(1);
        s.FeedUntil([] { return false; }, 256, s.fed + 256);
        CHECK(s.FirstRowsShown());
        CHECK(lines.store.Size() == ContractController::kFirstRowsShown);
    }
}

TEST_CASE("the first rows show before the last byte, in stored order, and the whole table replaces them") {
    Streaming s;
    const LinesViewState& lines = s.controller.lines();
    s.FeedUntil([&] { return s.FirstRowsShown(); }, 256, s.payload.size());
    REQUIRE(s.FirstRowsShown());
    CAPTURE(s.fed);
    CHECK(s.fed < s.payload.size() / 4);  // a few kilobytes of a payload of several times that
    CHECK(lines.loading);
    CHECK_FALSE(lines.loaded);
    CHECK(lines.rows_expected == kLines);
    CHECK(lines.rows_received == kLinesV2FirstBlockRows);
    REQUIRE(lines.store.Size() == ContractController::kFirstRowsShown);
    CHECK(Phones(lines.store, lines.store.Size()) == Phones(s.lines, ContractController::kFirstRowsShown));
    REQUIRE(lines.rows.size() == lines.store.Size());
    for (uint32_t i = 0; i < lines.rows.size(); ++i) CHECK(lines.rows[i] == i);

    // Nothing to filter, sort or download until every line is in.
    const std::string prefix(s.lines.Phone(0).substr(0, 8));  // the first line's number
    std::copy(prefix.begin(), prefix.end(), s.controller.lines().phone_prefix.begin());
    s.controller.lines().query_dirty = true;
    CHECK_FALSE(s.controller.ApplyQuery());
    CHECK(lines.rows.size() == ContractController::kFirstRowsShown);
    CHECK(s.controller.Download().empty());

    s.FeedRest();
    CHECK(lines.store.Size() == ContractController::kFirstRowsShown);  // not grown piece by piece
    CHECK(lines.rows_received == kLines);
    const AnswerOutcome outcome = s.controller.OnLines(Answer(s.transport, "/api/v1/lines", 200, ""));
    CHECK(outcome.kind == AnswerKind::Accepted);
    CHECK(lines.loaded);
    CHECK_FALSE(lines.first_rows_only);
    CHECK(lines.store.Size() == kLines);
    CHECK(Phones(lines.store, kLines) == Phones(s.lines, kLines));
    CHECK(s.controller.ApplyQuery());  // the typed prefix now applies
    CHECK(lines.validation.ok());
    CHECK_FALSE(lines.rows.empty());
    for (uint32_t row : lines.rows) CHECK(lines.store.Phone(row).substr(0, 8) == prefix);
    CHECK_FALSE(s.controller.Download().empty());
}

TEST_CASE("a damaged payload drops the first rows it showed: an error, no partial table") {
    Streaming s;
    SUBCASE("the checksum is wrong: the reader fails at the last bytes, before the answer ends") {
        s.payload.back() ^= 0x01;
        s.FeedRest();
        CheckNothingShown(s.controller.lines());
        CHECK(s.controller.lines().loading);
    }
    SUBCASE("a bit flipped in the last block: found by the stream's end or by the checksum") {
        s.payload[s.payload.size() - 40] ^= 0x10;
        s.FeedRest();
    }
    SUBCASE("cut off after the first rows showed") {
        s.FeedUntil([&] { return s.FirstRowsShown(); }, 256, s.payload.size());
        REQUIRE(s.FirstRowsShown());
    }
    CHECK(s.first_rows_seen);  // shown before the damage was found
    const AnswerOutcome outcome = s.controller.OnLines(Answer(s.transport, "/api/v1/lines", 200, ""));
    CHECK(outcome.kind == AnswerKind::Unusable);
    CHECK_FALSE(outcome.message.empty());
    CheckNothingShown(s.controller.lines());
    CHECK(s.controller.LinesWanted());  // the menu may ask again
}

TEST_CASE("first rows shown, then the server refuses or the customer logs out: none stay") {
    Streaming s;
    s.FeedUntil([&] { return s.FirstRowsShown(); }, 1024, s.payload.size());
    REQUIRE(s.FirstRowsShown());
    SUBCASE("a 503 ends the answer") {
        CHECK(s.controller.OnLines(Answer(s.transport, "/api/v1/lines", 503, "")).kind == AnswerKind::Failed);
    }
    SUBCASE("asked again: the new answer starts from nothing") {
        s.controller.LoadLines();
        CHECK(s.controller.lines().loading);
        CHECK(s.controller.lines().rows_received == 0);
    }
    SUBCASE("logout") {
        s.controller.Forget();
    }
    CheckNothingShown(s.controller.lines());
}

TEST_CASE("lines already shown are kept while a new load streams in") {
    Streaming s;
    s.FeedRest();
    REQUIRE(s.controller.OnLines(Answer(s.transport, "/api/v1/lines", 200, "")).kind == AnswerKind::Accepted);
    s.controller.LoadLines();  // e.g. after an import: the old table stays until the new one is in
    s.fed = 0;
    s.FeedUntil([] { return false; }, 1024, s.payload.size() / 2);
    CHECK(s.controller.lines().store.Size() == kLines);
    CHECK_FALSE(s.controller.lines().first_rows_only);
}

}  // namespace portal
