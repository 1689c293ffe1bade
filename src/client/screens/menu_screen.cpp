// 情報照会サービス: the manual's three inquiries with their descriptions. 明細照会 needs a separate
// application; without it the entry is shown disabled with the reason.
#include <optional>

#include "i18n_reports.h"
#include "i18n_security.h"
#include "screens/screens.h"

namespace portal {
namespace {

// A description beside its button needs this much room; in a narrow window (320 CSS px, zoom
// 200%) it goes under the button instead of wrapping a character or two a line.
constexpr float kDescriptionEm = 10.0f;

bool MenuEntry(UiContext& ui, Str title, Str description, const char* mark, bool enabled) {
    const DescribedGroup item(Role::ListItem, std::string(mark) + ".item", "");
    ImGui::BeginDisabled(!enabled);
    const std::string label = std::string(ui.T(title)) + "###" + mark;
    const bool pressed = MarkedButton(ui, label, mark, ImVec2(Em(14.0f), 0));
    ImGui::EndDisabled();
    SameLineIfRoom(Em(kDescriptionEm));
    ImGui::AlignTextToFramePadding();
    Paragraph(ui.T(description));
    return pressed && enabled;
}

}  // namespace

MenuAction DrawMenuScreen(const Contract& contract, UiContext& ui) {
    MenuAction action = MenuAction::None;
    CenteredColumn column(52.0f);
    Heading(ui.T(Str::MenuTitle));
    Paragraph(ui.T(Str::MenuIntro));
    ImGui::Spacing();
    std::optional<DescribedGroup> list(std::in_place, Role::List, "menu.list", ui.T(Str::MenuTitle));
    if (MenuEntry(ui, Str::MenuContract, Str::MenuContractDesc, "menu.contract", true))
        action = MenuAction::Contract;
    if (MenuEntry(ui, Str::MenuUsage, Str::MenuUsageDesc, "menu.usage", true)) action = MenuAction::Usage;
    const bool details = contract.call_details_available;
    if (MenuEntry(ui, Str::MenuDetails, Str::MenuDetailsDesc, "menu.details", details))
        action = MenuAction::CallDetails;
    list.reset();
    NoticeText(ui.T(Str::MenuDetailsNote));
    if (!details) {
        ErrorText(ui.T(Str::MenuDetailsDisabled));
        ui.Mark("menu.detailsDisabledReason");
        // The 明細照会 screen then explains why and how to apply.
        if (MarkedButton(ui, Label(ui.lang, RStr::DetailsHowToApplyButton, "details-apply"),
                         "menu.detailsHowToApply")) {
            action = MenuAction::CallDetails;
        }
    }
    ImGui::Spacing();
    {
        const DescribedGroup entry(Role::Section, "menu.security.item", Tr(ui.lang, SStr::MenuSecurity));
        const std::string security = Label(ui.lang, SStr::MenuSecurity, "menu.security");
        if (MarkedButton(ui, security, "menu.security", ImVec2(Em(14.0f), 0))) action = MenuAction::Security;
        SameLineIfRoom(Em(kDescriptionEm));
        ImGui::AlignTextToFramePadding();
        Paragraph(Tr(ui.lang, SStr::MenuSecurityDesc));
    }
    ImGui::Spacing();
    SubHeading(ui.T(Str::MenuSafetyTitle));
    NoticeText(ui.T(Str::MenuSafety));
    return action;
}

}  // namespace portal
