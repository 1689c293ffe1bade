// ContractController: the contract and lines requests and what every kind of answer does, the
// lines streamed in pieces, the 検索条件 applied and timed by the injected clock, and the CSV /
// Excel file the toolbar's choices give, named from the clock's wall time.
#include "contract_controller.h"

#include <doctest/doctest.h>

#include <cstring>

#include "engine/codec.h"
#include "engine/lines_payload_v2.h"
#include "engine/xlsx.h"
#include "fakes.h"

namespace portal {
namespace {

using test::Answer;

constexpr DateKey kAsOf = MakeDateKey(2026, 10, 3);

Contract SampleContract() {
    Contract contract;
    contract.contractor_name = "株式会社サンプル";
    contract.summary.customer_code = "C0012345";
    contract.summary.service_name = "050 IP電話";
    contract.as_of = kAsOf;
    contract.call_details_available = true;
    return contract;
}

// Four lines: two under 0505805, one cancelled before the as-of date, one in 2019.
LineStore SampleLines(const std::string& hunt_group = "営業部") {
    LineStore store;
    const char* phones[] = {"05058051001", "05058051002", "05012340001", "0312345678"};
    for (uint32_t i = 0; i < 4; ++i) {
        LineRecord line;
        line.no = i + 1;
        line.phone = phones[i];
        line.account_id = "81" + line.phone.substr(1);
        line.line_password = "pw" + std::to_string(i);
        line.service_password = "sv" + std::to_string(i);
        line.start_date = i == 3 ? MakeDateKey(2019, 4, 1) : MakeDateKey(2022, 8, 17);
        line.end_date = i == 2 ? MakeDateKey(2025, 1, 31) : kNoDate;
        line.channels = 2;
        line.hunt_group = i == 0 ? hunt_group : "";
        store.Append(line);
    }
    return store;
}

struct Fixture {
    test::ManualClock clock;
    test::RecordingTransport transport;
    ContractController controller{clock, transport};

