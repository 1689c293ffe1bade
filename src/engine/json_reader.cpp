// The JSON reader's scanning and its errors: the syntax of RFC 8259 (strict UTF-8, no trailing
// commas, no comments), and the payload errors every decoder returns.
#include "engine/json_reader.h"

#include <cstring>
#include <optional>

#include "engine/utf8.h"

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

std::string IndexPath(const std::string& parent, size_t index) {
    return parent + "[" + std::to_string(index) + "]";
}

namespace {

void AppendUtf8(uint32_t cp, std::string& out) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

bool IsDigit(char c) {
    return c >= '0' && c <= '9';
}

}  // namespace

std::string JsonReader::Path() const {
    std::string path;
    for (const Frame& frame : path_) {
        if (frame.is_index) {
            path += "[" + std::to_string(frame.index) + "]";
        } else {
            if (!path.empty()) path.push_back('.');
            path.append(frame.key.data(), frame.key.size());
        }
    }
    return path;
}

// Only the first problem is kept: what follows it is its consequence.
bool JsonReader::Record(const std::string& path, const std::string& detail) {
    if (!failed_) {
        failed_ = true;
        error_ = PayloadError(path, detail);
    }
    return false;
}

bool JsonReader::Fail(const std::string& detail) {
    return Record(Path(), detail);
}

bool JsonReader::FailMember(std::string_view key, const std::string& detail) {
    std::string path = Path();
    if (!path.empty()) path.push_back('.');
    return Record(path.append(key.data(), key.size()), detail);
}

bool JsonReader::FirstTime(uint32_t& seen, uint32_t bit) {
    if (seen & bit) return Fail("given twice");
    seen |= bit;
    return true;
}

bool JsonReader::Syntax() {
    return Record("", "the text is not well-formed JSON");
}

bool JsonReader::Mismatch(const std::string& detail) {
    const char* at = p_;
    if (!SkipValue(0)) return Syntax();
    p_ = at;
    return Fail(detail);
}

bool JsonReader::Expect(char c) {
    SkipSpace();
    if (Peek() != c) return Syntax();
    ++p_;
    return true;
}

bool JsonReader::Literal(std::string_view word) {
    if (static_cast<size_t>(end_ - p_) < word.size() || std::memcmp(p_, word.data(), word.size()) != 0)
        return false;
    p_ += word.size();
    return true;
}

bool JsonReader::Key(std::string_view& key) {
    SkipSpace();
    if (Peek() != '"') return Syntax();
    const size_t depth = path_.size();
    if (key_scratch_.size() < depth) key_scratch_.resize(depth);
    return ScanString(key, key_scratch_[depth - 1]);
}

bool JsonReader::String(std::string_view& out) {
    SkipSpace();
    if (Peek() != '"') return Mismatch("expected a string");
    return ScanString(out, scratch_);
}

bool JsonReader::String(std::string& out) {
    std::string_view view;
    if (!String(view)) return false;
    out.assign(view.data(), view.size());
    return true;
}

bool JsonReader::Unsigned(uint64_t max, uint64_t& out) {
    SkipSpace();
    // The common case in one pass: plain digits without a leading zero, followed by neither a
    // fraction nor an exponent. Anything else goes through the full number syntax below.
    const char* start = p_;
    uint64_t value = 0;
    bool overflow = false;
    while (p_ < end_ && IsDigit(*p_)) {
        const uint64_t digit = static_cast<uint64_t>(*p_ - '0');
        overflow = overflow || value > (max - digit) / 10;
        value = value * 10 + digit;
        ++p_;
    }
    const size_t digits = static_cast<size_t>(p_ - start);
    const char next = Peek();
    if (digits != 0 && (digits == 1 || *start != '0') && next != '.' && next != 'e' && next != 'E') {
        if (overflow) return Fail("number out of range");
        out = value;
        return true;
    }
    p_ = start;
    if (Peek() != '-' && !IsDigit(Peek())) return Mismatch("expected a whole number");
    if (!SkipNumber()) return Syntax();
    const std::string_view token(start, static_cast<size_t>(p_ - start));
    if (token.find_first_of(".eE") != std::string_view::npos) return Fail("expected a whole number");
    if (token == "-0") return out = 0, true;
    if (token[0] == '-') return Fail("number out of range");
    return Syntax();  // a leading zero followed by digits ("01")
}

bool JsonReader::Bool(bool& out) {
    SkipSpace();
    if (Literal("true")) return out = true, true;
    if (Literal("false")) return out = false, true;
    return Mismatch("expected true or false");
}

bool JsonReader::Date(DateKey& out, bool allow_blank) {
    std::string_view text;
    if (!String(text)) return false;
    if (text.empty()) {
        if (!allow_blank) return Fail("a date is required");
        out = kNoDate;
        return true;
    }
    const bool dashes = text.size() == 10 && text[4] == '-' && text[7] == '-';
    const std::optional<DateKey> date = dashes ? ParseDate(text) : std::nullopt;
    if (!date) return Fail("expected a date YYYY-MM-DD");
    out = *date;
    return true;
}

bool JsonReader::Month(std::string& out) {
    std::string_view text;
    if (!String(text)) return false;
    if (!IsMonthKey(text)) return Fail("expected a month YYYY-MM");
    out.assign(text.data(), text.size());
    return true;
}

