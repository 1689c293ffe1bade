// A failed request, said plainly, with a retry button (nothing may hang silently).
#include "screens/screens.h"

namespace portal {

bool DrawNetworkErrorPanel(const NetworkFailure& failure, UiContext& ui) {
    if (!failure.active) return false;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.0f, 0.94f, 0.94f, 1.0f));
    ImGui::PushStyleColor(ImGuiCol_Border, colors::kError);
    const bool visible = ImGui::BeginChild("network-error", ImVec2(0, 0),
                                           ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY);
    bool retry = false;
    if (visible) {
        ErrorText(ui.T(failure.message));
        retry = MarkedButton(ui, ui.L(Str::Retry, "retry"), "error.retry");
    }
    ImGui::EndChild();
    ImGui::PopStyleColor(2);
    return retry;
}

}  // namespace portal
