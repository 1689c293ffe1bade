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

// A marked item as laid out, whether or not it is in view (recorded only when the test build asks,
// for the reflow checks): its whole rectangle, the part in view, and what can bring the rest into view.
struct MarkedItem {
    CssRect whole;
    CssRect shown;                  // zero-sized when scrolled or clipped out of view
    bool target = false;            // an item that takes clicks or focus (it has an ImGui id)
    bool scrolls_sideways = false;  // inside a table or child window that scrolls horizontally
    bool scrolls_down = false;      // inside a window that scrolls vertically
};

class TestMarks {
  public:
    void BeginFrame(float pixel_ratio);
    // Also keep every marked item, in view or not (the test build's reflow checks).
    void RecordItems(bool on) { record_items_ = on; }
    const std::unordered_map<std::string, MarkedItem>& Items() const { return items_; }
    // Records the last ImGui item under a stable id ("login.submit", "table.row.0.reveal", ...).
    void Mark(std::string_view id);
    // Same, and the item takes text: a tap on it must open the on-screen keyboard.
    void MarkTextInput(std::string_view id);
    const CssRect* Find(std::string_view id) const;
    // A text field's whole rectangle as laid out this frame, also while it is scrolled out of view
    // (the login form's inputs stay in the DOM there, for password managers and Tab).
    const CssRect* FindLaidOut(std::string_view id) const;
    std::string RectJson(std::string_view id) const;
    const std::vector<float>& TextTargets() const { return text_targets_; }
    bool TextTargetsChanged() const { return text_targets_ != previous_text_targets_; }

  private:
    bool LastItemRect(CssRect& out) const;  // the part in view
    CssRect LastItemWholeRect() const;      // as laid out, in view or not
    void RecordItem(std::string_view id);

    float pixel_ratio_ = 1.0f;
    std::unordered_map<std::string, CssRect> rects_;
    std::unordered_map<std::string, CssRect> laid_out_;
    bool record_items_ = false;
    std::unordered_map<std::string, MarkedItem> items_;
    std::vector<float> text_targets_, previous_text_targets_;
};

}  // namespace portal
