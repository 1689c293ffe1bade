// A fast path for the lines JSON as the API writes it. nlohmann's lexer copies every string
// byte by byte (about 1 s for 1,000,000 lines in WebAssembly); this reader scans strings eight
// bytes at a time and appends them straight into the column arenas. It accepts only a subset
// of what the SAX decoder accepts and gives up (returns false) at anything else: escapes other
// than the simple ones, \u, odd numbers, unknown or duplicate keys, short columns, syntax
// errors. The caller then runs the SAX decoder, which either decodes the payload or names the
// exact problem, so errors always come from one place and results never differ.
#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>

#include "engine/codec.h"
#include "engine/utf8.h"

namespace portal {

bool ParseWireDate(std::string_view text, DateKey& out);  // codec_lines_sax.cpp

namespace {

// True when any of the 8 bytes is '"', '\\', below 0x20 or 0x80 and above (SWAR, see
// "Bit Twiddling Hacks": determine if a word has a byte less than n / equal to n).
inline bool HasSpecialByte(uint64_t v) {
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
    const uint64_t quote = v ^ (kOnes * '"'), backslash = v ^ (kOnes * '\\');
    const uint64_t zero_quote = (quote - kOnes) & ~quote;
    const uint64_t zero_backslash = (backslash - kOnes) & ~backslash;
    const uint64_t control = v - kOnes * 0x20;  // high bit set where a byte is below 0x20 ...
    return ((zero_quote | zero_backslash | (control & ~v) | v) & kHigh) != 0;  // ... or is >= 0x80
}

// Builds one text column in a raw, uninitialised buffer written with memcpy (a libc++ append()
// call per value was a fifth of the decode time in WebAssembly, and a sized std::string would
// be zero-filled first), then hands over an exactly sized arena: no slack is kept.
class TextBuilder {
  public:
    explicit TextBuilder(size_t count) : capacity_(count * 4 + 64), data_(new char[capacity_]) {
        offsets_.reserve(count + 1);
        offsets_.push_back(0);
    }
    void Add(std::string_view text) {
        if (capacity_ - used_ < text.size()) Grow(text.size());
        if (!text.empty()) std::memcpy(data_.get() + used_, text.data(), text.size());
        used_ += text.size();
        offsets_.push_back(static_cast<uint32_t>(used_));
    }
    bool MoveInto(StringColumn& column) {
        if (used_ > std::numeric_limits<uint32_t>::max()) return false;
        return column.Assign(std::move(offsets_), std::string(data_.get(), used_));
    }

  private:
    void Grow(size_t needed) {
        capacity_ = std::max(capacity_ * 2, used_ + needed);
        std::unique_ptr<char[]> grown(new char[capacity_]);
        std::memcpy(grown.get(), data_.get(), used_);
        data_ = std::move(grown);
    }

