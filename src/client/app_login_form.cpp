// The real <form>s over the login and code screens' fields (web/portal_form_lib.js): their inputs
// lie over the ImGui fields so that password managers, one-time-code autofill, IME and paste work
// on a real form; the app keeps the fields' text and the inputs' text the same and acts on submit.
// The other screens' number fields get the same real input while they are edited.
#include <imgui.h>
#include <imgui_internal.h>  // ClearActiveID: the real input takes over a field's editing

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

// The screens' number fields that get a real input laid over them while edited, and the button
// that Enter in that input presses.
struct OverlayField {
    const char* key;
    const char* submit;
};
constexpr OverlayField kOverlayFields[] = {{"search.prefix", "search.submit"},
                                           {"details.number", "details.query"}};

// Full-width digits (what a Japanese IME types by default) as ASCII, as the 電話番号 field's
// character filter does to typed keys; it also keeps an 11-digit number within the field's bytes.
// Spaces, dashes and anything else stay: the engine's NormalisePhoneInput reads or refuses them.
std::string AsciiDigits(const std::string& text) {
    std::string out;
    for (size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBC) {
            const unsigned char last = static_cast<unsigned char>(text[i + 2]);
            if (last >= 0x90 && last <= 0x99) {  // U+FF10..FF19
                out.push_back(static_cast<char>('0' + (last - 0x90)));
                i += 2;
                continue;
            }
        }
        out.push_back(static_cast<char>(c));
    }
    return out;
}

}  // namespace

void App::ApplyLoginFormEvents() {
    auto& events = platform_.FormEvents();
    if (!events.empty()) kiosk_ctl_.NoteInput();  // typing in the form is activity too
    for (FormEvent& event : events) {
        if (event.focus) {
            // Tab, a screen reader or a password manager reached an input whose field may be
            // scrolled out of view: the screen scrolls the field in, as a browser does for a page.
            if (field_overlay_key_.empty() && screen_ == Screen::Login)
                session_ctl_.login().reveal_field = event.field;
            else if (field_overlay_key_.empty() && screen_ == Screen::Code)
                session_ctl_.code().reveal_code = true;
            platform_.RequestFrames(2);
            continue;
        }
        if (!field_overlay_key_.empty()) {
            // The real input over a screen's number field: its text replaces the field's, as text
            // typed into the mirror's field does; Enter presses the screen's button.
            for (const OverlayField& field : kOverlayFields) {
                if (field_overlay_key_ != field.key) continue;
                if (event.submit) {
                    description_.Queue(MirrorAction{MirrorActionKind::Activate, field.submit, ""});
                } else {
                    form_id_ = event.value;  // what the input holds now
                    description_.Queue(
                        MirrorAction{MirrorActionKind::Value, field.key, AsciiDigits(event.value)});
                }
            }
        } else if (screen_ == Screen::Login) {
            if (event.submit) {
                session_ctl_.login().submit_requested = true;
            } else if (event.field == 0) {
                CopyInto(session_ctl_.login().selfcare_id, WithoutBlanks(event.value),
                         session_ctl_.login().selfcare_id.size());
            } else {
                CopyInto(session_ctl_.login().password, event.value, session_ctl_.login().password.size());
            }
        } else if (screen_ == Screen::Code &&
                   !session_ctl_.code().expired) {  // an expired code's field is gone
            if (event.submit) {
                session_ctl_.code().submit_requested = true;
            } else {
                // Six digits and, for an authenticator, a recovery code of eleven characters.
                if (session_ctl_.code().authenticator)
                    CopyInto(session_ctl_.code().code, AppCodeText(event.value), 11);
                else
                    CopyInto(session_ctl_.code().code, CodeDigits(event.value), 6);
            }
        }
        std::fill(event.value.begin(), event.value.end(), '\0');
    }
    events.clear();
    if (!field_overlay_key_.empty()) {
        // form_id_ is what the input holds; the field's text is compared with it after drawing.
    } else if (screen_ == Screen::Login) {
        form_id_ = session_ctl_.login().selfcare_id.data();  // what the inputs now hold
        form_password_ = session_ctl_.login().password.data();
    } else if (screen_ == Screen::Code) {
        form_id_ = session_ctl_.code().code.data();
    }
}

