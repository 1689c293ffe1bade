// The code fields' character filter: what a Japanese IME or a paste gives, and what a field keeps.
#include "ui/code_filter.h"

#include <doctest/doctest.h>

#include <string>

namespace portal {
namespace {

// What a field would hold after typing `typed` one character at a time, as the ImGui filter does.
std::string Typed(const std::u32string& typed, CodeChars kind) {
    std::string kept;
    for (char32_t c : typed) {
        if (const char32_t ascii = CodeChar(c, kind)) kept += static_cast<char>(ascii);
    }
    return kept;
}

}  // namespace

TEST_CASE("six-digit codes: full-width digits become ASCII, nothing else is kept") {
    CHECK(CodeChar(U'7', CodeChars::Digits) == U'7');
    CHECK(CodeChar(U'\uFF10', CodeChars::Digits) == U'0');
    CHECK(CodeChar(U'\uFF19', CodeChars::Digits) == U'9');
    for (char32_t c : {U'a', U'Z', U'-', U' ', U'\uFF0D', U'\u30FC', U'\uFF41', U'\u3042', U'.'})
        CHECK(CodeChar(c, CodeChars::Digits) == 0);
    CHECK(Typed(U"１２３ ４５６", CodeChars::Digits) == "123456");
    CHECK(Typed(U"123-456", CodeChars::Digits) == "123456");
}

TEST_CASE("recovery codes: letters in lower case, full-width forms and the IME's dash become ASCII") {
    CHECK(CodeChar(U'A', CodeChars::RecoveryLetters) == U'a');
    CHECK(CodeChar(U'z', CodeChars::RecoveryLetters) == U'z');
    CHECK(CodeChar(U'\uFF21', CodeChars::RecoveryLetters) == U'a');  // Ａ
    CHECK(CodeChar(U'\uFF5A', CodeChars::RecoveryLetters) == U'z');  // ｚ
    CHECK(CodeChar(U'\uFF0D', CodeChars::RecoveryLetters) == U'-');  // －
    CHECK(CodeChar(U'\u30FC', CodeChars::RecoveryLetters) == U'-');  // ー
    CHECK(CodeChar(U'\uFF15', CodeChars::RecoveryLetters) == U'5');
    for (char32_t c : {U' ', U'_', U'\u3042', U'@', U'\uFF20', U'\uFF5B', U'['})
        CHECK(CodeChar(c, CodeChars::RecoveryLetters) == 0);
    CHECK(Typed(U"ＡＢＣＤＥー１２３４５", CodeChars::RecoveryLetters) == "abcde-12345");
    CHECK(Typed(U"Abcde 12345", CodeChars::RecoveryLetters) == "abcde12345");
}

}  // namespace portal
