// InputQueue::Deliver: ordered hand-over of browser events to ImGui.
#include "platform/input_queue.h"

namespace portal {

bool InputQueue::Deliver(ImGuiIO& io) {
    bool pointer_moved = false;
    while (!events_.empty()) {
        const Event& e = events_.front();
        if (e.kind == Kind::Button && pointer_moved) return true;  // hover first, press next frame
        switch (e.kind) {
            case Kind::Pos:
                pointer_moved = pointer_moved || e.x != io.MousePos.x || e.y != io.MousePos.y;
                io.AddMousePosEvent(e.x, e.y);
                break;
            case Kind::Button:
                io.AddMouseButtonEvent(e.code, e.down);
                break;
            case Kind::Wheel:
                io.AddMouseWheelEvent(e.x, e.y);
                break;
            case Kind::Key:
                io.AddKeyEvent(static_cast<ImGuiKey>(e.code), e.down);
                break;
            case Kind::Chars:
                io.AddInputCharactersUTF8(e.text.c_str());
                break;
            case Kind::Source:
                io.AddMouseSourceEvent(static_cast<ImGuiMouseSource>(e.code));
                break;
            case Kind::Focus:
                io.AddFocusEvent(e.down);
                break;
        }
        events_.pop_front();
    }
    return false;
}

}  // namespace portal
