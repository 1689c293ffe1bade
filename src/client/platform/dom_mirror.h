// Keeps the DOM mirror (web/portal_mirror_lib.js) in step with the frame's screen description:
// the JSON goes to the page only when it differs from what was last sent (an idle or merely
// animating screen costs one string comparison), and the DOM focus follows ImGui's keyboard focus.
#pragma once
#include <cstdint>
#include <string>

#include "ui/screen_description.h"

namespace portal {

class DomMirror {
  public:
    // nav_widget: ImGui's focused item; keyboard_nav: the keyboard moved it (not the mouse);
    // active_widget: the field being edited, whose kind (digits only) the real input takes on.
    void Update(const ScreenDescription& description, uint32_t nav_widget, bool keyboard_nav,
                uint32_t active_widget);
    // Empties the page's mirror and forgets what was sent.
    void Clear();
    // Number of times the page's mirror was rewritten (the test hook shows it: an idle screen
    // must not rewrite its mirror).
    int Updates() const { return updates_; }

  private:
    DescriptionChange change_;
    std::string sent_focus_;
    bool numeric_input_ = false;
    int updates_ = 0;
};

}  // namespace portal
