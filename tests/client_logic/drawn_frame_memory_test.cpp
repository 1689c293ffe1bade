// DrawnFrameMemory: a frame is drawn unless its bytes are exactly those of the frame drawn last.
#include "ui/drawn_frame_memory.h"

#include <doctest/doctest.h>

#include <vector>

namespace portal {
namespace {

bool Describe(DrawnFrameMemory& memory, const std::vector<float>& vertices, int width = 1280) {
    memory.Begin();
    memory.AddValue(width);
    memory.Add(vertices.data(), vertices.size() * sizeof(float));
    return memory.MustDraw();
}

}  // namespace

TEST_CASE("the first frame is drawn, the same frame again is not") {
    DrawnFrameMemory memory;
    CHECK(Describe(memory, {1, 2, 3}));
    CHECK_FALSE(Describe(memory, {1, 2, 3}));
    CHECK_FALSE(Describe(memory, {1, 2, 3}));
    CHECK(memory.FramesSkipped() == 2);
}

TEST_CASE("any changed byte, a longer or shorter frame, or a new canvas size is drawn") {
    DrawnFrameMemory memory;
    CHECK(Describe(memory, {1, 2, 3}));
    CHECK(Describe(memory, {1, 2, 4}));
    CHECK_FALSE(Describe(memory, {1, 2, 4}));
    CHECK(Describe(memory, {1, 2, 4, 0}));
    CHECK(Describe(memory, {1, 2}));
    CHECK(Describe(memory, {}));
    CHECK_FALSE(Describe(memory, {}));
    CHECK(Describe(memory, {}, 640));
    // Compared with the frame drawn last, not with the one skipped before it.
    CHECK(Describe(memory, {5}));
    CHECK_FALSE(Describe(memory, {5}));
    CHECK(Describe(memory, {1, 2}));
}

TEST_CASE("after Forget the next frame is drawn even when it is the same") {
    DrawnFrameMemory memory;
    CHECK(Describe(memory, {7, 8}));
    memory.Forget();
    CHECK(Describe(memory, {7, 8}));
    CHECK_FALSE(Describe(memory, {7, 8}));
}

}  // namespace portal
