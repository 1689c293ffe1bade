// The api modules' payloads, each described once as a table of its members: the key, how the
// value is read and written, and when the payload has it. One encoder and one decoder serve every
// table, on top of JsonReader and JsonObjectWriter, so every payload has the same rules: members
// written in table order; each given at most once ("given twice"); a missing one is an error
// naming its path, never a default; answers skip members they do not know (a newer server may
// add some), requests refuse them by name. See docs/architecture.md ("How to add …", a payload).
#pragma once
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "engine/json_reader.h"
#include "engine/json_writer.h"
#include "engine/result.h"

namespace portal::api_members {

template <class T>
struct Member {
    const char* key;
    bool (*read)(JsonReader& in, T& value);           // the value at the cursor, into `value`
    void (*write)(std::string& out, const T& value);  // the value only: the encoder writes the key
    // Null: every payload has the member. Otherwise the payload is written with it, and must be
    // read with it, only when this says so of the rest of the payload (a challenge's factor).
    bool (*present)(const T& value) = nullptr;
    const char* old_key = nullptr;  // a name older senders used, read as well

    constexpr Member When(bool (*has_member)(const T&)) const {
        Member member = *this;
        member.present = has_member;
        return member;
    }
    constexpr Member Or(const char* old_name) const {
        Member member = *this;
        member.old_key = old_name;
        return member;
    }
};

// A check of the whole payload once every member it must have is read (a challenge that is not
// empty): false after recording the error with in.FailMember.
template <class T>
using Check = bool (*)(JsonReader& in, const T& value);

// One value by its C++ type: text, true/false, a number, a list.
inline bool ReadValue(JsonReader& in, std::string& out) {
    return in.String(out);
}
inline bool ReadValue(JsonReader& in, bool& out) {
    return in.Bool(out);
}
// A list, each item read (or below, written) by `item`: values and nested objects alike.
template <class Item, class ReadItem>
bool ReadList(JsonReader& in, std::vector<Item>& items, ReadItem item) {
    items.clear();
    return in.Array([&](size_t) { return item(items.emplace_back()); });
}
template <class Item, class WriteItem>
void WriteList(std::string& out, const std::vector<Item>& items, WriteItem item) {
    out.push_back('[');
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out.push_back(',');
        item(items[i]);
    }
    out.push_back(']');
}

template <class Item>
bool ReadValue(JsonReader& in, std::vector<Item>& items) {
    return ReadList(in, items, [&](Item& item) { return ReadValue(in, item); });
}

inline void WriteValue(std::string& out, const std::string& text) {
    AppendJsonString(text, out);
}
inline void WriteValue(std::string& out, bool flag) {
    out += flag ? "true" : "false";
}
inline void WriteValue(std::string& out, uint64_t number) {
    AppendJsonNumber(number, out);
}
template <class Item>
void WriteValue(std::string& out, const std::vector<Item>& items) {
    WriteList(out, items, [&](const Item& item) { WriteValue(out, item); });
}

template <class M>
struct MemberPointer;
template <class T, class V>
struct MemberPointer<V T::*> {
    using Payload = T;
    using Value = V;
};

// A number is a JSON whole number from 0 to Max: more is damage, not a setting.
template <auto M, uint64_t Max>
bool ReadField(JsonReader& in, typename MemberPointer<decltype(M)>::Payload& value) {
    if constexpr (std::is_same_v<typename MemberPointer<decltype(M)>::Value, uint64_t>) {
        static_assert(Max > 0, "a number member names its largest value");
        return in.Unsigned(Max, value.*M);
    } else {
        return ReadValue(in, value.*M);
    }
}
template <auto M>
void WriteField(std::string& out, const typename MemberPointer<decltype(M)>::Payload& value) {
    WriteValue(out, value.*M);
}

// The member `key` stored in the struct member M: Field<&LoginRequest::password>("password"),
// Field<&SignedInPayload::idle_timeout_seconds, kMaxSeconds>("idle_timeout_seconds").
template <auto M, uint64_t Max = 0>
constexpr Member<typename MemberPointer<decltype(M)>::Payload> Field(const char* key) {
    return {key, &ReadField<M, Max>, &WriteField<M>};
}

// The error code of a member a request does not take, so the server can answer it as an unknown
// field rather than a damaged one ("bad_payload").
constexpr const char* kUnknownMember = "unknown_field";

