// The app's part of the HTML page shown without WebGL2 (RenderMode::Dom): the page cannot scroll
// a table the way the canvas does, since the mirror holds only the rows in the table's view. Its
// wheel arrives as notches that become wheel input over the table's place in the (undrawn)
// layout; its paging buttons and keys ask for a row to show first, which the screen's table
// scrolls to (FollowPageRow). ImGui then scrolls the table and the next frame describes the new
// rows.
#include <imgui.h>

#include <cfloat>

#include "app.h"

namespace portal {

void App::ApplyPageScroll() {
    const int row = platform_.TakePageRow();
    const float notches = platform_.TakePageScroll();
    if (platform_.Mode() != RenderMode::Dom) return;
    if (row >= 0) page_row_ = row;
    if (notches == 0.0f) return;
    // The widget marks of the three scrolling tables (the screens' own ids).
    const char* mark = screen_ == Screen::Contract      ? "table"
                       : screen_ == Screen::Usage       ? "usage.table"
                       : screen_ == Screen::CallDetails ? "details.table"
                                                        : nullptr;
    const CssRect* table = mark ? marks_.Find(mark) : nullptr;
    if (!table) return;
    const float ratio = platform_.PixelRatio();
    InputQueue& input = platform_.Input();
    input.Source(ImGuiMouseSource_Mouse);
    input.Pos((table->x + table->w * 0.5f) * ratio, (table->y + table->h * 0.5f) * ratio);
    input.Wheel(0.0f, -notches);
    // Nothing points at the layout afterwards: no hover is left behind on a widget nobody sees.
    input.Pos(-FLT_MAX, -FLT_MAX);
    platform_.NoteInput();
}

// A row asked for and followed by the screen's table shows after ImGui scrolls, at the table's
// next Begin: one more frame describes it. One that no table followed (the screen has none) goes
// with the presented pass, never to move a table shown later.
void App::AfterPagePass(const UiContext& ui, bool present) {
    if (page_row_ < 0) return;
    if (ui.page_row < 0) {
        page_row_ = -1;
        platform_.RequestFrames(2);
    } else if (present) {
        page_row_ = -1;
    }
}

// The HTML page shows the whole screen, but ImGui lays it out in a window the size of the browser's.
// On a phone the screen is taller than that window and its scrolling table lies below it, where
// ImGui does not lay a table out at all (a clipped scrolling table is skipped): the page would
// have no rows. So the undrawn content stays scrolled to its end: the table and what follows it
// are inside the window, and the table keeps the height it had (the room it is given is then the
// room it took).
void App::KeepDomTablesInLayout() {
    if (platform_.Mode() == RenderMode::Dom) ImGui::SetNextWindowScroll(ImVec2(-1.0f, 1.0e6f));
}

}  // namespace portal
