// The bytes that decide what a frame looks like, kept for the frame last drawn to the canvas, so a
// frame that would draw exactly the same pixels is not drawn again. Without a GPU (software GL,
// the browser's own fallback) every drawn frame holds the page's main thread for tens of
// milliseconds while the browser reads the canvas back, and the answers of the network wait behind
// it; most frames after a click or an answer (drawn so ImGui can settle) change nothing.
#pragma once
#include <cstddef>
#include <string>

namespace portal {

class DrawnFrameMemory {
  public:
    // The description of a new frame follows.
    void Begin() { next_.clear(); }
    void Add(const void* data, size_t bytes) { next_.append(static_cast<const char*>(data), bytes); }
    template <class T>
    void AddValue(const T& value) {
        Add(&value, sizeof value);
    }
    // True when the frame described since Begin must be drawn: it differs from the one drawn last,
    // or nothing was drawn since Forget. It is then remembered as the one drawn last.
    bool MustDraw();
    // The next frame is drawn whatever it holds: what it draws with changed outside its bytes (a
    // new font texture, a restored context).
    void Forget() { known_ = false; }
    size_t FramesSkipped() const { return skipped_; }

  private:
    std::string last_, next_;
    bool known_ = false;
    size_t skipped_ = 0;
};

}  // namespace portal
