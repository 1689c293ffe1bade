// On-screen rectangles of named widgets, recorded each drawn frame, for window.portalTest.rect(id)
// and for the mobile-keyboard tap targets. Rectangles are in CSS pixels, clipped to what is visible.
#pragma once
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace portal {

struct CssRect {
    float x = 0, y = 0, w = 0, h = 0;
};

class TestMarks {
  public:
    void BeginFrame(float pixel_ratio);
    // Records the last ImGui item under a stable id ("login.submit", "table.row.0.reveal", ...).
    void Mark(std::string_view id);
    // Same, and the item takes text: a tap on it must open the on-screen keyboard.
    void MarkTextInput(std::string_view id);
    const CssRect* Find(std::string_view id) const;
    std::string RectJson(std::string_view id) const;
    const std::vector<float>& TextTargets() const { return text_targets_; }
    bool TextTargetsChanged() const { return text_targets_ != previous_text_targets_; }

  private:
    bool LastItemRect(CssRect& out) const;

    float pixel_ratio_ = 1.0f;
    std::unordered_map<std::string, CssRect> rects_;
    std::vector<float> text_targets_, previous_text_targets_;
};

}  // namespace portal
