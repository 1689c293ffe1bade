// DrawnFrameMemory: one comparison of two byte strings per frame (drawn_frame_memory.h).
#include "ui/drawn_frame_memory.h"

namespace portal {

bool DrawnFrameMemory::MustDraw() {
    if (known_ && next_ == last_) {
        ++skipped_;
        return false;
    }
    last_.swap(next_);  // the old bytes' buffer is reused for the next description
    known_ = true;
    return true;
}

}  // namespace portal
