// JSON codecs of the small payloads: round trips and every kind of bad input.
#include <doctest/doctest.h>

#include "engine/codec.h"

using namespace portal;

namespace {

template <class T>
Error DecodeError(const Result<T>& result) {
    REQUIRE_FALSE(result.ok());
    CHECK_FALSE(result.error().message.ja.empty());
    CHECK_FALSE(result.error().message.en.empty());
    return result.error();
}

Contract SampleContract() {
    Contract contract;
    contract.contractor_name = "楽天 太郎";
    contract.plan = PlanKind::Standard;
    contract.as_of = MakeDateKey(2026, 10, 3);
    contract.call_details_available = true;
    contract.summary = {"IP電話サービス", "C9", "61.114.166.205", "f02.sip.0038.net", 10, 10, 0,
                        "3分課金プラン"};
    return contract;
}

}  // namespace

TEST_CASE("error JSON round trip") {
    const Error error{
        "prefix_too_short", "phone_prefix", {"電話番号は7桁以上の数字で入力してください。", "At least 7"}};
    const std::string json = EncodeErrorJson(error);
    CHECK(json.find("\"error\"") != std::string::npos);
    const Result<Error> decoded = DecodeErrorJson(json);
    REQUIRE(decoded.ok());
    CHECK(decoded.value().code == error.code);
    CHECK(decoded.value().field == error.field);
    CHECK(decoded.value().message.ja == error.message.ja);
    CHECK(decoded.value().message.en == error.message.en);
    CHECK(DecodeError(DecodeErrorJson("{\"error\":{\"message\":\"x\"}}")).field == "error.code");
    CHECK(DecodeError(DecodeErrorJson("{\"error\":{\"code\":1,\"message\":\"x\"}}")).field == "error.code");
    CHECK(DecodeError(DecodeErrorJson("[]")).field == "");
}

TEST_CASE("contract JSON round trip, and its decoder's errors name the field") {
    const Contract contract = SampleContract();
    const Result<Contract> decoded = DecodeContractJson(EncodeContractJson(contract));
    REQUIRE(decoded.ok());
    const Contract& c = decoded.value();
    CHECK(c.contractor_name == "楽天 太郎");
    CHECK(c.plan == PlanKind::Standard);
    CHECK(c.as_of == contract.as_of);
    CHECK(c.call_details_available);
    CHECK(c.summary.service_name == "IP電話サービス");
    CHECK(c.summary.customer_code == "C9");
    CHECK(c.summary.sip_proxy == "61.114.166.205");
    CHECK(c.summary.sip_domain == "f02.sip.0038.net");
    CHECK(c.summary.lines_issued == 10);
    CHECK(c.summary.lines_active == 10);
    CHECK(c.summary.lines_cancelled == 0);
    CHECK(c.summary.charge_plan == "3分課金プラン");

    std::string json = EncodeContractJson(contract);
    const auto replaced = [&](const std::string& from, const std::string& to) {
        std::string copy = json;
        const size_t at = copy.find(from);
        REQUIRE(at != std::string::npos);
        return copy.replace(at, from.size(), to);
    };
    CHECK(DecodeError(DecodeContractJson(replaced("\"plan\":\"standard\"", "\"plan\":\"gold\""))).field ==
          "plan");
    CHECK(DecodeError(DecodeContractJson(replaced("\"lines_active\":10", "\"lines_active\":-1"))).field ==
          "summary.lines_active");
    CHECK(DecodeError(DecodeContractJson(replaced("\"lines_active\":10", "\"lines_active\":1.5"))).field ==
          "summary.lines_active");
    CHECK(DecodeError(DecodeContractJson(replaced("\"lines_active\":10", "\"lines_active\":\"10\""))).field ==
          "summary.lines_active");
    CHECK(DecodeError(DecodeContractJson(replaced("\"as_of\":\"2026-10-03\"", "\"as_of\":\"2026-02-30\"")))
              .field == "as_of");
    CHECK(DecodeError(DecodeContractJson(R"({"as_of":"2026-10-01"})")).field == "contractor_name");
    CHECK(DecodeError(DecodeContractJson(replaced("\"service_name\":", "\"service\":"))).field ==
          "summary.service_name");
    CHECK(DecodeError(DecodeContractJson(replaced("\"sip_domain\":", "\"sip_domainX\":"))).field ==
          "summary.sip_domain");
    CHECK(DecodeError(
              DecodeContractJson(replaced("\"call_details_available\":true", "\"call_details_available\":1")))
              .field == "call_details_available");
    CHECK(DecodeError(DecodeContractJson("{")).code == "bad_payload");
    CHECK(DecodeError(DecodeContractJson("")).code == "bad_payload");
    CHECK(DecodeError(DecodeContractJson("{} trailing")).code == "bad_payload");
}

