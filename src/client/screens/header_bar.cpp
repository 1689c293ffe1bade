// The header on every screen: brand and language switch; after login the contractor's name, the
// session's remaining time and logout.
#include <algorithm>

#include "screens/screens.h"

namespace portal {
namespace {

// Remaining session time: the nearer of the idle and the absolute deadline.
double SessionDeadline(const SessionState& session) {
    if (session.absolute_deadline_ms == 0.0) return session.idle_deadline_ms;
    if (session.idle_deadline_ms == 0.0) return session.absolute_deadline_ms;
    return std::min(session.idle_deadline_ms, session.absolute_deadline_ms);
}

float RightAlignedStart(float width) {
    return ImGui::GetWindowContentRegionMax().x - width;
}

}  // namespace

HeaderAction DrawHeaderBar(const HeaderInfo& info, UiContext& ui) {
    HeaderAction action = HeaderAction::None;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 top = ImGui::GetCursorScreenPos();
    draw->AddRectFilled(ImVec2(0, 0), ImVec2(ImGui::GetWindowWidth(), Em(0.35f)), colors::kAccent);
    ImGui::SetCursorScreenPos(ImVec2(top.x, top.y + Em(0.35f)));
    const DescribedGroup header(Role::Header, "header", "");
    // The whole brand, however much of it the canvas has room for.
    Describe(Role::Text, std::string(ui.T(Str::Brand)) + " " + ui.T(Str::BrandService));

    const std::string language = ui.L(Str::SwitchLanguage, "lang");
    const float language_width =
        ImGui::CalcTextSize(ui.T(Str::SwitchLanguage)).x + ImGui::GetStyle().FramePadding.x * 2;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float brand_width = ImGui::CalcTextSize(ui.T(Str::Brand)).x;
    const float free = ImGui::GetContentRegionAvail().x - language_width - spacing;
    ImGui::AlignTextToFramePadding();
    if (brand_width <= free) {
        ImGui::TextUnformatted(ui.T(Str::Brand));
        // The service name follows only when there is room (phones keep just the brand).
        if (brand_width + spacing + ImGui::CalcTextSize(ui.T(Str::BrandService)).x <= free) {
            ImGui::SameLine();
            ImGui::TextColored(colors::kMuted, "%s", ui.T(Str::BrandService));
        }
    } else {
        ImGui::TextUnformatted("050");
    }
    ImGui::SameLine(RightAlignedStart(language_width));
    if (MarkedButton(ui, language, "header.language")) action = HeaderAction::ToggleLanguage;

    if (info.logged_in) {
        if (info.contract) {
            ImGui::TextColored(colors::kMuted, "%s", ui.T(Str::ContractorName));
            ImGui::SameLine();
            ImGui::Text("%s %s", info.contract->contractor_name.c_str(), ui.T(Str::Honorific));
            ui.Mark("header.contractor");
            Describe(Role::Text, std::string(ui.T(Str::ContractorName)) + " " +
                                     info.contract->contractor_name + " " + ui.T(Str::Honorific));
        } else {
            ImGui::TextUnformatted("");
        }
        std::string remaining;
        if (info.session && info.session->active) {
            const double deadline = SessionDeadline(*info.session);
            remaining =
                Format(ui.T(Str::SessionLeft), FormatCountdown((deadline - ui.now_ms) / 1000.0).c_str());
            Describe(Role::Text,
                     Format(ui.T(Str::SessionLeft), MirrorCountdown((deadline - ui.now_ms) / 1000.0).c_str()),
                     node_flags::kMuted, "header.session");
            ui.WakeForCountdown(deadline);
        }
        const std::string logout = ui.L(Str::Logout, "logout");
        const ImGuiStyle& style = ImGui::GetStyle();
        const float logout_width = ImGui::CalcTextSize(ui.T(Str::Logout)).x + style.FramePadding.x * 2;
        const float remaining_width = ImGui::CalcTextSize(remaining.c_str()).x;
        const float right_width = logout_width + remaining_width + style.ItemSpacing.x;
        // Beside the name when both fit, on a line of its own on narrow screens.
        if (RemainingOnLine() >= right_width + style.ItemSpacing.x) {
            ImGui::SameLine(RightAlignedStart(right_width));
        } else {
            ImGui::SetCursorPosX(RightAlignedStart(right_width));
        }
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(remaining.c_str());
        ui.Mark("header.session");
        ImGui::SameLine();
        if (MarkedButton(ui, logout, "header.logout")) action = HeaderAction::Logout;
    }
    ImGui::Separator();
    return action;
}

}  // namespace portal
