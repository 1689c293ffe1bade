// JSON codecs of errors, contract, usage and call details, on the engine's one reader and writer.
// Usage and call details can hold 100,000 rows: both are read in one pass, without a DOM.

#include "engine/codec.h"
#include "engine/json_reader.h"
#include "engine/json_writer.h"

namespace portal {
namespace {

void AppendErrorObject(const Error& error, std::string& out) {
    JsonObjectWriter object(out);
    object.String("code", error.code);
    object.String("field", error.field);
    object.String("message", error.message.ja);
    object.String("message_en", error.message.en);
    object.Close();
}

}  // namespace

std::string EncodeErrorJson(const Error& error) {
    std::string out;
    JsonObjectWriter root(out);
    AppendErrorObject(error, root.Member("error"));
    root.Close();
    return out;
}

Result<Error> DecodeErrorJson(std::string_view text) {
    JsonReader in(text);
    Error error;
    bool has_error = false, has_code = false, has_message = false;
    const bool ok = in.Object([&](std::string_view key) {
        if (key != "error") return in.Skip();
        has_error = true;
        const bool read = in.Object([&](std::string_view name) {
            // English text and field are optional on the wire but must be strings when present.
            if (name == "code") return has_code = true, in.String(error.code);
            if (name == "message") return has_message = true, in.String(error.message.ja);
            if (name == "message_en") return in.String(error.message.en);
            if (name == "field") return in.String(error.field);
            return in.Skip();
        });
        if (!read) return false;
        if (!has_code) return in.FailMember("code", "missing");
        if (!has_message) return in.FailMember("message", "missing");
        return true;
    });
    if (ok && !has_error) in.FailMember("error", "missing");
    if (!ok || in.failed() || !in.Finish()) return Result<Error>::Failure(in.error());
    return error;
}

std::string EncodeContractJson(const Contract& contract) {
    const ContractSummary& s = contract.summary;
    std::string out;
    JsonObjectWriter root(out);
    root.String("as_of", FormatDate(contract.as_of, '-'));
    root.Bool("call_details_available", contract.call_details_available);
    root.String("contractor_name", contract.contractor_name);
    root.String("plan", PlanKindKey(contract.plan));
    JsonObjectWriter summary(root.Member("summary"));
    summary.String("charge_plan", s.charge_plan);
    summary.String("customer_code", s.customer_code);
    summary.Number("lines_active", s.lines_active);
    summary.Number("lines_cancelled", s.lines_cancelled);
    summary.Number("lines_issued", s.lines_issued);
    summary.String("service_name", s.service_name);
    summary.String("sip_domain", s.sip_domain);
    summary.String("sip_proxy", s.sip_proxy);
    summary.Close();
    root.Close();
    return out;
}

Result<Contract> DecodeContractJson(std::string_view text) {
    JsonReader in(text);
    Contract contract;
    ContractSummary& s = contract.summary;
    uint32_t seen = 0, summary_seen = 0;
    static const char* const kSummary[] = {"service_name", "customer_code", "sip_proxy",       "sip_domain",
                                           "lines_issued", "lines_active",  "lines_cancelled", "charge_plan"};
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "contractor_name") return seen |= 1, in.String(contract.contractor_name);
        if (key == "plan") {
            std::string_view plan;
            if (!in.String(plan)) return false;
            seen |= 2;
            if (plan == "standard") return contract.plan = PlanKind::Standard, true;
            if (plan == "basic") return contract.plan = PlanKind::Basic, true;
            return in.Fail("expected \"standard\" or \"basic\"");
        }
        if (key == "as_of") return seen |= 4, in.Date(contract.as_of, false);
        if (key == "call_details_available") return seen |= 8, in.Bool(contract.call_details_available);
        if (key != "summary") return in.Skip();
        seen |= 16;
        const bool read = in.Object([&](std::string_view name) {
            std::string* const text[] = {&s.service_name, &s.customer_code, &s.sip_proxy, &s.sip_domain};
            int64_t* const numbers[] = {&s.lines_issued, &s.lines_active, &s.lines_cancelled};
            for (int i = 0; i < 8; ++i) {
                if (name != kSummary[i]) continue;
                summary_seen |= 1u << i;
                if (i < 4) return in.String(*text[i]);
                if (i < 7) return in.Whole(*numbers[i - 4]);
                return in.String(s.charge_plan);
            }
            return in.Skip();
        });
        return read && in.AllSeen(summary_seen, kSummary);
    });
    if (ok) in.AllSeen(seen, {"contractor_name", "plan", "as_of", "call_details_available", "summary"});
    if (!ok || in.failed() || !in.Finish()) return Result<Contract>::Failure(in.error());
    return contract;
}

