// ご利用状況照会 and 明細照会 belong to issue 5; until then they say so plainly.
#include "screens/screens.h"

namespace portal {

bool DrawNotAvailableScreen(Screen screen, UiContext& ui) {
    CenteredColumn column(48.0f);
    Heading(ui.T(screen == Screen::Usage ? Str::ScreenUsage : Str::ScreenDetails));
    SubHeading(ui.T(Str::NotAvailableTitle));
    ImGui::Spacing();
    NoticeText(ui.T(Str::NotAvailableBody));
    ImGui::Spacing();
    return MarkedButton(ui, ui.L(Str::BackToMenu, "back"), "notAvailable.back");
}

}  // namespace portal