// An object described by `members` (a table in the order the members are written: alphabetical,
// as the API has always sent them).
template <class T, size_t N>
bool ReadObject(JsonReader& in, T& value, const Member<T> (&members)[N], bool refuse_unknown, bool& unknown) {
    static_assert(N <= 32, "one bit of `seen` a member");
    uint32_t seen = 0;
    const bool ok = in.Object([&](std::string_view key) {
        for (size_t i = 0; i < N; ++i) {
            const Member<T>& member = members[i];
            if (key == member.key || (member.old_key != nullptr && key == member.old_key))
                return in.FirstTime(seen, 1u << i) && member.read(in, value);
        }
        if (!refuse_unknown) return in.Skip();
        unknown = true;
        return in.Fail("unknown member");
    });
    if (!ok) return false;
    // The members every payload has first: whether the others are needed depends on them.
    for (const bool depends : {false, true}) {
        for (size_t i = 0; i < N; ++i) {
            const Member<T>& member = members[i];
            if ((member.present != nullptr) != depends || (seen & (1u << i))) continue;
            if (!depends || member.present(value)) return in.FailMember(member.key, "missing");
        }
    }
    return true;
}
template <class T, size_t N>
bool ReadObject(JsonReader& in, T& value, const Member<T> (&members)[N]) {
    bool unknown = false;
    return ReadObject(in, value, members, false, unknown);
}
template <class T, size_t N>
void WriteObject(std::string& out, const T& value, const Member<T> (&members)[N]) {
    JsonObjectWriter writer(out);
    for (const Member<T>& member : members) {
        if (member.present == nullptr || member.present(value))
            member.write(writer.Member(member.key), value);
    }
    writer.Close();
}

// A member holding an object, or a list of objects, that has a table of its own.
template <const auto& kTable, class T>
bool ReadNested(JsonReader& in, T& object) {
    return ReadObject(in, object, kTable);
}
template <const auto& kTable, class T>
bool ReadNested(JsonReader& in, std::vector<T>& objects) {
    return ReadList(in, objects, [&](T& object) { return ReadObject(in, object, kTable); });
}
template <const auto& kTable, class T>
void WriteNested(std::string& out, const T& object) {
    WriteObject(out, object, kTable);
}
template <const auto& kTable, class T>
void WriteNested(std::string& out, const std::vector<T>& objects) {
    WriteList(out, objects, [&](const T& object) { WriteObject(out, object, kTable); });
}
template <auto M, const auto& kTable>
bool ReadNestedField(JsonReader& in, typename MemberPointer<decltype(M)>::Payload& value) {
    return ReadNested<kTable>(in, value.*M);
}
template <auto M, const auto& kTable>
void WriteNestedField(std::string& out, const typename MemberPointer<decltype(M)>::Payload& value) {
    WriteNested<kTable>(out, value.*M);
}
// Nested<&SessionsPayload::sessions, kSessionRow>("sessions"): the rows, each read by kSessionRow.
template <auto M, const auto& kTable>
constexpr Member<typename MemberPointer<decltype(M)>::Payload> Nested(const char* key) {
    return {key, &ReadNestedField<M, kTable>, &WriteNestedField<M, kTable>};
}

template <class T, size_t N>
std::string Encode(const T& payload, const Member<T> (&members)[N]) {
    std::string out;
    WriteObject(out, payload, members);
    return out;
}

// The end of a decode: the payload, or the first error (an unknown member's with kUnknownMember).
template <class T>
Result<T> Finish(JsonReader& in, bool ok, T value, bool unknown) {
    if (ok && !in.failed() && in.Finish()) return value;
    Error error = in.error();
    if (unknown) error.code = kUnknownMember;
    return Result<T>::Failure(std::move(error));
}

template <class T, size_t N>
Result<T> Decode(std::string_view json, const Member<T> (&members)[N], bool refuse_unknown, Check<T> check) {
    JsonReader in(json);
    T payload{};
    bool unknown = false;
    bool ok = ReadObject(in, payload, members, refuse_unknown, unknown);
    if (ok && check != nullptr) ok = check(in, payload);
    return Finish(in, ok, std::move(payload), unknown);
}

// An answer: members it does not know are skipped.
template <class T, size_t N>
Result<T> DecodeAnswer(std::string_view json, const Member<T> (&members)[N], Check<T> check = nullptr) {
    return Decode(json, members, false, check);
}
// A request: members it does not take are refused by name, with kUnknownMember.
template <class T, size_t N>
Result<T> DecodeRequest(std::string_view json, const Member<T> (&members)[N], Check<T> check = nullptr) {
    return Decode(json, members, true, check);
}

// {} and nothing else: a request that takes no members (logout, enrol, logout-others).
inline Result<bool> DecodeEmptyObject(std::string_view json) {
    JsonReader in(json);
    bool unknown = false;
    const bool ok = in.Object([&](std::string_view) {
        unknown = true;
        return in.Fail("unknown member");
    });
    return Finish(in, ok, true, unknown);
}

}  // namespace portal::api_members
