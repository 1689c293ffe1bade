// What the api modules' decoders share on top of JsonReader: the members a payload requires,
// checked once the object is read, and the end of a decode (an error, or the value).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

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

}  // namespace portal::api_members
