// A hand-written scanner for the usage and call-detail JSON as the API writes it. The DOM
// decoder (codec_json.cpp) built a tree of 100,000 objects first and then copied every value
// out of it (about 0.75 s for 100,000 calls in WebAssembly); this reads each value once, straight
// into the rows. Like the lines fast path it gives up (returns false) at anything it is not sure
// of: numbers with a sign, fraction or exponent or out of range, duplicate keys, lone \u
// surrogates, invalid UTF-8, bad months or dates, syntax errors. The caller then runs the DOM
// decoder, which decodes the payload or names the exact problem, so errors always come from one
// place and results never differ.
#include <cstring>
#include <limits>
#include <optional>

#include "engine/codec.h"
#include "engine/utf8.h"

namespace portal {
namespace {

constexpr uint64_t kMaxU32 = std::numeric_limits<uint32_t>::max();
constexpr uint64_t kMaxInt = std::numeric_limits<int64_t>::max();

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

class ReportReader {
  public:
    explicit ReportReader(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

    // {"k": v, ...} calling member(key) for each key, which reads the value; true at the end.
    template <class Member>
    bool Object(Member&& member) {
        if (!Expect('{')) return false;
        SkipSpace();
        if (Peek() == '}') {
            ++p_;
            return true;
        }
        for (;;) {
            std::string_view key;
            // `key` points into the text, or into key_scratch_ when it had escapes, which a
            // nested object reuses: member() compares it before reading the value, never after.
            if (!String(key, key_scratch_) || !Expect(':')) return false;
            if (!member(key)) return false;
            SkipSpace();
            if (Peek() == '}') {
                ++p_;
                return true;
            }
            if (Peek() != ',') return false;
            ++p_;
        }
    }

    // [v, ...] calling element() for each value.
    template <class Element>
    bool Array(Element&& element) {
        if (!Expect('[')) return false;
        SkipSpace();
        if (Peek() == ']') {
            ++p_;
            return true;
        }
        for (;;) {
            if (!element()) return false;
            SkipSpace();
            if (Peek() == ']') {
                ++p_;
                return true;
            }
            if (Peek() != ',') return false;
            ++p_;
        }
    }

    // A JSON integer without sign, fraction, exponent or leading zeros, at most `max`.
    bool Unsigned(uint64_t max, uint64_t& value) {
        SkipSpace();
        const char* start = p_;
        value = 0;
        while (p_ < end_ && *p_ >= '0' && *p_ <= '9') {
            const uint64_t digit = static_cast<uint64_t>(*p_ - '0');
            if (value > (max - digit) / 10) return false;
            value = value * 10 + digit;
            ++p_;
        }
        const size_t digits = static_cast<size_t>(p_ - start);
        if (digits == 0 || (digits > 1 && *start == '0')) return false;
        const char next = Peek();
        return next != '.' && next != 'e' && next != 'E';
    }

    bool String(std::string& out) {
        std::string_view view;
        if (!String(view, scratch_)) return false;
        out.assign(view.data(), view.size());
        return true;
    }

    // A string's content; `scratch` holds it when it had escapes.
    bool String(std::string_view& value, std::string& scratch) {
        SkipSpace();
        if (Peek() != '"') return false;
        const char* start = ++p_;
        for (;;) {
            if (p_ == end_) return false;
            const unsigned char c = static_cast<unsigned char>(*p_);
            if (c == '"') break;
            if (c == '\\') return Escaped(start, value, scratch);
            if (c < 0x20) return false;
            if (!Character()) return false;
        }
        value = std::string_view(start, static_cast<size_t>(p_ - start));
        ++p_;
        return true;
    }

    // Any well-formed value, skipped (a member the decoder does not read, as the DOM ignores it).
    bool Skip(int depth = 0) {
        if (depth > 64) return false;
        SkipSpace();
        const char c = Peek();
        if (c == '{') return Object([&](std::string_view) { return Skip(depth + 1); });
        if (c == '[') return Array([&] { return Skip(depth + 1); });
        if (c == '"') {
            std::string_view ignored;
            return String(ignored, scratch_);
        }
        for (const char* literal : {"true", "false", "null"}) {
            const size_t n = std::strlen(literal);
            if (static_cast<size_t>(end_ - p_) >= n && std::memcmp(p_, literal, n) == 0) {
                p_ += n;
                return true;
            }
        }
        // Numbers other than plain unsigned ones are rare enough to hand to the DOM decoder.
        uint64_t ignored = 0;
        return Unsigned(std::numeric_limits<uint64_t>::max(), ignored);
    }

    bool AtEnd() {
        SkipSpace();
        return p_ == end_;
    }

  private:
    char Peek() const { return p_ < end_ ? *p_ : '\0'; }
    void SkipSpace() {
        while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
    }
    bool Expect(char c) {
        SkipSpace();
        if (Peek() != c) return false;
        ++p_;
        return true;
    }
    // One unescaped character of a string (ASCII or well-formed UTF-8).
    bool Character() {
        if (static_cast<unsigned char>(*p_) < 0x80) {
            ++p_;
            return true;
        }
        uint32_t cp = 0;
        const size_t length = DecodeUtf8(std::string_view(p_, static_cast<size_t>(end_ - p_)), 0, cp);
        p_ += length;
        return length != 0;
    }
    bool Hex4(uint32_t& value) {
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
    // \uXXXX after the "\u": a pair for characters beyond U+FFFF; a lone surrogate gives up.
    bool Unicode(std::string& out) {
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
    // The slow half of String(), from the first backslash.
    bool Escaped(const char* start, std::string_view& value, std::string& scratch) {
        scratch.assign(start, static_cast<size_t>(p_ - start));
        for (;;) {
            if (p_ == end_) return false;
            const unsigned char c = static_cast<unsigned char>(*p_);
            if (c == '"') break;
            if (c < 0x20) return false;
            if (c != '\\') {
                const char* from = p_;
                if (!Character()) return false;
                scratch.append(from, static_cast<size_t>(p_ - from));
                continue;
            }
            if (end_ - p_ < 2) return false;
            const char kind = p_[1];
            p_ += 2;
            if (kind == 'u') {
                if (!Unicode(scratch)) return false;
                continue;
            }
            static const char kFrom[] = "\"\\/bfnrt", kTo[] = "\"\\/\b\f\n\r\t";
            const char* hit = kind == '\0' ? nullptr : std::strchr(kFrom, kind);
            if (hit == nullptr) return false;
            scratch.push_back(kTo[hit - kFrom]);
        }
        value = scratch;
        ++p_;
        return true;
    }

    const char* p_;
    const char* end_;
    std::string scratch_, key_scratch_;
};

// Each required key once: `seen` is a bit set over a decoder's keys.
bool FirstTime(uint32_t& seen, uint32_t bit) {
    if (seen & bit) return false;
    seen |= bit;
    return true;
}

bool UsageRowFast(ReportReader& in, UsageRow& row) {
    uint32_t seen = 0;
    uint64_t v = 0;
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "phone") return FirstTime(seen, 1) && in.String(row.phone);
        if (key == "call_count") {
            if (!FirstTime(seen, 2) || !in.Unsigned(kMaxU32, v)) return false;
            row.call_count = static_cast<uint32_t>(v);
            return true;
        }
        if (key == "call_seconds") {
            if (!FirstTime(seen, 4) || !in.Unsigned(kMaxU32, v)) return false;
            row.call_seconds = static_cast<uint32_t>(v);
            return true;
        }
        if (key == "charge_yen") {
            if (!FirstTime(seen, 8) || !in.Unsigned(kMaxInt, v)) return false;
            row.charge_yen = static_cast<int64_t>(v);
            return true;
        }
        return in.Skip();
    });
    return ok && seen == 15;
}

bool CallFast(ReportReader& in, CallDetail& call) {
    uint32_t seen = 0;
    uint64_t v = 0;
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "phone") return FirstTime(seen, 1) && in.String(call.phone);
        if (key == "destination") return FirstTime(seen, 2) && in.String(call.destination);
        if (key == "start") {
            if (!FirstTime(seen, 4) || !in.Unsigned(kMaxInt, v)) return false;
            call.start = static_cast<EpochSeconds>(v);
            return true;
        }
        if (key == "duration_seconds") {
            if (!FirstTime(seen, 8) || !in.Unsigned(kMaxU32, v)) return false;
            call.duration_seconds = static_cast<uint32_t>(v);
            return true;
        }
        if (key == "charge_yen") {
            if (!FirstTime(seen, 16) || !in.Unsigned(kMaxInt, v)) return false;
            call.charge_yen = static_cast<int64_t>(v);
            return true;
        }
        return in.Skip();
    });
    return ok && seen == 31;
}

