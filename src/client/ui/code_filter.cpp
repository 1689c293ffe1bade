// CodeChar and the ImGui filters built on it.
#include "ui/code_filter.h"

#include <imgui.h>

namespace portal {

// Code points, not literals: the glob that picks the small first font's characters reads this file.
constexpr char32_t kFullWidthZero = 0xFF10, kFullWidthNine = 0xFF19;
constexpr char32_t kFullWidthUpperA = 0xFF21, kFullWidthUpperZ = 0xFF3A;
constexpr char32_t kFullWidthLowerA = 0xFF41, kFullWidthLowerZ = 0xFF5A;
// The full-width hyphen-minus and the long-vowel mark an IME gives for the "-" key.
constexpr char32_t kFullWidthHyphen = 0xFF0D, kLongVowelMark = 0x30FC;

char32_t CodeChar(char32_t c, CodeChars kind) {
    if (c >= kFullWidthZero && c <= kFullWidthNine) c = U'0' + (c - kFullWidthZero);
    if (c >= kFullWidthLowerA && c <= kFullWidthLowerZ) c = U'a' + (c - kFullWidthLowerA);
    if (c >= kFullWidthUpperA && c <= kFullWidthUpperZ) c = U'a' + (c - kFullWidthUpperA);
    if (c >= U'A' && c <= U'Z') c = U'a' + (c - U'A');
    if (c == kFullWidthHyphen || c == kLongVowelMark) c = U'-';
    if (c >= U'0' && c <= U'9') return c;
    const bool letter_or_dash = (c >= U'a' && c <= U'z') || c == U'-';
    return kind == CodeChars::RecoveryLetters && letter_or_dash ? c : 0;
}

namespace {

int Filter(ImGuiInputTextCallbackData* data, CodeChars kind) {
    const char32_t c = CodeChar(data->EventChar, kind);
    if (c == 0) return 1;
    data->EventChar = static_cast<ImWchar>(c);
    return 0;
}

}  // namespace

int DigitCodeFilter(ImGuiInputTextCallbackData* data) {
    return Filter(data, CodeChars::Digits);
}

int RecoveryCodeFilter(ImGuiInputTextCallbackData* data) {
    return Filter(data, CodeChars::RecoveryLetters);
}

}  // namespace portal