void App::SyncLoginForm() {
    if (screen_ != Screen::Login && screen_ != Screen::Code) {
        SyncFieldOverlay();
        return;
    }
    if (!field_overlay_key_.empty()) js::LoginForm(-1, nullptr, 0, 0, 0, 0, false, -1, "", "", "");
    field_overlay_key_.clear();
    const bool login = screen_ == Screen::Login;
    // A field scrolled out of view keeps its input, at the field's place outside the view and
    // taking no clicks: a password manager still finds the form, Tab and a screen reader still
    // reach the fields, and focusing one scrolls it in (reveal_field).
    const char* first_key = login ? "login.id" : "code.input";
    const char* second_key = login ? "login.password" : first_key;
    const CssRect* first = marks_.Find(first_key);
    const CssRect* second = marks_.Find(second_key);
    const int offscreen = (first ? 0 : 1) | (second ? 0 : 2);
    if (!first) first = marks_.FindLaidOut(first_key);
    if (!second) second = marks_.FindLaidOut(second_key);
    const bool visible = (login || screen_ == Screen::Code) && ready_ && first && second;
    if (!visible) {
        if (!form_layout_.empty()) js::LoginForm(-1, nullptr, 0, 0, 0, 0, false, -1, "", "", "");
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
    bool& focus_flag = login ? session_ctl_.login().focus_id : session_ctl_.code().focus_code;
    int focus_input = focus_flag ? 0 : -1;
    focus_flag = false;
    // ImGui's own field is editing (a click or Tab reached the canvas before the form lay over it):
    // the real input takes the editing over. Left active, the field would write its own copy of
    // the text back every frame, over what the customer then types in the input.
    const std::string active = description_.KeyOfWidget(ImGui::GetActiveID());
    if (!active.empty() && (active == first_key || active == second_key)) {
        ImGui::ClearActiveID();
        focus_input = active == first_key ? 0 : 1;
    }
    std::string layout = login ? "login:" : (session_ctl_.code().authenticator ? "app-code:" : "code:");
    for (float v : rects) layout += std::to_string(v) + ",";
    layout += std::to_string(offscreen) + ",";
    layout += std::to_string(font_px) + "," + std::to_string(pad_x) + "," + std::to_string(mask_advance) +
              (session_ctl_.login().show_password ? "s" : "h") + LangKey(lang_);
    if (layout != form_layout_ || focus_input >= 0) {
        if (login) {
            js::LoginForm(0, rects, offscreen, font_px, pad_x, mask_advance,
                          session_ctl_.login().show_password, focus_input, Tr(lang_, Str::SelfcareId),
                          Tr(lang_, Str::SelfcarePassword), Tr(lang_, Str::Submit));
        } else {
            js::LoginForm(session_ctl_.code().authenticator ? 2 : 1, rects, offscreen, font_px, pad_x, 0,
                          false, focus_input, Tr(lang_, Str::CodeLabel), "", Tr(lang_, Str::CodeVerify));
        }
        form_layout_ = layout;
    }
    // The app changed the fields itself (リセット, ImGui editing, a wipe): the inputs follow.
    const char* field = login ? session_ctl_.login().selfcare_id.data() : session_ctl_.code().code.data();
    const char* secret = login ? session_ctl_.login().password.data() : "";
    if (form_id_ != field || form_password_ != secret) {
        js::LoginValues(field, secret);
        form_id_ = field;
        form_password_ = secret;
    }
}

// A screen's number field gets the real input (web/portal_form_lib.js, kind 3) when ImGui starts
// editing it (a click, Tab): the input takes the focus and the editing from ImGui's field, so IME,
// paste, the phone's numeric keyboard and a fill that only sets .value work as on the login form.
// It stays while it has the focus and goes when the focus leaves it.
void App::SyncFieldOverlay() {
    std::string key;
    const std::string active = ready_ ? description_.KeyOfWidget(ImGui::GetActiveID()) : "";
    for (const OverlayField& field : kOverlayFields)
        if (active == field.key) key = field.key;
    const bool starting = !key.empty();
    if (!starting && !field_overlay_key_.empty() && js::FormFocused()) key = field_overlay_key_;
    const DescribedNode* node = nullptr;
    for (const DescribedNode& candidate : description_.Nodes())
        if (!key.empty() && candidate.key == key) node = &candidate;
    const CssRect* rect = node ? marks_.Find(key) : nullptr;
    if (!rect) {
        // Whatever form shows goes: this field's input, or the code form after the login.
        if (!form_layout_.empty()) js::LoginForm(-1, nullptr, 0, 0, 0, 0, false, -1, "", "", "");
        field_overlay_key_.clear();
        form_layout_.clear();
        form_id_.clear();
        return;
    }
    const float ratio = platform_.PixelRatio();
    const float rects[8] = {rect->x, rect->y, rect->w, rect->h, 0, 0, 0, 0};
    const float font_px = ImGui::GetFontSize() / ratio;
    const float pad_x = ImGui::GetStyle().FramePadding.x / ratio;
    std::string layout = key + ":";
    for (float v : rects) layout += std::to_string(v) + ",";
    layout += std::to_string(font_px) + "," + std::to_string(pad_x) + LangKey(lang_);
    if (starting) {
        // ImGui's field lets go: from now on the real input edits and the canvas shows its text.
        ImGui::ClearActiveID();
        field_overlay_key_ = key;
        js::LoginForm(3, rects, 0, font_px, pad_x, 0, false, 0, node->name.c_str(), "", node->name.c_str());
        js::LoginValues(node->value.c_str(), "");
        form_id_ = node->value;
        form_layout_ = layout;
        return;
    }
    if (layout != form_layout_) {
        js::LoginForm(3, rects, 0, font_px, pad_x, 0, false, -1, node->name.c_str(), "", node->name.c_str());
        form_layout_ = layout;
    }
    // The app changed the field itself (クリア, a normalised paste): the input follows.
    if (form_id_ != node->value) {
        js::LoginValues(node->value.c_str(), "");
        form_id_ = node->value;
    }
}

}  // namespace portal