    size_t capacity_;
    std::unique_ptr<char[]> data_;
    size_t used_ = 0;
    std::vector<uint32_t> offsets_;
};

class FastReader {
  public:
    explicit FastReader(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

    bool Decode(LineStore& store) {
        if (!Expect('{')) return false;
        bool version = false, count_seen = false, columns = false;
        size_t count = 0;
        for (bool first = true;; first = false) {
            SkipSpace();
            if (!first && Peek() == '}') break;
            if (!first && !Expect(',')) return false;
            std::string_view key;
            if (!Key(key)) return false;
            if (key == "version" && !version) {
                uint64_t v = 0;
                if (!Unsigned(v) || v != 1) return false;
                version = true;
            } else if (key == "count" && !count_seen) {
                uint64_t v = 0;
                if (!Unsigned(v) || v > std::numeric_limits<uint32_t>::max()) return false;
                count = static_cast<size_t>(v);
                count_seen = true;
                // A count beyond what the text could hold is a lie: let the SAX path report it.
                if (count > static_cast<size_t>(end_ - p_)) return false;
            } else if (key == "columns" && !columns) {
                if (!count_seen || !Columns(store, count)) return false;  // count first, as we write it
                columns = true;
            } else {
                return false;
            }
        }
        ++p_;  // '}'
        SkipSpace();
        return p_ == end_ && version && count_seen && columns;
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
    // "key" : — keys are plain ASCII names.
    bool Key(std::string_view& key) {
        SkipSpace();
        if (Peek() != '"') return false;
        const char* start = ++p_;
        while (p_ < end_ && *p_ != '"' && *p_ != '\\' && static_cast<unsigned char>(*p_) >= 0x20 &&
               static_cast<unsigned char>(*p_) < 0x80)
            ++p_;
        if (Peek() != '"') return false;
        key = std::string_view(start, static_cast<size_t>(p_ - start));
        ++p_;
        return Expect(':');
    }
    // A JSON unsigned integer without sign, fraction, exponent or leading zeros.
    bool Unsigned(uint64_t& value) {
        SkipSpace();
        const char* start = p_;
        value = 0;
        while (p_ < end_ && *p_ >= '0' && *p_ <= '9') {
            if (value > (std::numeric_limits<uint64_t>::max() - 9) / 10) return false;
            value = value * 10 + static_cast<uint64_t>(*p_ - '0');
            ++p_;
        }
        const size_t digits = static_cast<size_t>(p_ - start);
        if (digits == 0 || (digits > 1 && *start == '0')) return false;
        const char next = Peek();
        return next != '.' && next != 'e' && next != 'E';
    }
    // A string's content; `scratch` holds it when it had escapes.
    bool String(std::string_view& value, std::string& scratch) {
        SkipSpace();
        if (Peek() != '"') return false;
        const char* start = ++p_;
        while (end_ - p_ >= 8) {
            uint64_t block;
            std::memcpy(&block, p_, 8);
            if (HasSpecialByte(block)) break;
            p_ += 8;
        }
        for (;;) {
            if (p_ == end_) return false;
            const unsigned char c = static_cast<unsigned char>(*p_);
            if (c == '"') break;
            if (c == '\\') return Escaped(start, value, scratch);
            if (c < 0x20) return false;
            if (c < 0x80) {
                ++p_;
                continue;
            }
            uint32_t cp = 0;
            const size_t length = DecodeUtf8(std::string_view(p_, static_cast<size_t>(end_ - p_)), 0, cp);
            if (length == 0) return false;
            p_ += length;
        }
        value = std::string_view(start, static_cast<size_t>(p_ - start));
        ++p_;
        return true;
    }
    // The slow half of String(): the simple escapes; \u gives up (the SAX path handles it).
    bool Escaped(const char* start, std::string_view& value, std::string& scratch) {
        scratch.assign(start, static_cast<size_t>(p_ - start));
        for (;;) {
            if (p_ == end_) return false;
            const unsigned char c = static_cast<unsigned char>(*p_);
            if (c == '"') break;
            if (c < 0x20) return false;
            if (c == '\\') {
                if (end_ - p_ < 2) return false;
                static const char kFrom[] = "\"\\/bfnrt", kTo[] = "\"\\/\b\f\n\r\t";
                const char* hit = std::strchr(kFrom, p_[1]);
                if (p_[1] == '\0' || hit == nullptr) return false;
                scratch.push_back(kTo[hit - kFrom]);
                p_ += 2;
                continue;
            }
            if (c < 0x80) {
                scratch.push_back(static_cast<char>(c));
                ++p_;
                continue;
            }
            uint32_t cp = 0;
            const size_t length = DecodeUtf8(std::string_view(p_, static_cast<size_t>(end_ - p_)), 0, cp);
            if (length == 0) return false;
            scratch.append(p_, length);
            p_ += length;
        }
        value = scratch;
        ++p_;
        return true;
    }

    // [v, v, ...] with `element` reading one value; false unless exactly `count` values.
    template <class Element>
    bool Array(size_t count, Element&& element) {
        if (!Expect('[')) return false;
        SkipSpace();
        if (Peek() == ']') {
            ++p_;
            return count == 0;
        }
        for (size_t i = 0;; ++i) {
            if (i == count || !element()) return false;
            SkipSpace();
            if (Peek() == ']') {
                ++p_;
                return i + 1 == count;
            }
            if (Peek() != ',') return false;
            ++p_;
        }
    }

    bool Columns(LineStore& store, size_t count) {
        if (!Expect('{')) return false;
        bool seen[kLineColumnCount] = {};
        std::string scratch;
        for (size_t n = 0; n < kLineColumnCount; ++n) {
            if (n != 0 && !Expect(',')) return false;
            std::string_view key;
            if (!Key(key)) return false;
            const LineColumnInfo* info = FindLineColumn(key);
            if (info == nullptr || seen[static_cast<size_t>(info->column)]) return false;
            seen[static_cast<size_t>(info->column)] = true;
            if (!Column(store, info->column, count, scratch)) return false;
        }
        return Expect('}');
    }

    bool Column(LineStore& store, LineColumn column, size_t count, std::string& scratch) {
        switch (column) {
            case LineColumn::No:
            case LineColumn::Channels: {
                const bool no = column == LineColumn::No;
                const uint64_t max =
                    no ? std::numeric_limits<uint32_t>::max() : std::numeric_limits<uint16_t>::max();
                std::vector<uint32_t>& numbers = store.MutableNo();
                std::vector<uint16_t>& channels = store.MutableChannels();
                (no ? numbers.reserve(count) : channels.reserve(count));
                return Array(count, [&] {
                    uint64_t v = 0;
                    if (!Unsigned(v) || v > max) return false;
                    if (no) {
                        numbers.push_back(static_cast<uint32_t>(v));
                    } else {
                        channels.push_back(static_cast<uint16_t>(v));
                    }
                    return true;
                });
            }
            case LineColumn::StartDate:
            case LineColumn::EndDate: {
                std::vector<DateKey>& dates =
                    column == LineColumn::StartDate ? store.MutableStartDate() : store.MutableEndDate();
                dates.reserve(count);
                return Array(count, [&] {
                    std::string_view text;
                    DateKey date = kNoDate;
                    if (!String(text, scratch) || !ParseWireDate(text, date)) return false;
                    dates.push_back(date);
                    return true;
                });
            }
            default: {
                TextBuilder builder(count);
                const bool ok = Array(count, [&] {
                    std::string_view text;
                    if (!String(text, scratch)) return false;
                    builder.Add(text);
                    return true;
                });
                return ok && builder.MoveInto(store.MutableTextColumn(column));
            }
        }
    }

    const char* p_;
    const char* end_;
};

}  // namespace

bool DecodeLinesJsonFast(std::string_view json, LineStore& store) {
    store = LineStore();
    if (FastReader(json).Decode(store)) return true;
    store = LineStore();
    return false;
}

}  // namespace portal