// "YYYY-MM-DD" or blank (kNoDate), as ReadDate(..., allow_blank = true).
bool ReportDate(ReportReader& in, DateKey& date) {
    std::string text;
    if (!in.String(text)) return false;
    if (text.empty()) {
        date = kNoDate;
        return true;
    }
    const std::optional<DateKey> parsed =
        text.size() == 10 && text[4] == '-' ? ParseDate(text) : std::nullopt;
    if (!parsed) return false;
    date = *parsed;
    return true;
}

// A rough row count from the payload size, so the vector grows once or not at all.
size_t EstimateRows(std::string_view json, size_t bytes_per_row) {
    return json.size() / bytes_per_row + 1;
}

}  // namespace

bool DecodeUsageJsonFast(std::string_view json, UsageReport& report) {
    report = UsageReport();
    ReportReader in(json);
    uint32_t seen = 0;
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "month") return FirstTime(seen, 1) && in.String(report.month) && IsMonthKey(report.month);
        if (key == "months") {
            return FirstTime(seen, 2) && in.Array([&] {
                report.months.emplace_back();
                return in.String(report.months.back()) && IsMonthKey(report.months.back());
            });
        }
        if (key == "rows") {
            if (!FirstTime(seen, 4)) return false;
            report.rows.reserve(EstimateRows(json, 80));
            return in.Array([&] {
                report.rows.emplace_back();
                return UsageRowFast(in, report.rows.back());
            });
        }
        return in.Skip();
    });
    if (ok && seen == 7 && in.AtEnd()) {
        report.rows.shrink_to_fit();
        return true;
    }
    report = UsageReport();
    return false;
}

bool DecodeCallDetailsJsonFast(std::string_view json, CallDetailReport& report) {
    report = CallDetailReport();
    ReportReader in(json);
    uint32_t seen = 0;
    const bool ok = in.Object([&](std::string_view key) {
        if (key == "phone") return FirstTime(seen, 1) && in.String(report.phone);
        if (key == "from") return FirstTime(seen, 2) && ReportDate(in, report.from);
        if (key == "to") return FirstTime(seen, 4) && ReportDate(in, report.to);
        if (key == "calls") {
            if (!FirstTime(seen, 8)) return false;
            report.calls.reserve(EstimateRows(json, 100));
            return in.Array([&] {
                report.calls.emplace_back();
                return CallFast(in, report.calls.back());
            });
        }
        return in.Skip();
    });
    if (ok && seen == 15 && in.AtEnd()) {
        report.calls.shrink_to_fit();
        return true;
    }
    report = CallDetailReport();
    return false;
}

}  // namespace portal
