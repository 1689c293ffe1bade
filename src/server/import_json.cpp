// Import validation: the pieces of a JSON customers file (import_stream.cpp hands them over as
// the file streams by) and the shared per-line checks (also used by CSV).
#include "server/import_json.h"

#include <set>

#include "engine/date.h"

namespace portal::server {
namespace {

using nlohmann::json;

Error FieldError(const std::string& path, const std::string& ja, const std::string& en) {
    return Error{"import_invalid", path, Text{ja, en}};
}

bool AllDigits(const std::string& s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// Cell text of a JSON member: strings as they are, integers as decimal; anything else fails.
bool CellText(const json& value, std::string& out) {
    if (value.is_string()) return out = value.get<std::string>(), true;
    if (value.is_number_integer()) return out = std::to_string(value.get<int64_t>()), true;
    return false;
}

}  // namespace

bool CustomerReader::Fields(const json& object, const std::string& path, Customer& c, std::string& password) {
    static const std::set<std::string> known = {
        "selfcare_id",  "password",      "password_hash", "email",      "contractor_name", "plan",
        "service_name", "customer_code", "sip_proxy",     "sip_domain", "charge_plan",     "call_details"};
    for (const auto& item : object.items())
        if (!known.count(item.key())) return Fail(path + "." + item.key(), "不明な項目です", "unknown field");
    if (!Str(object, path, "selfcare_id", true, 64, c.selfcare_id)) return false;
    for (char ch : c.selfcare_id)
        if (!std::isalnum(static_cast<unsigned char>(ch)) &&
            std::string_view("-_.@").find(ch) == std::string_view::npos)
            return Fail(path + ".selfcare_id", "英数字と - _ . @ だけが使えます",
                        "letters, digits and - _ . @ only");
    if (!Str(object, path, "password", false, 256, password) ||
        !Str(object, path, "password_hash", false, 256, c.password_hash))
        return false;
    if (password.empty() == c.password_hash.empty())
        return Fail(path + ".password", "password か password_hash のどちらか一方が必要です",
                    "exactly one of password and password_hash is required");
    if (!password.empty() && password.size() < 8)
        return Fail(path + ".password", "8文字以上にしてください", "must have at least 8 characters");
    if (!c.password_hash.empty() && !PasswordHasher::LooksLikeHash(c.password_hash))
        return Fail(path + ".password_hash", "Argon2id の文字列ではありません", "is not an Argon2id string");
    std::string plan;
    if (!Str(object, path, "email", true, 254, c.email) ||
        !Str(object, path, "contractor_name", true, 200, c.contractor_name) ||
        !Str(object, path, "plan", true, 16, plan) ||
        !Str(object, path, "service_name", true, 200, c.service_name) ||
        !Str(object, path, "customer_code", true, 64, c.customer_code) ||
        !Str(object, path, "sip_proxy", false, 255, c.sip_proxy) ||
        !Str(object, path, "sip_domain", false, 255, c.sip_domain) ||
        !Str(object, path, "charge_plan", false, 200, c.charge_plan))
        return false;
    if (c.email.find('@') == std::string::npos || c.email.find_first_of(" \r\n<>") != std::string::npos)
        return Fail(path + ".email", "メールアドレスではありません", "is not an e-mail address");
    if (plan != "standard" && plan != "basic")
        return Fail(path + ".plan", "standard か basic です", "must be standard or basic");
    c.plan = plan == "basic" ? PlanKind::Basic : PlanKind::Standard;
    if (auto it = object.find("call_details"); it != object.end()) {
        if (!it->is_boolean())
            return Fail(path + ".call_details", "true か false です", "must be true or false");
        c.call_details = it->get<bool>();
    }
    return true;
}

bool CustomerReader::Fail(const std::string& path, const std::string& ja, const std::string& en) {
    error_ = FieldError(path, ja, en);
    return false;
}

bool CustomerReader::Str(const json& object, const std::string& path, const char* name, bool required,
                         size_t max, std::string& out) {
    auto it = object.find(name);
    const std::string where = path + "." + name;
    if (it == object.end()) return required ? Fail(where, "必須項目がありません", "is required") : true;
    if (!it->is_string()) return Fail(where, "文字列が必要です", "must be a string");
    out = it->get<std::string>();
    if (required && out.empty()) return Fail(where, "空にできません", "must not be empty");
    if (out.size() > max) return Fail(where, "長すぎます", "is too long");
    return true;
}

bool CustomerReader::Line(const json& item, const std::string& where, size_t i, LineRecord& line) {
    if (!item.is_object()) return Fail(where, "オブジェクトが必要です", "must be an object");
    std::array<std::optional<std::string>, kLineColumnCount> cells;
    for (const auto& member : item.items()) {
        const LineColumnInfo* info = FindLineColumn(member.key());
        if (!info) return Fail(where + "." + member.key(), "不明な項目です", "unknown field");
        std::string text;
        if (!CellText(member.value(), text))
            return Fail(where + "." + member.key(), "文字列か整数が必要です",
                        "must be a string or an integer");
        cells[static_cast<size_t>(info->column)] = text;
    }
    Error cell_error;
    if (!LineFromCells(cells, static_cast<uint32_t>(i + 1), line, cell_error)) {
        error_ = FieldError(where + "." + cell_error.field, cell_error.message.ja, cell_error.message.en);
        return false;
    }
    return true;
}

bool CustomerReader::Uint(const json& item, const std::string& where, const char* name, int64_t max,
                          int64_t& out) {
    auto it = item.find(name);
    if (it == item.end() || !it->is_number_integer() || it->get<int64_t>() < 0 || it->get<int64_t>() > max)
        return Fail(where + "." + name, "0 以上の整数が必要です", "must be a non-negative integer");
    out = it->get<int64_t>();
    return true;
}

bool CustomerReader::Usage(const json& item, const std::string& where, std::string& month, UsageRow& row) {
    if (!item.is_object()) return Fail(where, "オブジェクトが必要です", "must be an object");
    int64_t count = 0, seconds = 0;
    if (!Str(item, where, "month", true, 7, month) || !Str(item, where, "phone", true, 11, row.phone) ||
        !Uint(item, where, "call_count", 1000000000, count) ||
        !Uint(item, where, "call_seconds", 4000000000, seconds) ||
        !Uint(item, where, "charge_yen", 1000000000000, row.charge_yen))
        return false;
    if (!ParseDate(month + "-01")) return Fail(where + ".month", "YYYY-MM の形式です", "must be YYYY-MM");
    if (!AllDigits(row.phone)) return Fail(where + ".phone", "数字だけです", "digits only");
    row.call_count = static_cast<uint32_t>(count);
    row.call_seconds = static_cast<uint32_t>(seconds);
    return true;
}

bool CustomerReader::Call(const json& item, const std::string& where, CallDetail& call) {
    if (!item.is_object()) return Fail(where, "オブジェクトが必要です", "must be an object");
    std::string start;
    int64_t duration = 0;
    if (!Str(item, where, "phone", true, 11, call.phone) || !Str(item, where, "start", true, 19, start) ||
        !Str(item, where, "destination", true, 20, call.destination) ||
        !Uint(item, where, "duration_seconds", 86400 * 7, duration) ||
        !Uint(item, where, "charge_yen", 1000000000, call.charge_yen))
        return false;
    // "YYYY-MM-DD HH:MM:SS" in Japan time
    auto day = ParseDate(start.substr(0, 10));
    int h = -1, m = -1, s = -1;
    if (!day || start.size() != 19 || std::sscanf(start.c_str() + 11, "%2d:%2d:%2d", &h, &m, &s) != 3 ||
        h > 23 || m > 59 || s > 59 || h < 0 || m < 0 || s < 0)
        return Fail(where + ".start", "YYYY-MM-DD HH:MM:SS (日本時間) の形式です",
                    "must be YYYY-MM-DD HH:MM:SS (Japan time)");
    call.start = JstDayStart(*day) + h * 3600 + m * 60 + s;
    call.duration_seconds = static_cast<uint32_t>(duration);
    return true;
}

bool LineFromCells(const std::array<std::optional<std::string>, kLineColumnCount>& cells, uint32_t row_no,
                   LineRecord& line, Error& error) {
    auto cell = [&](LineColumn column) -> std::string {
        const auto& value = cells[static_cast<size_t>(column)];
        return value ? *value : std::string();
    };
    auto fail = [&](LineColumn column, const std::string& ja, const std::string& en) {
        error = Error{"import_invalid", ColumnInfo(column).key, Text{ja, en}};
        return false;
    };
    auto digits_or_empty = [&](LineColumn column, size_t max) {
        const std::string value = cell(column);
        return value.size() <= max && AllDigits(value);
    };
    line = LineRecord{};
    line.no = row_no;
    if (std::string no = cell(LineColumn::No); !no.empty()) {
        if (!AllDigits(no) || no.size() > 9 || std::stoul(no) == 0)
            return fail(LineColumn::No, "1 以上の整数が必要です", "must be a positive integer");
        line.no = static_cast<uint32_t>(std::stoul(no));
    }
    line.phone = cell(LineColumn::PhoneNumber);
    if (!AllDigits(line.phone) || line.phone.size() < 10 || line.phone.size() > 11 || line.phone[0] != '0')
        return fail(LineColumn::PhoneNumber, "0 で始まる 10〜11 桁の数字が必要です",
                    "must be 10-11 digits starting with 0");
    line.account_id = cell(LineColumn::AccountId);
    line.line_password = cell(LineColumn::LinePassword);
    line.service_password = cell(LineColumn::ServicePassword);
    for (auto column : {LineColumn::AccountId, LineColumn::LinePassword, LineColumn::ServicePassword,
                        LineColumn::HuntGroup})
        if (cell(column).size() > 64) return fail(column, "64 バイトまでです", "at most 64 bytes");
    auto start = ParseDate(cell(LineColumn::StartDate));
    if (!start)
        return fail(LineColumn::StartDate, "存在する日付 (YYYY-MM-DD) が必要です",
                    "must be a real date YYYY-MM-DD");
    line.start_date = *start;
    if (std::string end = cell(LineColumn::EndDate); !end.empty()) {
        auto end_date = ParseDate(end);
        if (!end_date)
            return fail(LineColumn::EndDate, "存在する日付 (YYYY-MM-DD) か空です",
                        "must be a real date or empty");
        if (*end_date < line.start_date)
            return fail(LineColumn::EndDate, "サービス開始日より前です", "is before the start date");
        line.end_date = *end_date;
    }
    if (std::string channels = cell(LineColumn::Channels); !channels.empty()) {
        if (!AllDigits(channels) || channels.size() > 3)
            return fail(LineColumn::Channels, "0〜999 の整数です", "must be an integer 0-999");
        line.channels = static_cast<uint16_t>(std::stoi(channels));
    }
    if (!digits_or_empty(LineColumn::CallerIdNumber, 11))
        return fail(LineColumn::CallerIdNumber, "数字 (11 桁まで) か空です", "digits (at most 11) or empty");
    if (!digits_or_empty(LineColumn::MobileChoice, 11))
        return fail(LineColumn::MobileChoice, "数字 (11 桁まで) か空です", "digits (at most 11) or empty");
    line.caller_id_number = cell(LineColumn::CallerIdNumber);
    line.hunt_group = cell(LineColumn::HuntGroup);
    line.mobile_choice = cell(LineColumn::MobileChoice);
    return true;
}

}  // namespace portal::server