std::string EncodeUsageJson(const UsageReport& report) {
    std::string out;
    out.reserve(report.rows.size() * 80 + 64);
    JsonObjectWriter root(out);
    root.String("month", report.month);
    root.Member("months").push_back('[');
    for (size_t i = 0; i < report.months.size(); ++i) {
        if (i != 0) out.push_back(',');
        AppendJsonString(report.months[i], out);
    }
    out += "]";
    root.Member("rows").push_back('[');
    for (size_t i = 0; i < report.rows.size(); ++i) {
        const UsageRow& row = report.rows[i];
        if (i != 0) out.push_back(',');
        JsonObjectWriter item(out);
        item.Number("call_count", row.call_count);
        item.Number("call_seconds", row.call_seconds);
        item.Number("charge_yen", row.charge_yen);
        item.String("phone", row.phone);
        item.Close();
    }
    out += "]";
    root.Close();
    return out;
}

Result<UsageReport> DecodeUsageJson(std::string_view text) {
    JsonReader in(text);
    UsageReport report;
    uint32_t seen = 0;
    // A duplicated member counts once, with its last value, as a DOM would read it.
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "month") return seen |= 1, in.Month(report.month);
        if (key == "months") {
            seen |= 2;
            report.months.clear();
            return in.Array(
                [&](size_t) { return report.months.emplace_back(), in.Month(report.months.back()); });
        }
        if (key != "rows") return in.Skip();
        seen |= 4;
        report.rows.clear();
        report.rows.reserve(in.Remaining() / 80 + 1);  // a row takes about 80 bytes
        return in.Array([&](size_t) {
            UsageRow& row = report.rows.emplace_back();
            uint32_t fields = 0;
            const bool read = in.Object([&](std::string_view name) {
                if (name == "phone") return fields |= 1, in.String(row.phone);
                if (name == "call_count") return fields |= 2, in.Whole(row.call_count);
                if (name == "call_seconds") return fields |= 4, in.Whole(row.call_seconds);
                if (name == "charge_yen") return fields |= 8, in.Whole(row.charge_yen);
                return in.Skip();
            });
            return read && in.AllSeen(fields, {"phone", "call_count", "call_seconds", "charge_yen"});
        });
    });
    if (ok) in.AllSeen(seen, {"month", "months", "rows"});
    if (!ok || in.failed() || !in.Finish()) return Result<UsageReport>::Failure(in.error());
    report.rows.shrink_to_fit();
    return report;
}

std::string EncodeCallDetailsJson(const CallDetailReport& report) {
    std::string out;
    out.reserve(report.calls.size() * 100 + 64);
    JsonObjectWriter root(out);
    root.Member("calls").push_back('[');
    for (size_t i = 0; i < report.calls.size(); ++i) {
        const CallDetail& call = report.calls[i];
        if (i != 0) out.push_back(',');
        JsonObjectWriter item(out);
        item.Number("charge_yen", call.charge_yen);
        item.String("destination", call.destination);
        item.Number("duration_seconds", call.duration_seconds);
        item.String("phone", call.phone);
        item.Number("start", call.start);
        item.Close();
    }
    out += "]";
    root.String("from", FormatDate(report.from, '-'));
    root.String("phone", report.phone);
    root.String("to", FormatDate(report.to, '-'));
    root.Close();
    return out;
}

Result<CallDetailReport> DecodeCallDetailsJson(std::string_view text) {
    JsonReader in(text);
    CallDetailReport report;
    uint32_t seen = 0;
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "phone") return seen |= 1, in.String(report.phone);
        if (key == "from") return seen |= 2, in.Date(report.from, true);
        if (key == "to") return seen |= 4, in.Date(report.to, true);
        if (key != "calls") return in.Skip();
        seen |= 8;
        report.calls.clear();
        report.calls.reserve(in.Remaining() / 100 + 1);  // a call takes about 100 bytes
        return in.Array([&](size_t) {
            CallDetail& call = report.calls.emplace_back();
            uint32_t fields = 0;
            const bool read = in.Object([&](std::string_view name) {
                if (name == "phone") return fields |= 1, in.String(call.phone);
                if (name == "start") return fields |= 2, in.Whole(call.start);
                if (name == "destination") return fields |= 4, in.String(call.destination);
                if (name == "duration_seconds") return fields |= 8, in.Whole(call.duration_seconds);
                if (name == "charge_yen") return fields |= 16, in.Whole(call.charge_yen);
                return in.Skip();
            });
            return read &&
                   in.AllSeen(fields, {"phone", "start", "destination", "duration_seconds", "charge_yen"});
        });
    });
    if (ok) in.AllSeen(seen, {"phone", "from", "to", "calls"});
    if (!ok || in.failed() || !in.Finish()) return Result<CallDetailReport>::Failure(in.error());
    report.calls.shrink_to_fit();
    return report;
}

std::string EncodeValidationErrorsJson(const std::vector<Error>& errors) {
    std::string out;
    JsonObjectWriter root(out);
    if (!errors.empty()) AppendErrorObject(errors.front(), root.Member("error"));
    root.Member("errors").push_back('[');
    for (size_t i = 0; i < errors.size(); ++i) {
        if (i != 0) out.push_back(',');
        AppendErrorObject(errors[i], out);
    }
    out += "]";
    root.Close();
    return out;
}

}  // namespace portal