bool JsonReader::Skip() {
    return SkipValue(0) || Syntax();
}

bool JsonReader::Finish() {
    SkipSpace();
    return p_ == end_ || Syntax();
}

// Records nothing: Mismatch() uses it to tell a wrong type from broken text.
bool JsonReader::SkipValue(int depth) {
    if (depth > 64) return false;
    SkipSpace();
    const char c = Peek();
    if (p_ == end_) return false;
    if (c == '"') {
        std::string_view ignored;
        std::string scratch;
        return ScanString(ignored, scratch);
    }
    if (c == '{' || c == '[') {
        const char close = c == '{' ? '}' : ']';
        ++p_;
        SkipSpace();
        if (Peek() == close) return ++p_, true;
        for (;;) {
            if (c == '{') {
                SkipSpace();
                std::string_view key;
                std::string scratch;
                if (Peek() != '"' || !ScanString(key, scratch)) return false;
                SkipSpace();
                if (Peek() != ':') return false;
                ++p_;
            }
            if (!SkipValue(depth + 1)) return false;
            SkipSpace();
            if (Peek() == close) return ++p_, true;
            if (Peek() != ',') return false;
            ++p_;
        }
    }
    if (Literal("true") || Literal("false") || Literal("null")) return true;
    return SkipNumber();
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool JsonReader::SkipNumber() {
    if (Peek() == '-') ++p_;
    if (Peek() == '0') {
        ++p_;
    } else if (IsDigit(Peek())) {
        while (IsDigit(Peek())) ++p_;
    } else {
        return false;
    }
    if (Peek() == '.') {
        ++p_;
        if (!IsDigit(Peek())) return false;
        while (IsDigit(Peek())) ++p_;
    }
    if (Peek() == 'e' || Peek() == 'E') {
        ++p_;
        if (Peek() == '+' || Peek() == '-') ++p_;
        if (!IsDigit(Peek())) return false;
        while (IsDigit(Peek())) ++p_;
    }
    return true;
}

// At the opening quote. Unescaped text is returned in place; the escaped rest goes to scratch.
// Failures are syntax errors, recorded by the caller.
bool JsonReader::ScanString(std::string_view& out, std::string& scratch) {
    const char* start = ++p_;
    for (;;) {
        if (p_ == end_) return Syntax();
        const unsigned char c = static_cast<unsigned char>(*p_);
        if (c == '"') break;
        if (c == '\\') return Escaped(start, out, scratch);
        if (c < 0x20) return Syntax();
        if (c < 0x80) {
            ++p_;
            continue;
        }
        uint32_t cp = 0;
        const size_t length = DecodeUtf8(std::string_view(p_, static_cast<size_t>(end_ - p_)), 0, cp);
        if (length == 0) return Syntax();
        p_ += length;
    }
    out = std::string_view(start, static_cast<size_t>(p_ - start));
    ++p_;
    return true;
}

bool JsonReader::Escaped(const char* start, std::string_view& out, std::string& scratch) {
    scratch.assign(start, static_cast<size_t>(p_ - start));
    for (;;) {
        if (p_ == end_) return Syntax();
        const unsigned char c = static_cast<unsigned char>(*p_);
        if (c == '"') break;
        if (c < 0x20) return Syntax();
        if (c != '\\') {
            uint32_t cp = 0;
            const size_t length =
                c < 0x80 ? 1 : DecodeUtf8(std::string_view(p_, static_cast<size_t>(end_ - p_)), 0, cp);
            if (length == 0) return Syntax();
            scratch.append(p_, length);
            p_ += length;
            continue;
        }
        if (end_ - p_ < 2) return Syntax();
        const char kind = p_[1];
        p_ += 2;
        if (kind == 'u') {
            if (!Unicode(scratch)) return Syntax();
            continue;
        }
        static const char kFrom[] = "\"\\/bfnrt", kTo[] = "\"\\/\b\f\n\r\t";
        const char* hit = kind == '\0' ? nullptr : std::strchr(kFrom, kind);
        if (hit == nullptr) return Syntax();
        scratch.push_back(kTo[hit - kFrom]);
    }
    out = scratch;
    ++p_;
    return true;
}

bool JsonReader::Hex4(uint32_t& value) {
    if (end_ - p_ < 4) return false;
    value = 0;
    for (int i = 0; i < 4; ++i, ++p_) {
        const char c = *p_;
        const int digit = c >= '0' && c <= '9'   ? c - '0'
                          : c >= 'a' && c <= 'f' ? c - 'a' + 10
                          : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                                 : -1;
        if (digit < 0) return false;
        value = value << 4 | static_cast<uint32_t>(digit);
    }
    return true;
}

// \uXXXX after the "\u": a surrogate pair for characters beyond U+FFFF; a lone surrogate is
// refused (it has no UTF-8 form).
bool JsonReader::Unicode(std::string& out) {
    uint32_t cp = 0;
    if (!Hex4(cp) || (cp >= 0xDC00 && cp <= 0xDFFF)) return false;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        uint32_t low = 0;
        if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
        p_ += 2;
        if (!Hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
    }
    AppendUtf8(cp, out);
    return true;
}

}  // namespace portal
