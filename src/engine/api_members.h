// What the api modules' decoders share on top of JsonReader: the members a payload requires,
// checked once the object is read, and the end of a decode (an error, or the value).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "engine/json_reader.h"
#include "engine/result.h"

namespace portal::api_members {

// A member a payload requires: its bit in the decoder's `seen` mask and its key.
struct Required {
    uint32_t bit;
    const char* key;
};

// The first member missing is the error (named under the payload's root, or the object read).
template <size_t N>
bool AllPresent(JsonReader& in, uint32_t seen, const Required (&members)[N]) {
    for (const Required& member : members) {
        if (!(seen & member.bit)) return in.FailMember(member.key, "missing");
    }
    return true;
}

template <class T>
Result<T> Finish(JsonReader& in, bool ok, T value) {
    if (!ok || in.failed() || !in.Finish()) return Result<T>::Failure(in.error());
    return value;
}

// A request member: a string, given once.
inline bool RequestString(JsonReader& in, uint32_t& seen, uint32_t bit, std::string& out) {
    return in.FirstTime(seen, bit) && in.String(out);
}

// The error code of a member a request does not take, so the server can answer it as an unknown
// field rather than a damaged one ("bad_payload").
constexpr const char* kUnknownMember = "unknown_field";

// A request member the request does not take: refused by name.
inline bool RefuseMember(JsonReader& in, bool& unknown) {
    unknown = true;
    return in.Fail("unknown member");
}

// Finish for a request: an unknown member's error carries kUnknownMember.
template <class T>
Result<T> FinishRequest(JsonReader& in, bool ok, T value, bool unknown) {
    Result<T> result = Finish(in, ok, std::move(value));
    if (result.ok() || !unknown) return result;
    Error error = result.error();
    error.code = kUnknownMember;
    return Result<T>::Failure(std::move(error));
}

// {} and nothing else: a request that takes no members (logout, enrol, logout-others).
inline Result<bool> DecodeEmptyObject(std::string_view json) {
    JsonReader in(json);
    bool unknown = false;
    const bool ok = in.Object([&](std::string_view) { return RefuseMember(in, unknown); });
    return FinishRequest(in, ok, true, unknown);
}

// {"<key>": "<text>"} and nothing else: a request of one required string member (a challenge, an
// app's code), read into `member` of the request.
template <class Request>
Result<Request> DecodeOneString(std::string_view json, const char* key, std::string Request::*member) {
    JsonReader in(json);
    Request request;
    uint32_t seen = 0;
    bool unknown = false;
    const bool ok = in.Object([&](std::string_view name) {
        if (name == key) return RequestString(in, seen, 1, request.*member);
        return RefuseMember(in, unknown);
    });
    const Required required[] = {{1, key}};
    return FinishRequest(in, ok && AllPresent(in, seen, required), std::move(request), unknown);
}

}  // namespace portal::api_members
