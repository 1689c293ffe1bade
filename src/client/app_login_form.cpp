// The real <form>s over the login and code screens' fields (web/portal_lib.js): their inputs lie
// over the ImGui fields so that password managers, one-time-code autofill, IME and paste work on a
// real form; the app keeps the fields' text and the inputs' text the same and acts on submit.
#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "app.h"
#include "platform/js_bridge.h"

namespace portal {
namespace {

template <size_t N>
void CopyInto(std::array<char, N>& buffer, const std::string& text, size_t max_length) {
    std::fill(buffer.begin(), buffer.end(), '\0');
    std::memcpy(buffer.data(), text.data(), std::min({text.size(), N - 1, max_length}));
}

std::string WithoutBlanks(const std::string& text) {
    std::string out;
    for (char c : text)
        if (c != ' ' && c != '\t') out.push_back(c);
    return out;
}

// The code's digits: ASCII or full-width (U+FF10..FF19, "０" is EF BC 90 in UTF-8); spaces,
// hyphens and anything else of a pasted "123 456" are dropped, as the ImGui field's filter does.
std::string CodeDigits(const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= '0' && c <= '9') {
            out.push_back(static_cast<char>(c));
        } else if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBC) {
            const unsigned char last = static_cast<unsigned char>(text[i + 2]);
            if (last >= 0x90 && last <= 0x99) out.push_back(static_cast<char>('0' + (last - 0x90)));
            i += 2;
        }
    }
    return out;
}

// An authenticator app's code or a recovery code ("abcde-fghjk"), as the ImGui field's filter
// keeps it: ASCII letters (lower case) and digits and the dash; full-width forms become ASCII.
std::string AppCodeText(const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == 0xEF && i + 2 < text.size()) {  // U+FF10..FF5A: full-width digits and letters
            const unsigned lead = static_cast<unsigned char>(text[i + 1]);
            const unsigned last = static_cast<unsigned char>(text[i + 2]);
            const unsigned cp = 0xF000 | ((lead & 0x3F) << 6) | (last & 0x3F);
            i += 2;
            if (cp == 0xFF0D)
                c = '-';
            else if (cp >= 0xFF10 && cp <= 0xFF19)
                c = static_cast<unsigned char>('0' + (cp - 0xFF10));
            else if (cp >= 0xFF21 && cp <= 0xFF3A)
                c = static_cast<unsigned char>('a' + (cp - 0xFF21));
            else if (cp >= 0xFF41 && cp <= 0xFF5A)
                c = static_cast<unsigned char>('a' + (cp - 0xFF41));
            else
                continue;
        }
        if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-') out.push_back(static_cast<char>(c));
    }
    return out;
}

}  // namespace

void App::ApplyLoginFormEvents() {
    auto& events = platform_.FormEvents();
    if (!events.empty()) kiosk_.last_input_ms = now_ms_;  // typing in the form is activity too
    for (FormEvent& event : events) {
        if (screen_ == Screen::Login) {
            if (event.submit) {
                login_.submit_requested = true;
            } else if (event.field == 0) {
                CopyInto(login_.selfcare_id, WithoutBlanks(event.value), login_.selfcare_id.size());
            } else {
                CopyInto(login_.password, event.value, login_.password.size());
            }
        } else if (screen_ == Screen::Code) {
            if (event.submit) {
                code_.submit_requested = true;
            } else {
                // Six digits and, for an authenticator, a recovery code of eleven characters.
                if (code_.authenticator)
                    CopyInto(code_.code, AppCodeText(event.value), 11);
                else
                    CopyInto(code_.code, CodeDigits(event.value), 6);
            }
        }
        std::fill(event.value.begin(), event.value.end(), '\0');
    }
    events.clear();
    if (screen_ == Screen::Login) {
        form_id_ = login_.selfcare_id.data();  // what the inputs now hold
        form_password_ = login_.password.data();
    } else if (screen_ == Screen::Code) {
        form_id_ = code_.code.data();
    }
}

void App::SyncLoginForm() {
    const bool login = screen_ == Screen::Login;
    const CssRect* first = marks_.Find(login ? "login.id" : "code.input");
    const CssRect* second = login ? marks_.Find("login.password") : first;
    const bool visible = (login || screen_ == Screen::Code) && ready_ && first && second;
    if (!visible) {
        if (!form_layout_.empty()) js::LoginForm(-1, nullptr, 0, 0, 0, false, false, "", "", "");
        form_layout_.clear();
        std::fill(form_password_.begin(), form_password_.end(), '\0');
        form_id_.clear();
        form_password_.clear();
        return;
    }
    const float ratio = platform_.PixelRatio();
    const float rects[8] = {first->x,  first->y,  first->w,  first->h,
                            second->x, second->y, second->w, second->h};
    const float font_px = ImGui::GetFontSize() / ratio;
    const float pad_x = ImGui::GetStyle().FramePadding.x / ratio;
    // ImGui masks a password with its font's '*', whose advance differs from the browser's dot.
    const ImFontGlyph* star = ImGui::GetFont()->FindGlyph('*');
    const float mask_advance =
        star ? star->AdvanceX * (ImGui::GetFontSize() / ImGui::GetFont()->FontSize) / ratio : 0.0f;
    bool& focus_flag = login ? login_.focus_id : code_.focus_code;
    const bool focus = focus_flag;
    focus_flag = false;
    std::string layout = login ? "login:" : (code_.authenticator ? "app-code:" : "code:");
    for (float v : rects) layout += std::to_string(v) + ",";
    layout += std::to_string(font_px) + "," + std::to_string(pad_x) + "," + std::to_string(mask_advance) +
              (login_.show_password ? "s" : "h") + LangKey(lang_);
    if (layout != form_layout_ || focus) {
        if (login) {
            js::LoginForm(0, rects, font_px, pad_x, mask_advance, login_.show_password, focus,
                          Tr(lang_, Str::SelfcareId), Tr(lang_, Str::SelfcarePassword),
                          Tr(lang_, Str::Submit));
        } else {
            js::LoginForm(code_.authenticator ? 2 : 1, rects, font_px, pad_x, 0, false, focus,
                          Tr(lang_, Str::CodeLabel), "", Tr(lang_, Str::CodeVerify));
        }
        form_layout_ = layout;
    }
    // The app changed the fields itself (リセット, ImGui editing, a wipe): the inputs follow.
    const char* field = login ? login_.selfcare_id.data() : code_.code.data();
    const char* secret = login ? login_.password.data() : "";
    if (form_id_ != field || form_password_ != secret) {
        js::LoginValues(field, secret);
        form_id_ = field;
        form_password_ = secret;
    }
}

}  // namespace portal
