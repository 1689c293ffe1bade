// Internal: typed, path-reporting access to nlohmann_json values for the small API payloads.
// A problem throws DecodeFailure inside the codec, which each Decode* turns into an Error.
#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "engine/date.h"
#include "engine/payload_error.h"
#include "engine/result.h"

namespace portal {

struct DecodeFailure {
    Error error;
};

// Parses without exceptions; throws DecodeFailure with the byte offset on a syntax error.
nlohmann::json ParseJsonOrFail(std::string_view text);

std::string JoinPath(const std::string& parent, std::string_view key);

const nlohmann::json& RequireObject(const nlohmann::json& value, const std::string& path);
const nlohmann::json& RequireArray(const nlohmann::json& value, const std::string& path);
const nlohmann::json& RequireMember(const nlohmann::json& object, std::string_view key,
                                    const std::string& path);

std::string ReadString(const nlohmann::json& object, std::string_view key, const std::string& path);
std::string StringValue(const nlohmann::json& value, const std::string& path);
int64_t ReadInteger(const nlohmann::json& object, std::string_view key, const std::string& path, int64_t min,
                    int64_t max);
bool ReadBool(const nlohmann::json& object, std::string_view key, const std::string& path);
// "YYYY-MM-DD"; blank gives kNoDate when allow_blank.
DateKey ReadDate(const nlohmann::json& object, std::string_view key, const std::string& path,
                 bool allow_blank);

// Decodes with `body`, turning a DecodeFailure (or any parser exception) into the Result's Error.
template <class T, class Body>
Result<T> DecodeGuarded(Body&& body) {
    try {
        return body();
    } catch (const DecodeFailure& failure) {
        return Result<T>::Failure(failure.error);
    } catch (const std::exception& e) {
        return Result<T>::Failure(PayloadError("", e.what()));
    }
}

}  // namespace portal
