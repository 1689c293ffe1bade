// JSON codecs of the small payloads: errors, contract, usage and call details (DOM based). Usage
// and call details can hold 100,000 rows: they are read by a hand-written scanner first
// (codec_reports_fast.cpp); the DOM decoders below take what it steps aside from and name the
// exact problem. The lines payload has its own streaming codec.
#include <limits>

#include "engine/codec.h"
#include "engine/json_fields.h"

namespace portal {
namespace {

using nlohmann::json;
constexpr int64_t kMaxInt = std::numeric_limits<int64_t>::max();
constexpr int64_t kMaxU32 = std::numeric_limits<uint32_t>::max();

// Invalid UTF-8 in our own data must not take the server down: it is written as U+FFFD.
std::string Dump(const json& value) {
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

json ErrorObject(const Error& error) {
    return json{{"code", error.code},
                {"message", error.message.ja},
                {"message_en", error.message.en},
                {"field", error.field}};
}

std::string ReadMonth(const json& value, const std::string& path) {
    std::string text = StringValue(value, path);
    if (!IsMonthKey(text)) throw DecodeFailure{PayloadError(path, "expected a month YYYY-MM")};
    return text;
}

}  // namespace

std::string EncodeErrorJson(const Error& error) {
    return Dump(json{{"error", ErrorObject(error)}});
}

Result<Error> DecodeErrorJson(std::string_view text) {
    return DecodeGuarded<Error>([&]() -> Result<Error> {
        const json root = ParseJsonOrFail(text);
        const json& object = RequireObject(RequireMember(RequireObject(root, ""), "error", ""), "error");
        Error error;
        error.code = ReadString(object, "code", "error");
        error.message.ja = ReadString(object, "message", "error");
        // English text and field are optional on the wire but must be strings when present.
        if (object.contains("message_en")) error.message.en = ReadString(object, "message_en", "error");
        if (object.contains("field")) error.field = ReadString(object, "field", "error");
        return error;
    });
}

std::string EncodeContractJson(const Contract& contract) {
    const ContractSummary& s = contract.summary;
    json root = {
        {"contractor_name", contract.contractor_name},
        {"plan", std::string(PlanKindKey(contract.plan))},
        {"as_of", FormatDate(contract.as_of, '-')},
        {"call_details_available", contract.call_details_available},
        {"summary",
         {{"service_name", s.service_name},
          {"customer_code", s.customer_code},
          {"sip_proxy", s.sip_proxy},
          {"sip_domain", s.sip_domain},
          {"lines_issued", s.lines_issued},
          {"lines_active", s.lines_active},
          {"lines_cancelled", s.lines_cancelled},
          {"charge_plan", s.charge_plan}}},
    };
    return Dump(root);
}

Result<Contract> DecodeContractJson(std::string_view text) {
    return DecodeGuarded<Contract>([&]() -> Result<Contract> {
        const json root = ParseJsonOrFail(text);
        RequireObject(root, "");
        Contract contract;
        contract.contractor_name = ReadString(root, "contractor_name", "");
        const std::string plan = ReadString(root, "plan", "");
        if (plan == "standard") {
            contract.plan = PlanKind::Standard;
        } else if (plan == "basic") {
            contract.plan = PlanKind::Basic;
        } else {
            throw DecodeFailure{PayloadError("plan", "expected \"standard\" or \"basic\"")};
        }
        contract.as_of = ReadDate(root, "as_of", "", false);
        contract.call_details_available = ReadBool(root, "call_details_available", "");
        const json& summary = RequireObject(RequireMember(root, "summary", ""), "summary");
        ContractSummary& s = contract.summary;
        s.service_name = ReadString(summary, "service_name", "summary");
        s.customer_code = ReadString(summary, "customer_code", "summary");
        s.sip_proxy = ReadString(summary, "sip_proxy", "summary");
        s.sip_domain = ReadString(summary, "sip_domain", "summary");
        s.lines_issued = ReadInteger(summary, "lines_issued", "summary", 0, kMaxInt);
        s.lines_active = ReadInteger(summary, "lines_active", "summary", 0, kMaxInt);
        s.lines_cancelled = ReadInteger(summary, "lines_cancelled", "summary", 0, kMaxInt);
        s.charge_plan = ReadString(summary, "charge_plan", "summary");
        return contract;
    });
}

std::string EncodeUsageJson(const UsageReport& report) {
    json rows = json::array();
    for (const UsageRow& row : report.rows) {
        rows.push_back({{"phone", row.phone},
                        {"call_count", row.call_count},
                        {"call_seconds", row.call_seconds},
                        {"charge_yen", row.charge_yen}});
    }
    return Dump(json{{"month", report.month}, {"months", report.months}, {"rows", std::move(rows)}});
}

// codec_reports_fast.cpp: the common case; false = "ask the DOM decoder".
bool DecodeUsageJsonFast(std::string_view json, UsageReport& report);
bool DecodeCallDetailsJsonFast(std::string_view json, CallDetailReport& report);

// The reference decoders, with exact error paths (declared for the engine tests).
Result<UsageReport> DecodeUsageJsonDom(std::string_view text);
Result<CallDetailReport> DecodeCallDetailsJsonDom(std::string_view text);

Result<UsageReport> DecodeUsageJson(std::string_view text) {
    UsageReport report;
    if (DecodeUsageJsonFast(text, report)) return report;
    return DecodeUsageJsonDom(text);
}

Result<CallDetailReport> DecodeCallDetailsJson(std::string_view text) {
    CallDetailReport report;
    if (DecodeCallDetailsJsonFast(text, report)) return report;
    return DecodeCallDetailsJsonDom(text);
}

Result<UsageReport> DecodeUsageJsonDom(std::string_view text) {
    return DecodeGuarded<UsageReport>([&]() -> Result<UsageReport> {
        const json root = ParseJsonOrFail(text);
        RequireObject(root, "");
        UsageReport report;
        report.month = ReadMonth(RequireMember(root, "month", ""), "month");
        const json& months = RequireArray(RequireMember(root, "months", ""), "months");
        for (size_t i = 0; i < months.size(); ++i)
            report.months.push_back(ReadMonth(months[i], IndexPath("months", i)));
        const json& rows = RequireArray(RequireMember(root, "rows", ""), "rows");
        report.rows.reserve(rows.size());
        for (size_t i = 0; i < rows.size(); ++i) {
            const std::string path = IndexPath("rows", i);
            const json& item = RequireObject(rows[i], path);
            UsageRow row;
            row.phone = ReadString(item, "phone", path);
            row.call_count = static_cast<uint32_t>(ReadInteger(item, "call_count", path, 0, kMaxU32));
            row.call_seconds = static_cast<uint32_t>(ReadInteger(item, "call_seconds", path, 0, kMaxU32));
            row.charge_yen = ReadInteger(item, "charge_yen", path, 0, kMaxInt);
            report.rows.push_back(std::move(row));
        }
        return report;
    });
}

std::string EncodeCallDetailsJson(const CallDetailReport& report) {
    json calls = json::array();
    for (const CallDetail& call : report.calls) {
        calls.push_back({{"phone", call.phone},
                         {"start", call.start},
                         {"destination", call.destination},
                         {"duration_seconds", call.duration_seconds},
                         {"charge_yen", call.charge_yen}});
    }
    return Dump(json{{"phone", report.phone},
                     {"from", FormatDate(report.from, '-')},
                     {"to", FormatDate(report.to, '-')},
                     {"calls", std::move(calls)}});
}

Result<CallDetailReport> DecodeCallDetailsJsonDom(std::string_view text) {
    return DecodeGuarded<CallDetailReport>([&]() -> Result<CallDetailReport> {
        const json root = ParseJsonOrFail(text);
        RequireObject(root, "");
        CallDetailReport report;
        report.phone = ReadString(root, "phone", "");
        report.from = ReadDate(root, "from", "", true);
        report.to = ReadDate(root, "to", "", true);
        const json& calls = RequireArray(RequireMember(root, "calls", ""), "calls");
        report.calls.reserve(calls.size());
        for (size_t i = 0; i < calls.size(); ++i) {
            const std::string path = IndexPath("calls", i);
            const json& item = RequireObject(calls[i], path);
            CallDetail call;
            call.phone = ReadString(item, "phone", path);
            call.start = ReadInteger(item, "start", path, 0, kMaxInt);
            call.destination = ReadString(item, "destination", path);
            call.duration_seconds =
                static_cast<uint32_t>(ReadInteger(item, "duration_seconds", path, 0, kMaxU32));
            call.charge_yen = ReadInteger(item, "charge_yen", path, 0, kMaxInt);
            report.calls.push_back(std::move(call));
        }
        return report;
    });
}

std::string EncodeValidationErrorsJson(const std::vector<Error>& errors) {
    json all = json::array();
    for (const Error& error : errors) all.push_back(ErrorObject(error));
    json root = {{"errors", std::move(all)}};
    if (!errors.empty()) root["error"] = ErrorObject(errors.front());
    return Dump(root);
}

}  // namespace portal
