// The one JSON reader under every payload decoder: a cursor over the text that reads values in
// place (strings are views into the text unless they hold escapes) and knows the JSON path it
// stands at, so the first problem becomes an Error naming e.g. rows[12].charge_yen.
// No exceptions and no DOM: a 100,000-row payload is read once, front to back.
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "engine/date.h"
#include "engine/payload_error.h"
#include "engine/result.h"

namespace portal {

class JsonReader {
  public:
    // A UTF-8 byte order mark before the text is skipped, as nlohmann_json did.
    explicit JsonReader(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {
        if (text.substr(0, 3) == "\xEF\xBB\xBF") p_ += 3;
    }

    // {"k": v, ...}: member(key) reads (or skips) each value and returns false to stop. The path
    // names the key while member runs; `key` may point into a buffer the next key reuses.
    template <class Member>
    bool Object(Member&& member);
    // [v, ...]: element(index) reads each value; the path names [index] meanwhile.
    template <class Element>
    bool Array(Element&& element);

    // The value at the cursor as the type asked for; a value of another type, or out of range,
    // fails with the current path. `out` of String(string_view&) lives until the next read.
    bool String(std::string_view& out);
    bool String(std::string& out);
    // A JSON integer in [0, max]; a fraction or exponent is "expected a whole number".
    bool Unsigned(uint64_t max, uint64_t& out);
    // A JSON integer from 0 to the largest `Integer` holds.
    template <class Integer>
    bool Whole(Integer& out) {
        uint64_t value = 0;
        if (!Unsigned(static_cast<uint64_t>(std::numeric_limits<Integer>::max()), value)) return false;
        out = static_cast<Integer>(value);
        return true;
    }
    bool Bool(bool& out);
    // "YYYY-MM-DD" (a real date); "" gives kNoDate when allow_blank.
    bool Date(DateKey& out, bool allow_blank);
    // "2026-10"
    bool Month(std::string& out);
    // Any well-formed value, unread.
    bool Skip();
    // True when only white space is left; a syntax error otherwise.
    bool Finish();

    // Records the first problem (at the current path, or at path + "." + key) and returns false.
    bool Fail(const std::string& detail);
    bool FailMember(std::string_view key, const std::string& detail);
    // For a member that must appear once: false after recording the error when it came before.
    bool FirstTime(uint32_t& seen, uint32_t bit);
    // For members every object has: the first of `keys` (keys[i] is bit 1 << i of `seen`) that was
    // not read is "missing", named under the object just read.
    template <size_t N>
    bool AllSeen(uint32_t seen, const char* const (&keys)[N]) {
        for (size_t i = 0; i < N; ++i) {
            if (!(seen & (1u << i))) return FailMember(keys[i], "missing");
        }
        return true;
    }

    bool failed() const { return failed_; }
    const Error& error() const { return error_; }
    std::string Path() const;
    // Where the text is, for size estimates (bytes left to read).
    size_t Remaining() const { return static_cast<size_t>(end_ - p_); }

  private:
    struct Frame {
        std::string_view key;  // empty for an array element
        size_t index = 0;
        bool is_index = false;
    };
    bool Record(const std::string& path, const std::string& detail);
    bool Syntax();
    // A value of the wrong type fails at the path; a malformed one is a syntax error.
    bool Mismatch(const std::string& detail);
    char Peek() const { return p_ < end_ ? *p_ : '\0'; }
    void SkipSpace() {
        while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
    }
    bool Expect(char c);
    bool Literal(std::string_view word);
    bool ScanString(std::string_view& out, std::string& scratch);
    bool Escaped(const char* start, std::string_view& out, std::string& scratch);
    bool Unicode(std::string& out);
    bool Hex4(uint32_t& value);
    bool SkipNumber();
    bool SkipValue(int depth);
    bool Key(std::string_view& key);

    const char* p_;
    const char* end_;
    std::vector<Frame> path_;
    std::deque<std::string>
        key_scratch_;  // one per depth (a deque never moves them): escaped keys stay valid
    std::string scratch_;
    bool failed_ = false;
    Error error_;
};

template <class Member>
bool JsonReader::Object(Member&& member) {
    SkipSpace();
    if (Peek() != '{') return Mismatch("expected an object");
    ++p_;
    SkipSpace();
    if (Peek() == '}') {
        ++p_;
        return true;
    }
    path_.push_back(Frame{});
    for (;;) {
        std::string_view key;
        if (!Key(key) || !Expect(':')) return false;
        path_.back().key = key;
        if (!member(key)) return false;
        SkipSpace();
        if (Peek() == '}') break;
        if (Peek() != ',') return Syntax();
        ++p_;
    }
    ++p_;
    path_.pop_back();
    return true;
}

template <class Element>
bool JsonReader::Array(Element&& element) {
    SkipSpace();
    if (Peek() != '[') return Mismatch("expected an array");
    ++p_;
    SkipSpace();
    if (Peek() == ']') {
        ++p_;
        return true;
    }
    path_.push_back(Frame{{}, 0, true});
    for (size_t i = 0;; ++i) {
        path_.back().index = i;
        if (!element(i)) return false;
        SkipSpace();
        if (Peek() == ']') break;
        if (Peek() != ',') return Syntax();
        ++p_;
    }
    ++p_;
    path_.pop_back();
    return true;
}

}  // namespace portal
