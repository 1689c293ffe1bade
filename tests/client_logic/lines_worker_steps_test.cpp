// The decode worker's path without a browser: a store crosses as buffers (what the worker sends
// and JavaScript copies into the app's memory) and comes back equal; buffers that do not fit are
// refused; and ContractController shows the worker's first rows, takes its whole table only when
// the answer ends, and drops everything when the worker reports a damaged payload mid-stream.
#include <doctest/doctest.h>

#include <cstring>
#include <memory>
#include <string>

#include "contract_controller.h"
#include "engine/codec.h"
#include "engine/csv.h"
#include "engine/lines_payload_v2.h"
#include "fakes.h"
#include "lines_buffers.h"
#include "sample/sample_data.h"

namespace portal {
namespace {

using test::Answer;

constexpr DateKey kAsOf = MakeDateKey(2026, 10, 3);

// What the worker and the page's JavaScript do together: every buffer of `store` copied into a sink.
std::unique_ptr<LinesBufferSink> CopyThrough(const LineStore& store) {
    auto sink = std::make_unique<LinesBufferSink>(store.Size());
    for (int i = 0; i < LinesBufferCount(); ++i) {
        const LinesBufferView view = LinesBuffer(store, i);
        void* room = sink->Buffer(i, view.bytes);
        REQUIRE(room != nullptr);
        if (view.bytes) std::memcpy(room, view.data, view.bytes);
    }
    return sink;
}

std::string Csv(const LineStore& store) {
    std::vector<uint32_t> rows(store.Size());
    for (uint32_t i = 0; i < rows.size(); ++i) rows[i] = i;
    return WriteLinesCsv(store, rows, PlanKind::Standard, CsvEncoding::Utf8Bom).bytes;
}

std::shared_ptr<DecodedLines> Step(size_t rows, size_t expected, const LineStore* store, bool complete) {
    auto step = std::make_shared<DecodedLines>();
    step->rows_decoded = rows;
    step->rows_expected = expected;
    if (store) {
        Result<LineStore> taken = CopyThrough(*store)->Take();
        REQUIRE(taken.ok());
        step->store = std::make_shared<LineStore>(taken.take());
    }
    step->complete = complete;
    return step;
}

struct Loading {
    test::ManualClock clock;
    test::RecordingTransport transport;
    ContractController controller{clock, transport};
    const LineStore lines = GenerateSampleLines(3000, 7, kAsOf);
    int handle = 0;
    Loading() {
        controller.LoadLines();
        handle = transport.Find("/api/v1/lines");
    }
    void Send(std::shared_ptr<DecodedLines> step, double received) {
        controller.OnLinesChunk(ApiChunk{ApiCall::Lines, handle, "", received, 0, std::move(step)});
    }
};

}  // namespace

TEST_CASE("a store crosses as buffers and comes back equal, CSV byte for byte") {
    const LineStore lines = GenerateSampleLines(5000, 3, kAsOf);
    Result<LineStore> back = CopyThrough(lines)->Take();
    REQUIRE(back.ok());
    const LineStore& copy = back.value();
    REQUIRE(copy.Size() == lines.Size());
    CHECK(Csv(copy) == Csv(lines));
    for (size_t row = 0; row < lines.Size(); row += 97)
        CHECK(copy.Record(row).account_id == lines.Record(row).account_id);
    Result<LineStore> none = CopyThrough(LineStore())->Take();
    REQUIRE(none.ok());
    CHECK(none.value().Size() == 0);
}

TEST_CASE("buffers that do not fit the rows are refused, and the store is not taken") {
    const LineStore lines = GenerateSampleLines(100, 3, kAsOf);
    SUBCASE("a number column of the wrong size") {
        LinesBufferSink sink(lines.Size());
        CHECK(sink.Buffer(0, (lines.Size() - 1) * sizeof(uint32_t)) == nullptr);
        CHECK_FALSE(sink.Take().ok());
    }
    SUBCASE("a buffer missing") {
        LinesBufferSink sink(lines.Size());
        for (int i = 1; i < LinesBufferCount(); ++i) sink.Buffer(i, LinesBuffer(lines, i).bytes);
        CHECK_FALSE(sink.Take().ok());
    }
    SUBCASE("text offsets that run past their text") {
        std::unique_ptr<LinesBufferSink> sink = std::make_unique<LinesBufferSink>(lines.Size());
        for (int i = 0; i < LinesBufferCount(); ++i) {
            const LinesBufferView view = LinesBuffer(lines, i);
            void* room = sink->Buffer(i, view.bytes);
            REQUIRE(room != nullptr);
            std::memcpy(room, view.data, view.bytes);
            if (i == kLinesNumberBuffers) static_cast<uint32_t*>(room)[1] = 0xFFFFFFFFu;  // phone offsets
        }
        Result<LineStore> taken = sink->Take();
        REQUIRE_FALSE(taken.ok());
        CHECK(taken.error().code == "bad_payload");
    }
    SUBCASE("an index past the last buffer") {
        LinesBufferSink sink(lines.Size());
        CHECK(sink.Buffer(LinesBufferCount(), 4) == nullptr);
        CHECK(LinesBuffer(lines, LinesBufferCount()).data == nullptr);
    }
}

TEST_CASE("the worker's first rows show while it decodes; its table is taken when the answer ends") {
    Loading l;
    const LinesViewState& lines = l.controller.lines();
    LineStore first;
    for (size_t row = 0; row < ContractController::kFirstRowsShown; ++row) first.Append(l.lines.Record(row));
    l.Send(Step(512, 3000, &first, false), 4000);
    CHECK(lines.first_rows_only);
    CHECK(lines.store.Size() == ContractController::kFirstRowsShown);
    CHECK(lines.rows_received == 512);
    CHECK(lines.rows_expected == 3000);
    l.Send(Step(2000, 3000, nullptr, false), 20000);
    CHECK(lines.rows_received == 2000);
    CHECK(lines.store.Size() == ContractController::kFirstRowsShown);
    l.Send(Step(3000, 3000, &l.lines, true), 30000);
    CHECK_FALSE(lines.loaded);  // not before the answer says the body is complete
    const AnswerOutcome outcome = l.controller.OnLines(Answer(l.transport, "/api/v1/lines", 200, ""));
    CHECK(outcome.kind == AnswerKind::Accepted);
    CHECK(lines.loaded);
    CHECK_FALSE(lines.first_rows_only);
    CHECK(lines.payload_bytes == 30000);
    REQUIRE(lines.store.Size() == 3000);
    CHECK(Csv(lines.store) == Csv(l.lines));
}

TEST_CASE("the worker reports a damaged payload mid-stream: a clear error, no partial table") {
    Loading l;
    LineStore first;
    for (size_t row = 0; row < 10; ++row) first.Append(l.lines.Record(row));
    l.Send(Step(512, 3000, &first, false), 4000);
    REQUIRE(l.controller.lines().first_rows_only);
    auto failed = std::make_shared<DecodedLines>();
    failed->failed = true;
    failed->error =
        Error{"bad_payload", "checksum", Text{"受信したデータの形式が正しくありません", "not valid"}};
    l.Send(failed, 8000);
    CHECK_FALSE(l.controller.lines().first_rows_only);
    CHECK(l.controller.lines().store.Size() == 0);
    l.Send(Step(3000, 3000, &l.lines, true), 30000);  // nothing after the failure counts
    const AnswerOutcome outcome = l.controller.OnLines(Answer(l.transport, "/api/v1/lines", 200, ""));
    CHECK(outcome.kind == AnswerKind::Unusable);
    CHECK(outcome.message.text.ja.find("受信したデータの形式が正しくありません") != std::string::npos);
    CHECK_FALSE(l.controller.lines().loaded);
    CHECK(l.controller.lines().store.Size() == 0);
    CHECK(l.controller.LinesWanted());
}

}  // namespace portal
