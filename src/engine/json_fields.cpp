// Typed field access with JSON paths in every error, for the codec's DOM-based payloads.
#include "engine/json_fields.h"

namespace portal {

Error PayloadError(const std::string& path, const std::string& detail) {
    Error error;
    error.code = "bad_payload";
    error.field = path;
    error.message.ja = "受信したデータの形式が正しくありません" +
                       (path.empty() ? std::string() : "（" + path + "）") +
                       "。時間をおいて再度お試しください。";
    error.message.en = "The data received is not valid" + (path.empty() ? std::string() : " at " + path) +
                       ": " + detail + ". Please try again later.";
    return error;
}

nlohmann::json ParseJsonOrFail(std::string_view text) {
    nlohmann::json value = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (value.is_discarded()) throw DecodeFailure{PayloadError("", "the text is not well-formed JSON")};
    return value;
}

std::string JoinPath(const std::string& parent, std::string_view key) {
    return parent.empty() ? std::string(key) : parent + "." + std::string(key);
}

std::string IndexPath(const std::string& parent, size_t index) {
    return parent + "[" + std::to_string(index) + "]";
}

const nlohmann::json& RequireObject(const nlohmann::json& value, const std::string& path) {
    if (!value.is_object()) throw DecodeFailure{PayloadError(path, "expected an object")};
    return value;
}

const nlohmann::json& RequireArray(const nlohmann::json& value, const std::string& path) {
    if (!value.is_array()) throw DecodeFailure{PayloadError(path, "expected an array")};
    return value;
}

const nlohmann::json& RequireMember(const nlohmann::json& object, std::string_view key,
                                    const std::string& path) {
    const auto it = object.find(key);
    if (it == object.end()) throw DecodeFailure{PayloadError(JoinPath(path, key), "missing")};
    return *it;
}

std::string StringValue(const nlohmann::json& value, const std::string& path) {
    if (!value.is_string()) throw DecodeFailure{PayloadError(path, "expected a string")};
    return value.get<std::string>();
}

std::string ReadString(const nlohmann::json& object, std::string_view key, const std::string& path) {
    return StringValue(RequireMember(object, key, path), JoinPath(path, key));
}

int64_t ReadInteger(const nlohmann::json& object, std::string_view key, const std::string& path, int64_t min,
                    int64_t max) {
    const nlohmann::json& value = RequireMember(object, key, path);
    const std::string where = JoinPath(path, key);
    if (!value.is_number_integer()) throw DecodeFailure{PayloadError(where, "expected a whole number")};
    if (value.is_number_unsigned() && value.get<uint64_t>() > static_cast<uint64_t>(max))
        throw DecodeFailure{PayloadError(where, "number out of range")};
    const int64_t number = value.get<int64_t>();
    if (number < min || number > max) throw DecodeFailure{PayloadError(where, "number out of range")};
    return number;
}

bool ReadBool(const nlohmann::json& object, std::string_view key, const std::string& path) {
    const nlohmann::json& value = RequireMember(object, key, path);
    if (!value.is_boolean()) throw DecodeFailure{PayloadError(JoinPath(path, key), "expected true or false")};
    return value.get<bool>();
}

DateKey ReadDate(const nlohmann::json& object, std::string_view key, const std::string& path,
                 bool allow_blank) {
    const std::string where = JoinPath(path, key);
    const std::string text = StringValue(RequireMember(object, key, path), where);
    if (text.empty()) {
        if (allow_blank) return kNoDate;
        throw DecodeFailure{PayloadError(where, "a date is required")};
    }
    const std::optional<DateKey> date = text.size() == 10 && text[4] == '-' ? ParseDate(text) : std::nullopt;
    if (!date) throw DecodeFailure{PayloadError(where, "expected a date YYYY-MM-DD")};
    return *date;
}

}  // namespace portal
