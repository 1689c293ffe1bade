// Browser input events in arrival order, handed to ImGui at the start of each drawn frame. A
// button press or release that follows a pointer jump waits for the next frame, so ImGui has seen
// the pointer over the widget first (table headers and other overlap-allowing items only take a
// click they were hovered for on the previous frame; taps and test clicks jump straight there).
// Keeping every event in one queue means keys typed right after such a click still land in the
// field that click activates.
#pragma once
#include <imgui.h>

#include <deque>
#include <string>

namespace portal {

class InputQueue {
  public:
    void Pos(float x, float y) { Push(Event{Kind::Pos, 0, false, x, y, {}}); }
    void Button(int button, bool down) { Push(Event{Kind::Button, button, down, 0, 0, {}}); }
    void Wheel(float x, float y) { Push(Event{Kind::Wheel, 0, false, x, y, {}}); }
    void Key(ImGuiKey key, bool down) { Push(Event{Kind::Key, static_cast<int>(key), down, 0, 0, {}}); }
    void Chars(std::string utf8) { Push(Event{Kind::Chars, 0, false, 0, 0, std::move(utf8)}); }
    void Source(ImGuiMouseSource source) {
        Push(Event{Kind::Source, static_cast<int>(source), false, 0, 0, {}});
    }
    void Focus(bool focused) { Push(Event{Kind::Focus, 0, focused, 0, 0, {}}); }

    // Delivers events to ImGui in order; returns true when some must wait for the next frame.
    bool Deliver(ImGuiIO& io);
    bool Empty() const { return events_.empty(); }

  private:
    enum class Kind : unsigned char { Pos, Button, Wheel, Key, Chars, Source, Focus };
    struct Event {
        Kind kind;
        int code;  // button, key or mouse source
        bool down;
        float x, y;
        std::string text;
    };
    void Push(Event event) { events_.push_back(std::move(event)); }
    std::deque<Event> events_;
};

}  // namespace portal
