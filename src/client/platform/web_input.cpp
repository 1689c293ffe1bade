// Keyboard, mouse, wheel, touch and focus from Emscripten's html5 callbacks into ImGui's event
// queue. The canvas fills the window at (0,0), so client coordinates are canvas coordinates;
// ImGui works in backbuffer pixels, hence every position is multiplied by devicePixelRatio.
#include <emscripten/html5.h>
#include <imgui.h>

#include <cmath>
#include <cstring>

#include "platform/js_bridge.h"
#include "platform/web_platform.h"

namespace portal {
namespace {

struct KeyName {
    const char* code;  // KeyboardEvent.code: the physical key, independent of layout and IME
    ImGuiKey key;
};

constexpr KeyName kKeys[] = {
    {"Tab", ImGuiKey_Tab},
    {"ArrowLeft", ImGuiKey_LeftArrow},
    {"ArrowRight", ImGuiKey_RightArrow},
    {"ArrowUp", ImGuiKey_UpArrow},
    {"ArrowDown", ImGuiKey_DownArrow},
    {"PageUp", ImGuiKey_PageUp},
    {"PageDown", ImGuiKey_PageDown},
    {"Home", ImGuiKey_Home},
    {"End", ImGuiKey_End},
    {"Insert", ImGuiKey_Insert},
    {"Delete", ImGuiKey_Delete},
    {"Backspace", ImGuiKey_Backspace},
    {"Space", ImGuiKey_Space},
    {"Enter", ImGuiKey_Enter},
    {"NumpadEnter", ImGuiKey_KeypadEnter},
    {"Escape", ImGuiKey_Escape},
    {"ControlLeft", ImGuiKey_LeftCtrl},
    {"ControlRight", ImGuiKey_RightCtrl},
    {"ShiftLeft", ImGuiKey_LeftShift},
    {"ShiftRight", ImGuiKey_RightShift},
    {"AltLeft", ImGuiKey_LeftAlt},
    {"AltRight", ImGuiKey_RightAlt},
    {"MetaLeft", ImGuiKey_LeftSuper},
    {"MetaRight", ImGuiKey_RightSuper},
    {"KeyA", ImGuiKey_A},
    {"KeyC", ImGuiKey_C},
    {"KeyV", ImGuiKey_V},
    {"KeyX", ImGuiKey_X},
    {"KeyY", ImGuiKey_Y},
    {"KeyZ", ImGuiKey_Z},
};

ImGuiKey TranslateKey(const char* code) {
    for (const KeyName& entry : kKeys) {
        if (std::strcmp(entry.code, code) == 0) return entry.key;
    }
    return ImGuiKey_None;
}

WebPlatform* Self(void* user_data) {
    return static_cast<WebPlatform*>(user_data);
}

void SetModifiers(InputQueue& input, const EmscriptenKeyboardEvent* e) {
    input.Key(ImGuiMod_Ctrl, e->ctrlKey);
    input.Key(ImGuiMod_Shift, e->shiftKey);
    input.Key(ImGuiMod_Alt, e->altKey);
    input.Key(ImGuiMod_Super, e->metaKey);
}

// A key that types one character (as opposed to Enter, F5, ArrowLeft, ...).
bool IsPrintable(const EmscriptenKeyboardEvent* e) {
    const unsigned char first = static_cast<unsigned char>(e->key[0]);
    if (first == 0) return false;
    const size_t length = std::strlen(e->key);
    const size_t expected = first < 0x80 ? 1 : first < 0xE0 ? 2 : first < 0xF0 ? 3 : 4;
    return length == expected;
}

EM_BOOL OnKey(int event_type, const EmscriptenKeyboardEvent* e, void* user_data) {
    // 229: the IME owns this key (composition in progress); the hidden <input> handles it.
    if (e->keyCode == 229) return EM_FALSE;
    // A real input of the login form is being edited: the browser edits, Tab and Enter are its own.
    if (js::FormFocused()) return EM_FALSE;
    ImGuiIO& io = ImGui::GetIO();
    const bool down = event_type == EMSCRIPTEN_EVENT_KEYDOWN;
    const bool shortcut = e->ctrlKey || e->metaKey;
    Self(user_data)->NoteInput();
    InputQueue& input = Self(user_data)->Input();
    SetModifiers(input, e);
    const ImGuiKey key = TranslateKey(e->code);
    // Ctrl+V is left to the browser: only its paste event carries the clipboard text.
    if (shortcut && key == ImGuiKey_V) return EM_FALSE;
    if (key != ImGuiKey_None) input.Key(key, down);
    if (IsPrintable(e) && !shortcut && key != ImGuiKey_Space) {
        // Typed characters reach ImGui through the hidden <input>'s input event, which also
        // serves IMEs and on-screen keyboards; let the browser deliver them there.
        return EM_FALSE;
    }
    if (key == ImGuiKey_Space && io.WantTextInput) return EM_FALSE;  // a space typed into a field
    if (shortcut) {
        // Keep browser shortcuts (reload, new tab, zoom) unless a text field uses them.
        const bool editing = key == ImGuiKey_A || key == ImGuiKey_C || key == ImGuiKey_X ||
                             key == ImGuiKey_Y || key == ImGuiKey_Z;
        return editing && io.WantTextInput ? EM_TRUE : EM_FALSE;
    }
    return key != ImGuiKey_None ? EM_TRUE : EM_FALSE;
}

int ImGuiButton(unsigned short dom_button) {
    switch (dom_button) {
        case 0:
            return ImGuiMouseButton_Left;
        case 1:
            return ImGuiMouseButton_Middle;
        case 2:
            return ImGuiMouseButton_Right;
        default:
            return -1;
    }
}

EM_BOOL OnMouse(int event_type, const EmscriptenMouseEvent* e, void* user_data) {
    WebPlatform* self = Self(user_data);
    const float ratio = self->PixelRatio();
    InputQueue& input = self->Input();
    input.Source(ImGuiMouseSource_Mouse);
    input.Pos(static_cast<float>(e->clientX) * ratio, static_cast<float>(e->clientY) * ratio);
    const int button = ImGuiButton(e->button);
    if (button >= 0 && event_type == EMSCRIPTEN_EVENT_MOUSEDOWN) input.Button(button, true);
    if (button >= 0 && event_type == EMSCRIPTEN_EVENT_MOUSEUP) input.Button(button, false);
    self->NoteInput();
    // Returning true on mousedown would stop the hidden <input> from keeping focus logic simple;
    // the default action of a canvas click is harmless, so only moves are consumed.
    return event_type == EMSCRIPTEN_EVENT_MOUSEMOVE ? EM_TRUE : EM_FALSE;
}

EM_BOOL OnMouseLeave(int, const EmscriptenMouseEvent*, void* user_data) {
    Self(user_data)->Input().Pos(-FLT_MAX, -FLT_MAX);
    Self(user_data)->NoteInput();
    return EM_FALSE;
}

EM_BOOL OnWheel(int, const EmscriptenWheelEvent* e, void* user_data) {
    // Pixel deltas of one notch are ~100 in Chromium and Firefox; lines come three to a notch.
    double scale = 1.0 / 100.0;
    if (e->deltaMode == DOM_DELTA_LINE) scale = 1.0 / 3.0;
    if (e->deltaMode == DOM_DELTA_PAGE) scale = 1.0;
    Self(user_data)->Input().Wheel(static_cast<float>(-e->deltaX * scale),
                                   static_cast<float>(-e->deltaY * scale));
    Self(user_data)->NoteInput();
    return EM_TRUE;
}

const EmscriptenTouchPoint* FindTouch(const EmscriptenTouchEvent* e, long identifier, bool changed_only) {
    for (int i = 0; i < e->numTouches; ++i) {
        const EmscriptenTouchPoint& point = e->touches[i];
        if (point.identifier == identifier && (!changed_only || point.isChanged)) return &point;
    }
    return nullptr;
}

// One finger: a tap clicks where it landed; a drag beyond a few pixels scrolls instead (ImGui
// has no touch scrolling of its own) and never clicks.
EM_BOOL OnTouch(int event_type, const EmscriptenTouchEvent* e, void* user_data) {
    WebPlatform* self = Self(user_data);
    WebPlatform::TouchGesture& touch = self->Touch();
    InputQueue& input = self->Input();
    const float ratio = self->PixelRatio();
    self->NoteInput();
    if (event_type == EMSCRIPTEN_EVENT_TOUCHSTART) {
        if (touch.active || e->numTouches < 1) return EM_TRUE;
        const EmscriptenTouchPoint& point = e->touches[0];
        touch = WebPlatform::TouchGesture{true,
                                          false,
                                          point.identifier,
                                          static_cast<double>(point.clientX),
                                          static_cast<double>(point.clientY),
                                          static_cast<double>(point.clientX),
                                          static_cast<double>(point.clientY)};
        return EM_TRUE;
    }
    if (!touch.active) return EM_TRUE;
    const EmscriptenTouchPoint* point =
        FindTouch(e, touch.identifier, event_type != EMSCRIPTEN_EVENT_TOUCHMOVE);
    if (!point) return EM_TRUE;
    const double x = point->clientX, y = point->clientY;
    if (event_type == EMSCRIPTEN_EVENT_TOUCHMOVE) {
        const double slop = 8.0;  // CSS pixels a finger may wander during a tap
        if (!touch.scrolling && std::hypot(x - touch.start_x, y - touch.start_y) > slop)
            touch.scrolling = true;
        if (touch.scrolling) {
            const float step = ImGui::GetFontSize() * 2.0f / ratio;  // CSS pixels per wheel unit
            input.Source(ImGuiMouseSource_TouchScreen);
            input.Pos(static_cast<float>(x) * ratio, static_cast<float>(y) * ratio);
            input.Wheel(static_cast<float>(x - touch.last_x) / step,
                        static_cast<float>(y - touch.last_y) / step);
        }
        touch.last_x = x;
        touch.last_y = y;
        return EM_TRUE;
    }
    if (event_type == EMSCRIPTEN_EVENT_TOUCHEND && !touch.scrolling) {
        // The press waits a frame after the jump (InputQueue), and ImGui trickles down and up
        // onto separate frames, so a tap is a full hover-press-release.
        input.Source(ImGuiMouseSource_TouchScreen);
        input.Pos(static_cast<float>(x) * ratio, static_cast<float>(y) * ratio);
        input.Button(ImGuiMouseButton_Left, true);
        input.Button(ImGuiMouseButton_Left, false);
    }
    touch.active = false;
    // Not consumed on touchend: the library's own touchend listener may focus the IME <input>.
    return event_type == EMSCRIPTEN_EVENT_TOUCHEND ? EM_FALSE : EM_TRUE;
}

EM_BOOL OnFocus(int event_type, const EmscriptenFocusEvent* e, void* user_data) {
    // Emscripten listens on window in the capture phase, so the hidden <input>'s own focus and
    // blur arrive here too; only the window's count (an element's blur reaching ImGui as "app
    // lost focus" would cancel the click in progress).
    if (std::strcmp(e->nodeName, "#window") != 0) return EM_FALSE;
    // Losing window focus must release held keys (Alt+Tab would otherwise leave Alt "down").
    Self(user_data)->Input().Focus(event_type == EMSCRIPTEN_EVENT_FOCUS);
    Self(user_data)->NoteInput();
    return EM_FALSE;
}

EM_BOOL OnResize(int, const EmscriptenUiEvent*, void* user_data) {
    Self(user_data)->NoteInput();
    return EM_FALSE;
}

}  // namespace

void WebPlatform::InstallInputCallbacks() {
    const char* canvas = "#canvas";
    const char* window = EMSCRIPTEN_EVENT_TARGET_WINDOW;
    // On the HTML page (RenderMode::Dom) the browser's own focus, Tab order and editing serve the
    // page's elements: ImGui gets no keys, pointer or touches, which would land on a layout
    // nobody sees. Passing no function unregisters a handler, for a switch after context loss.
    const bool drawn = mode_ == RenderMode::Canvas;
    emscripten_set_keydown_callback(window, this, EM_TRUE, drawn ? OnKey : nullptr);
    emscripten_set_keyup_callback(window, this, EM_TRUE, drawn ? OnKey : nullptr);
    emscripten_set_mousedown_callback(canvas, this, EM_TRUE, drawn ? OnMouse : nullptr);
    emscripten_set_mousemove_callback(window, this, EM_TRUE, drawn ? OnMouse : nullptr);
    emscripten_set_mouseup_callback(window, this, EM_TRUE, drawn ? OnMouse : nullptr);
    emscripten_set_mouseleave_callback(canvas, this, EM_TRUE, drawn ? OnMouseLeave : nullptr);
    emscripten_set_wheel_callback(canvas, this, EM_TRUE, drawn ? OnWheel : nullptr);
    emscripten_set_touchstart_callback(canvas, this, EM_TRUE, drawn ? OnTouch : nullptr);
    emscripten_set_touchmove_callback(canvas, this, EM_TRUE, drawn ? OnTouch : nullptr);
    emscripten_set_touchend_callback(canvas, this, EM_TRUE, drawn ? OnTouch : nullptr);
    emscripten_set_touchcancel_callback(canvas, this, EM_TRUE, drawn ? OnTouch : nullptr);
    emscripten_set_blur_callback(window, this, EM_TRUE, OnFocus);
    emscripten_set_focus_callback(window, this, EM_TRUE, OnFocus);
    emscripten_set_resize_callback(window, this, EM_TRUE, OnResize);
}

}  // namespace portal
