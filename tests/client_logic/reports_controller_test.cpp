// ReportsController: the usage months (the table's and the chart's, each fetched once), refusals
// the screens explain themselves, the drill-down to one number's calls with the API's default
// period, and the report files named and written as the server's CSV routes write them.
#include "reports_controller.h"

#include <doctest/doctest.h>

#include "engine/codec.h"
#include "engine/xlsx.h"
#include "fakes.h"
#include "report_view.h"
#include "sample/sample_data.h"

namespace portal {
namespace {

using test::Answer;

constexpr DateKey kAsOf = MakeDateKey(2026, 10, 3);

Contract SampleContract(bool call_details = true) {
    Contract contract;
    contract.summary.customer_code = "C0012345";
    contract.as_of = kAsOf;
    contract.call_details_available = call_details;
    return contract;
}

std::string UsageBody(int month, size_t lines = 30) {
    UsageReport report = GenerateSampleUsage(GenerateSampleLines(lines, 7, kAsOf), 2026, month, 7);
    report.months = {"2026-10", "2026-09", "2026-08"};
    return EncodeUsageJson(report);
}

std::string ErrorBody(const char* code, const char* ja, const char* en) {
    return EncodeErrorJson(Error{code, "", Text{ja, en}});
}

struct Fixture {
    test::ManualClock clock;
    test::RecordingTransport transport;
    ReportsController controller{clock, transport};

