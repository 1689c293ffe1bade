// The one character filter of every code field (the mailed code, the authenticator app's code and
// recovery codes): full-width digits, letters and dashes typed through a Japanese IME become ASCII,
// everything else (the spaces of a pasted "123 456", punctuation) is dropped.
#pragma once

struct ImGuiInputTextCallbackData;

namespace portal {

enum class CodeChars : bool {
    Digits,           // six-digit codes
    RecoveryLetters,  // also lower-case letters and the dash of "abcde-12345"
};

// The ASCII character `c` stands for in a code of `kind`, or 0 when it has no place there.
char32_t CodeChar(char32_t c, CodeChars kind);

// ImGui character filters (ImGuiInputTextFlags_CallbackCharFilter) over CodeChar().
int DigitCodeFilter(ImGuiInputTextCallbackData* data);
int RecoveryCodeFilter(ImGuiInputTextCallbackData* data);

}  // namespace portal