    // Logged in: the contract and the whole lines payload in one answer each.
    void Load(const LineStore& store = SampleLines()) {
        controller.LoadCustomerData();
        REQUIRE(
            controller
                .OnContract(Answer(transport, "/api/v1/contract", 200, EncodeContractJson(SampleContract())))
                .kind == AnswerKind::Accepted);
        REQUIRE(
            controller.OnLines(Answer(transport, "/api/v1/lines", 200, EncodeLinesV2(store, nullptr))).kind ==
            AnswerKind::Accepted);
        controller.ApplyQuery();
    }
    void Type(const char* prefix) {
        std::strncpy(controller.lines().phone_prefix.data(), prefix,
                     controller.lines().phone_prefix.size() - 1);
        controller.lines().query_dirty = true;
    }
};

}  // namespace

TEST_CASE("after login the contract and the lines are asked for side by side, once") {
    Fixture f;
    f.controller.LoadCustomerData();
    REQUIRE(f.transport.sent.size() == 2);
    CHECK(f.transport.sent[0].url == "/api/v1/contract");
    CHECK(f.transport.sent[0].call == ApiCall::Contract);
    CHECK(f.transport.sent[1].url == "/api/v1/lines");
    CHECK(f.transport.sent[1].want_binary);
    CHECK(f.controller.state().loading);
    CHECK(f.controller.lines().loading);
    CHECK_FALSE(f.controller.LinesWanted());
    f.controller.LoadCustomerData();  // again (the session check): the lines are on their way
    CHECK(f.transport.CountTo("/api/v1/lines") == 1);
    CHECK(f.transport.CountTo("/api/v1/contract") == 2);
}

TEST_CASE("the contract answer: accepted, signed out, refused, lost or unreadable") {
    Fixture f;
    f.controller.LoadContract();
    SUBCASE("accepted") {
        const AnswerOutcome outcome = f.controller.OnContract(
            Answer(f.transport, "/api/v1/contract", 200, EncodeContractJson(SampleContract())));
        CHECK(outcome.kind == AnswerKind::Accepted);
        CHECK(f.controller.state().loaded);
        CHECK(f.controller.contract().contractor_name == "株式会社サンプル");
        CHECK(f.controller.contract().as_of == kAsOf);
    }
    SUBCASE("401: the session is over") {
        const AnswerOutcome outcome = f.controller.OnContract(
            Answer(f.transport, "/api/v1/contract", 401,
                   EncodeErrorJson(
                       Error{"session_expired", "", Text{"セッションが切れました", "Session expired"}})));
        CHECK(outcome.kind == AnswerKind::SignedOut);
        CHECK(outcome.message.text.en == "Session expired");
        CHECK_FALSE(f.controller.state().loaded);
    }
    SUBCASE("503 without a body: shown with retry, in both languages") {
        const AnswerOutcome outcome =
            f.controller.OnContract(Answer(f.transport, "/api/v1/contract", 503, ""));
        CHECK(outcome.kind == AnswerKind::Failed);
        CHECK(outcome.message.text.ja.find("503") != std::string::npos);
        CHECK(outcome.message.text.en.find("503") != std::string::npos);
    }
    SUBCASE("no answer at all (timeout)") {
        ApiResponse response = Answer(f.transport, "/api/v1/contract", 0, "");
        response.network_error = "timeout";
        const AnswerOutcome outcome = f.controller.OnContract(response);
        CHECK(outcome.kind == AnswerKind::Failed);
        CHECK(outcome.message.text.ja == MessageOf(Str::NetworkTimeout).text.ja);
    }
    SUBCASE("200 with a body that is not a contract: named, nothing kept") {
        const AnswerOutcome outcome =
            f.controller.OnContract(Answer(f.transport, "/api/v1/contract", 200, R"({"contractor_name":7})"));
        CHECK(outcome.kind == AnswerKind::Unusable);
        CHECK(outcome.message.text.en.find("contractor_name") != std::string::npos);
        CHECK_FALSE(f.controller.state().loaded);
    }
    CHECK_FALSE(f.controller.state().loading);
}

TEST_CASE("lines streamed in pieces: counted as they come, the table gets them once all checks out") {
    Fixture f;
    f.controller.LoadCustomerData();
    f.controller.OnContract(
        Answer(f.transport, "/api/v1/contract", 200, EncodeContractJson(SampleContract())));
    const std::string payload = EncodeLinesV2(SampleLines(), nullptr);
    const int handle = f.transport.Find("/api/v1/lines");
    size_t fed = 0;
    for (size_t at = 0; at < payload.size(); at += 7) {
        f.clock.Advance(2.0);
        f.controller.OnLinesChunk(ApiChunk{ApiCall::Lines, handle, payload.substr(at, 7), 0, 0, nullptr});
        fed += payload.substr(at, 7).size();
    }
    CHECK(f.controller.lines().payload_bytes == fed);
    CHECK(f.controller.lines().rows_expected == 4);
    CHECK_FALSE(f.controller.lines().loaded);  // not before the answer says the body is complete
    f.clock.Advance(5.0);
    const AnswerOutcome outcome = f.controller.OnLines(Answer(f.transport, "/api/v1/lines", 200, ""));
    CHECK(outcome.kind == AnswerKind::Accepted);
    const LinesViewState& lines = f.controller.lines();
    CHECK(lines.loaded);
    CHECK_FALSE(lines.loading);
    CHECK(lines.store.Size() == 4);
    CHECK(lines.payload_bytes == payload.size());
    CHECK(lines.fetch_ms == doctest::Approx(2.0 * static_cast<double>((payload.size() + 6) / 7) + 5.0));
    CHECK(lines.min_year == 2019);  // the date drop-downs reach the oldest line
    CHECK(lines.max_year == 2026);  // and the as-of year
}

TEST_CASE("a damaged lines payload is refused whole and nothing is shown") {
    Fixture f;
    f.controller.LoadLines();
    std::string payload = EncodeLinesV2(SampleLines(), nullptr);
    payload.resize(payload.size() - 3);
    const AnswerOutcome outcome = f.controller.OnLines(Answer(f.transport, "/api/v1/lines", 200, payload));
    CHECK(outcome.kind == AnswerKind::Unusable);
    CHECK_FALSE(outcome.message.empty());
    CHECK_FALSE(f.controller.lines().loaded);
    CHECK_FALSE(f.controller.lines().loading);
    CHECK(f.controller.LinesWanted());  // the menu may ask again
}

TEST_CASE("an older server's PLN1 answer is still read") {
    Fixture f;
    f.controller.LoadLines();
    f.controller.OnLines(
        Answer(f.transport, "/api/v1/lines", 200, EncodeLinesBinary(SampleLines(), nullptr)));
    CHECK(f.controller.lines().store.Size() == 4);
}

TEST_CASE("検索条件: a prefix filters, a bad date keeps the last result, the clock times the query") {
    Fixture f;
    f.Load();
    CHECK(f.controller.lines().rows.size() == 4);
    f.Type("0505805");
    f.clock.Advance(1.0);
    CHECK(f.controller.ApplyQuery());
    CHECK(f.controller.lines().rows == std::vector<uint32_t>{0, 1});
    CHECK(f.controller.lines().scroll_to_top);
    CHECK_FALSE(f.controller.ApplyQuery());  // nothing changed since

    f.controller.lines().status = StatusFilter::InServiceOnly;
    f.Type("");
    CHECK(f.controller.ApplyQuery());
    CHECK(f.controller.lines().rows == std::vector<uint32_t>{0, 1, 3});  // the cancelled line goes

    f.controller.lines().start_from = DateParts{2024, 2, 31, false};  // no such day
    f.controller.lines().query_dirty = true;
    CHECK_FALSE(f.controller.ApplyQuery());
    CHECK_FALSE(f.controller.lines().validation.ok());
    CHECK(f.controller.lines().rows.size() == 3);  // the table keeps the last valid result
    CHECK(f.controller.lines().last_query_ms > 0.0);
}

TEST_CASE("CSV choices: the lines shown or all, UTF-8 or Shift_JIS, named in Japan time") {
    Fixture f;
    f.Load();
    // 2026-11-30 03:04:05 UTC is 12:04:05 in Japan.
    f.clock.epoch_ms = 1796007845000.0 - f.clock.now_ms;
    f.Type("0505805");
    f.controller.ApplyQuery();
    CsvOptions& csv = f.controller.lines().csv;

    FileDownload shown = f.controller.Download();
    CHECK(shown.name == "C0012345_20261130_120405.csv");
    CHECK(shown.media_type == std::string(CsvMediaType(CsvEncoding::Utf8Bom)));
    CHECK(shown.bytes.compare(0, 3, "\xEF\xBB\xBF") == 0);
    CHECK(shown.bytes ==
          WriteLinesCsv(f.controller.lines().store, {0, 1}, PlanKind::Standard, CsvEncoding::Utf8Bom).bytes);
    CHECK(csv.last_file_name == shown.name);

    csv.all_lines = true;
    csv.encoding = CsvEncoding::Cp932;
    FileDownload all = f.controller.Download();
    CHECK(all.media_type == std::string(CsvMediaType(CsvEncoding::Cp932)));
    CHECK(all.bytes ==
          WriteLinesCsv(f.controller.lines().store, {0, 1, 2, 3}, PlanKind::Standard, CsvEncoding::Cp932)
              .bytes);

    csv.xlsx = true;
    FileDownload book = f.controller.Download();
    CHECK(book.name == "C0012345_20261130_120405.xlsx");
    CHECK(book.media_type == kXlsxMediaType);
    CHECK(book.bytes.compare(0, 2, "PK") == 0);  // a zip, as every .xlsx is
}

TEST_CASE("Shift_JIS that cannot hold a character: no file, the reason named, the last name cleared") {
    Fixture f;
    f.Load(SampleLines("営業部\xF0\x9F\x93\x9E"));  // 📞 is not in CP932
    CsvOptions& csv = f.controller.lines().csv;
    csv.encoding = CsvEncoding::Utf8Bom;
    REQUIRE_FALSE(f.controller.Download().empty());
    csv.encoding = CsvEncoding::Cp932;
    const FileDownload file = f.controller.Download();
    CHECK(file.empty());
    CHECK_FALSE(csv.error.empty());
    CHECK(csv.last_file_name.empty());
    csv.encoding = CsvEncoding::Utf8Bom;  // UTF-8 holds it
    CHECK_FALSE(f.controller.Download().empty());
    CHECK(csv.error.empty());
}

TEST_CASE("copy time, masking for the next kiosk customer, and the logout wipe") {
    Fixture f;
    f.Load();
    f.clock.Advance(40.0);
    f.controller.NoteCopied();
    CHECK(f.controller.lines().copied_at_ms == f.clock.now_ms);
    f.controller.lines().revealed_until_ms[0] = f.clock.now_ms + 30000.0;
    f.controller.MaskAll();
    CHECK(f.controller.lines().revealed_until_ms.empty());
    f.controller.Forget();
    CHECK_FALSE(f.controller.state().loaded);
    CHECK(f.controller.contract().contractor_name.empty());
    CHECK(f.controller.lines().store.Size() == 0);
    CHECK(f.controller.LinesWanted());
}

}  // namespace portal