    void ShowUsage() {
        controller.OpenUsage("");
        clock.Advance(30.0);
        REQUIRE(controller.OnUsage(Answer(transport, "/api/v1/usage", 200, UsageBody(10))).kind ==
                AnswerKind::Accepted);
    }
};

}  // namespace

TEST_CASE("usage: the newest month first, rows and timings; opening again fetches nothing") {
    Fixture f;
    f.ShowUsage();
    const UsageViewState& usage = f.controller.usage();
    CHECK(usage.loaded);
    CHECK(usage.report.month == "2026-10");
    CHECK(usage.rows.size() == usage.report.rows.size());
    CHECK(usage.fetch_ms == 30.0);
    f.controller.OpenUsage("");
    CHECK(f.transport.sent.size() == 1);
    f.controller.LoadUsage("2026-09");  // the month drop-down
    CHECK(f.transport.sent.back().url == "/api/v1/usage?month=2026-09");
    CHECK(f.controller.usage().requested == "2026-09");
}

TEST_CASE("usage: a drill-down's number becomes the prefix and filters the month shown") {
    Fixture f;
    f.ShowUsage();
    const std::string phone = f.controller.usage().report.rows[3].phone;
    f.controller.OpenUsage(phone);
    CHECK(std::string(f.controller.usage().phone_prefix.data()) == phone);
    UpdateUsageRows(f.controller.usage());
    REQUIRE(f.controller.usage().rows.size() == 1);
    CHECK(f.controller.usage().report.rows[f.controller.usage().rows[0]].phone == phone);
}

TEST_CASE("usage: refusals the screen explains, and those that are the App's") {
    Fixture f;
    f.controller.OpenUsage("");
    SUBCASE("no usage yet (404): on the screen") {
        const AnswerOutcome outcome = f.controller.OnUsage(
            Answer(f.transport, "/api/v1/usage", 404, ErrorBody("no_usage", "まだありません", "None yet")));
        CHECK(outcome.kind == AnswerKind::Refused);
        CHECK(f.controller.usage().error.text.en == "None yet");
    }
    SUBCASE("damaged: on the screen, naming the field") {
        const AnswerOutcome outcome = f.controller.OnUsage(
            Answer(f.transport, "/api/v1/usage", 200, R"({"month":"2026-10","rows":7})"));
        CHECK(outcome.kind == AnswerKind::Refused);
        CHECK(f.controller.usage().error.text.en.find("rows") != std::string::npos);
        CHECK_FALSE(f.controller.usage().loaded);
    }
    SUBCASE("the session ended") {
        CHECK(f.controller.OnUsage(Answer(f.transport, "/api/v1/usage", 401, "")).kind ==
              AnswerKind::SignedOut);
    }
    SUBCASE("lost: retry") {
        CHECK(f.controller.OnUsage(Answer(f.transport, "/api/v1/usage", 502, "")).kind == AnswerKind::Failed);
        CHECK(f.controller.usage().error.empty());
    }
    CHECK_FALSE(f.controller.usage().loading);
}

TEST_CASE("the per-month chart: every other month asked for once, kept; a refusal stops it") {
    Fixture f;
    f.ShowUsage();
    f.controller.LoadChartMonths();
    CHECK(f.transport.sent.size() == 1);  // the chart is not by month yet
    f.controller.usage().chart_by_month = true;
    f.controller.LoadChartMonths();
    f.controller.LoadChartMonths();  // next frame: nothing asked twice
    REQUIRE(f.transport.sent.size() == 3);
    CHECK(f.transport.CountTo("/api/v1/usage?month=2026-09") == 1);
    CHECK(f.transport.CountTo("/api/v1/usage?month=2026-08") == 1);
    CHECK(f.controller.usage().month_rows.count("2026-10") == 1);  // the table's month, as it is
    CHECK(f.controller.usage().months_in_flight.size() == 2);
    CHECK(f.controller.OnUsageMonth(Answer(f.transport, "/api/v1/usage?month=2026-09", 200, UsageBody(9)))
              .kind == AnswerKind::Accepted);
    CHECK(f.controller.usage().month_rows.count("2026-09") == 1);
    CHECK(f.controller.usage().months_in_flight.size() == 1);
    const AnswerOutcome refused = f.controller.OnUsageMonth(Answer(
        f.transport, "/api/v1/usage?month=2026-08", 404, ErrorBody("no_usage", "ありません", "Missing")));
    CHECK(refused.kind == AnswerKind::Refused);
    CHECK(f.controller.usage().month_error.text.en == "Missing");
    f.controller.usage().months_in_flight.clear();
    f.controller.LoadChartMonths();
    CHECK(f.transport.sent.size() == 3);  // it stopped asking
}

TEST_CASE("call details: the default period, the number's calls, 403 explained") {
    Fixture f;
    const Contract contract = SampleContract();
    f.controller.OpenCallDetails("", contract, true);
    CHECK(f.transport.sent.empty());  // no number yet: the screen asks for one
    CHECK(f.controller.details().from.ToQuery() == "2025-10-01");
    CHECK(f.controller.details().to.ToQuery() == "2026-10-03");
    f.controller.OpenCallDetails("05058051001", contract, true);
    REQUIRE(f.transport.sent.size() == 1);
    const std::string url = "/api/v1/call-details?number=05058051001&from=2025-10-01&to=2026-10-03";
    CHECK(f.transport.sent[0].url == url);
    SUBCASE("answered") {
        const CallDetailReport report =
            GenerateSampleCalls("05058051001", MakeDateKey(2025, 10, 1), kAsOf, 7);
        REQUIRE_FALSE(report.calls.empty());
        CHECK(f.controller.OnCallDetails(Answer(f.transport, url, 200, EncodeCallDetailsJson(report))).kind ==
              AnswerKind::Accepted);
        const CallDetailsViewState& details = f.controller.details();
        CHECK(details.loaded);
        CHECK(details.rows.size() == report.calls.size());
        int64_t charge = 0;
        for (const CallDetail& call : report.calls) charge += call.charge_yen;
        CHECK(details.total_charge == charge);
    }
    SUBCASE("not subscribed") {
        CHECK(f.controller
                  .OnCallDetails(Answer(f.transport, url, 403, ErrorBody("forbidden", "未契約", "No option")))
                  .kind == AnswerKind::Refused);
        CHECK(f.controller.details().not_subscribed);
        CHECK(f.controller.details().error.empty());
    }
    SUBCASE("a bad period (400): on the screen") {
        f.controller.OnCallDetails(
            Answer(f.transport, url, 400, ErrorBody("bad_period", "期間が不正", "Bad period")));
        CHECK(f.controller.details().error.text.en == "Bad period");
    }
}

TEST_CASE("call details without the option: nothing is asked") {
    Fixture f;
    f.controller.OpenCallDetails("05058051001", SampleContract(false), true);
    CHECK(f.transport.sent.empty());
}

TEST_CASE("report files: names and bytes as the server's CSV routes give them, or Excel") {
    Fixture f;
    f.ShowUsage();
    const Contract contract = SampleContract();
    const UsageViewState& usage = f.controller.usage();
    FileDownload csv = f.controller.DownloadUsage(contract);
    CHECK(csv.name == CsvFileName("C0012345", "usage", MonthStamp("2026-10")));
    CHECK(csv.bytes == WriteUsageCsv(usage.report, usage.rows, CsvEncoding::Utf8Bom).bytes);
    CHECK(usage.csv.last_file_name == csv.name);
    f.controller.usage().csv.xlsx = true;
    FileDownload book = f.controller.DownloadUsage(contract);
    CHECK(book.name == XlsxFileName("C0012345", "usage", MonthStamp("2026-10")));
    CHECK(book.media_type == kXlsxMediaType);
    CHECK(book.bytes.compare(0, 2, "PK") == 0);

    CallDetailReport report = GenerateSampleCalls("05058051001", MakeDateKey(2026, 9, 1), kAsOf, 7);
    f.controller.OpenCallDetails("05058051001", contract, true);
    f.controller.OnCallDetails(
        Answer(f.transport, f.transport.sent.back().url, 200, EncodeCallDetailsJson(report)));
    f.controller.details().csv.encoding = CsvEncoding::Cp932;
    FileDownload calls = f.controller.DownloadCallDetails(contract);
    CHECK(calls.name == CsvFileName("C0012345", "calls_05058051001", "20260901-20261003"));
    CHECK(calls.media_type == std::string(CsvMediaType(CsvEncoding::Cp932)));
    CHECK(calls.bytes ==
          WriteCallDetailsCsv(f.controller.details().report, f.controller.details().rows, CsvEncoding::Cp932)
              .bytes);
    f.controller.Forget();
    CHECK_FALSE(f.controller.usage().loaded);
    CHECK(f.controller.details().report.calls.empty());
    CHECK(f.controller.usage().month_rows.empty());
}

}  // namespace portal
