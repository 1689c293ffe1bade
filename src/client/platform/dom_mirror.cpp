// DomMirror and the entry point the mirror's elements call back into.
#include "platform/dom_mirror.h"

#include <emscripten.h>

#include "platform/js_bridge.h"
#include "platform/web_platform.h"

namespace portal {

void DomMirror::Update(const ScreenDescription& description, uint32_t nav_widget, bool keyboard_nav,
                       uint32_t active_widget) {
    std::string json;
    if (change_.Take(description, json)) {
        js::MirrorUpdate(json);
        ++updates_;  // elements are updated in place: a focused one keeps its focus
    }
    // Text fields keep the hidden IME <input> that ImGui's editing uses; only the other controls
    // pull the DOM focus after the canvas.
    std::string focus = description.KeyOfWidget(nav_widget);
    for (const DescribedNode& node : description.Nodes()) {
        if (node.key == focus && node.role == Role::Field) focus.clear();
    }
    // A number field edited on the canvas: the hidden input that receives the typing asks phones
    // for the numeric keyboard.
    bool numeric = false;
    for (const DescribedNode& node : description.Nodes()) {
        if (active_widget != 0 && node.widget == active_widget) numeric = node.flags & node_flags::kNumeric;
    }
    if (numeric != numeric_input_) {
        js::ImeNumeric(numeric);
        numeric_input_ = numeric;
    }
    if (focus != sent_focus_) {
        if (!focus.empty()) js::MirrorFocus(focus, keyboard_nav);
        sent_focus_ = focus;
    }
}

void DomMirror::Clear() {
    js::MirrorClear();
    change_.Reset();
    sent_focus_.clear();
}

void WebPlatform::OnMirrorAction(MirrorAction action) {
    mirror_actions_.push_back(std::move(action));
    NoteInput();
}

}  // namespace portal

extern "C" {

// kind: 0 activate, 1 focus, 2 a field's new text (MirrorActionKind).
EMSCRIPTEN_KEEPALIVE void portal_on_mirror(void* context, int kind, const char* key, const char* value) {
    if (kind < 0 || kind > 2) return;
    portal::MirrorAction action;
    action.kind = static_cast<portal::MirrorActionKind>(kind);
    action.key = key ? key : "";
    action.value = value ? value : "";
    static_cast<portal::WebPlatform*>(context)->OnMirrorAction(std::move(action));
}

}  // extern "C"
