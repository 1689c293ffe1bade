// The JSON writer every encoder uses: appends to one string, no DOM. Strings are written as UTF-8
// with the escapes JSON requires (\" \\ \b \f \n \r \t, other controls as \u00xx); a byte that
// is not part of well-formed UTF-8 becomes U+FFFD, so bad stored text cannot break a payload.
// Encoders write object members in alphabetical order: the order the API has always sent.
#pragma once
#include <charconv>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/utf8.h"

namespace portal {

inline void AppendJsonString(std::string_view text, std::string& out) {
    out.push_back('"');
    size_t plain = 0;
    for (size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            uint32_t cp = 0;
            const size_t length = DecodeUtf8(text, i, cp);
            if (length != 0) {
                i += length;
                continue;
            }
            out.append(text.data() + plain, i - plain);
            out += "\xEF\xBF\xBD";
            plain = ++i;
            continue;
        }
        if (c >= 0x20 && c != '"' && c != '\\') {
            ++i;
            continue;
        }
        out.append(text.data() + plain, i - plain);
        plain = ++i;
        static const char kShort[] = "\"\\\b\f\n\r\t", kLetter[] = "\"\\bfnrt";
        bool done = false;
        for (int k = 0; k < 7 && !done; ++k) {
            if (kShort[k] != static_cast<char>(c)) continue;
            out.push_back('\\');
            out.push_back(kLetter[k]);
            done = true;
        }
        if (!done) {
            static const char kHex[] = "0123456789abcdef";
            const char escaped[] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
            out.append(escaped, sizeof escaped);
        }
    }
    out.append(text.data() + plain, text.size() - plain);
    out.push_back('"');
}

template <class Integer>
void AppendJsonNumber(Integer value, std::string& out) {
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    out.append(buffer, result.ptr);
}

// {"a":1,"b":"x"}: Member() writes the separator and the key, then the caller the value.
class JsonObjectWriter {
  public:
    explicit JsonObjectWriter(std::string& out) : out_(out) { out_.push_back('{'); }
    std::string& Member(std::string_view key) {
        if (!first_) out_.push_back(',');
        first_ = false;
        AppendJsonString(key, out_);
        out_.push_back(':');
        return out_;
    }
    void String(std::string_view key, std::string_view value) { AppendJsonString(value, Member(key)); }
    template <class Integer>
    void Number(std::string_view key, Integer value) {
        AppendJsonNumber(value, Member(key));
    }
    void Bool(std::string_view key, bool value) { Member(key) += value ? "true" : "false"; }
    void Close() { out_.push_back('}'); }

  private:
    std::string& out_;
    bool first_ = true;
};

}  // namespace portal
