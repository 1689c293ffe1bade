// The login screen's real <form> (web/portal_lib.js): its inputs lie over the ImGui fields so that
// password managers, autofill, IME and paste work on a real form; the app keeps the fields' text
// and the inputs' text the same and sends the login when the form is submitted.
#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <string>

#include "app.h"
#include "platform/js_bridge.h"

namespace portal {
namespace {

template <size_t N>
void CopyInto(std::array<char, N>& buffer, const std::string& text, bool no_blanks) {
    std::string value;
    for (char c : text) {
        if (no_blanks && (c == ' ' || c == '\t')) continue;
        value.push_back(c);
    }
    std::fill(buffer.begin(), buffer.end(), '\0');
    std::memcpy(buffer.data(), value.data(), std::min(value.size(), N - 1));
    std::fill(value.begin(), value.end(), '\0');
}

}  // namespace

void App::ApplyLoginFormEvents() {
    auto& events = platform_.FormEvents();
    for (FormEvent& event : events) {
        if (screen_ != Screen::Login) continue;
        if (event.submit) {
            login_.submit_requested = true;
        } else if (event.field == 0) {
            CopyInto(login_.selfcare_id, event.value, true);
        } else {
            CopyInto(login_.password, event.value, false);
        }
        std::fill(event.value.begin(), event.value.end(), '\0');
    }
    events.clear();
    if (screen_ == Screen::Login) {
        form_id_ = login_.selfcare_id.data();  // what the inputs now hold
        form_password_ = login_.password.data();
    }
}

void App::SyncLoginForm() {
    const CssRect* id = marks_.Find("login.id");
    const CssRect* password = marks_.Find("login.password");
    const bool visible = screen_ == Screen::Login && ready_ && id && password;
    if (!visible) {
        if (!form_layout_.empty()) js::LoginForm(false, nullptr, 0, 0, false, false, "", "", "");
        form_layout_.clear();
        std::fill(form_password_.begin(), form_password_.end(), '\0');
        form_id_.clear();
        form_password_.clear();
        return;
    }
    const float ratio = platform_.PixelRatio();
    const float rects[8] = {id->x, id->y, id->w, id->h, password->x, password->y, password->w, password->h};
    const float font_px = ImGui::GetFontSize() / ratio;
    const float pad_x = ImGui::GetStyle().FramePadding.x / ratio;
    const bool focus = login_.focus_id;
    login_.focus_id = false;
    std::string layout;
    for (float v : rects) layout += std::to_string(v) + ",";
    layout += std::to_string(font_px) + "," + std::to_string(pad_x) + (login_.show_password ? "s" : "h") +
              LangKey(lang_);
    if (layout != form_layout_ || focus) {
        js::LoginForm(true, rects, font_px, pad_x, login_.show_password, focus, Tr(lang_, Str::SelfcareId),
                      Tr(lang_, Str::SelfcarePassword), Tr(lang_, Str::Submit));
        form_layout_ = layout;
    }
    // The app changed the fields itself (リセット, ImGui editing, a wipe): the inputs follow.
    if (form_id_ != login_.selfcare_id.data() || form_password_ != login_.password.data()) {
        js::LoginValues(login_.selfcare_id.data(), login_.password.data());
        form_id_ = login_.selfcare_id.data();
        form_password_ = login_.password.data();
    }
}

}  // namespace portal