TEST_CASE("usage JSON round trip and errors") {
    UsageReport report;
    report.month = "2026-10";
    report.months = {"2026-10", "2026-09"};
    report.rows = {{"05058051001", 12, 3725, 1234}, {"0312345678", 0, 0, 0}};
    const Result<UsageReport> decoded = DecodeUsageJson(EncodeUsageJson(report));
    REQUIRE(decoded.ok());
    CHECK(decoded.value().month == "2026-10");
    CHECK(decoded.value().months == report.months);
    REQUIRE(decoded.value().rows.size() == 2);
    CHECK(decoded.value().rows[0].phone == "05058051001");
    CHECK(decoded.value().rows[0].call_count == 12);
    CHECK(decoded.value().rows[0].call_seconds == 3725);
    CHECK(decoded.value().rows[0].charge_yen == 1234);
    CHECK(DecodeError(DecodeUsageJson(R"({"month":"2026-13","months":[],"rows":[]})")).field == "month");
    CHECK(DecodeError(DecodeUsageJson(R"({"month":"2026-10","months":["x"],"rows":[]})")).field ==
          "months[0]");
    CHECK(
        DecodeError(
            DecodeUsageJson(
                R"({"month":"2026-10","months":[],"rows":[{"phone":"1","call_count":1,"call_seconds":-1,"charge_yen":0}]})"))
            .field == "rows[0].call_seconds");
    CHECK(
        DecodeError(
            DecodeUsageJson(
                R"({"month":"2026-10","months":[],"rows":[{"phone":"1","call_count":4294967296,"call_seconds":1,"charge_yen":0}]})"))
            .field == "rows[0].call_count");
    CHECK(DecodeError(DecodeUsageJson(R"({"month":"2026-10","months":[],"rows":[5]})")).field == "rows[0]");
    CHECK(DecodeError(DecodeUsageJson(R"({"month":"2026-10","months":[],"rows":{}})")).field == "rows");
}

TEST_CASE("call-detail JSON round trip and errors") {
    CallDetailReport report;
    report.phone = "05058051001";
    report.from = MakeDateKey(2026, 10, 1);
    report.to = MakeDateKey(2026, 10, 31);
    report.calls = {{"05058051001", 1790953200, "0312345678", 65, 9},
                    {"05058051001", 1790960000, "09012345678", 1, 3}};
    const Result<CallDetailReport> decoded = DecodeCallDetailsJson(EncodeCallDetailsJson(report));
    REQUIRE(decoded.ok());
    CHECK(decoded.value().phone == report.phone);
    CHECK(decoded.value().from == report.from);
    CHECK(decoded.value().to == report.to);
    REQUIRE(decoded.value().calls.size() == 2);
    CHECK(decoded.value().calls[1].start == 1790960000);
    CHECK(decoded.value().calls[1].destination == "09012345678");
    CHECK(decoded.value().calls[0].duration_seconds == 65);
    CHECK(decoded.value().calls[0].charge_yen == 9);
    CHECK(
        DecodeError(
            DecodeCallDetailsJson(
                R"({"phone":"1","from":"","to":"","calls":[{"phone":"1","start":0,"destination":"2","duration_seconds":1}]})"))
            .field == "calls[0].charge_yen");
    CHECK(
        DecodeError(DecodeCallDetailsJson(R"({"phone":"1","from":"2026/10/01","to":"","calls":[]})")).field ==
        "from");
    // The first member missing is named, in the order the report's members are listed.
    CHECK(DecodeError(DecodeCallDetailsJson(R"({"calls":[]})")).field == "phone");
    CHECK(DecodeError(DecodeCallDetailsJson(R"({"phone":"1","from":"","to":"","calls":[{"phone":"1"}]})"))
              .field == "calls[0].start");
    CHECK(DecodeError(DecodeUsageJson(R"({"rows":[]})")).field == "month");
}

TEST_CASE("validation errors JSON: the first error plus all of them") {
    const std::vector<Error> errors = {{"prefix_too_short", "phone_prefix", {"短い", "short"}},
                                       {"bad_date", "start_from", {"日付", "date"}}};
    const std::string json = EncodeValidationErrorsJson(errors);
    const Result<Error> first = DecodeErrorJson(json);
    REQUIRE(first.ok());
    CHECK(first.value().code == "prefix_too_short");
    CHECK(json.find("\"errors\":[{") != std::string::npos);
    CHECK(json.find("\"start_from\"") != std::string::npos);
    CHECK(json.find("\"message_en\":\"date\"") != std::string::npos);
}
