// ApplyStyle: ImGui's light theme, tuned, then scaled (ImGui works in backbuffer pixels).
#include "ui/style.h"

#include <imgui.h>

namespace portal {

void ApplyStyle(float pixel_ratio) {
    ImGuiStyle style;
    ImGui::StyleColorsLight(&style);
    style.WindowPadding = ImVec2(16, 12);
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(10, 8);
    style.ItemInnerSpacing = ImVec2(6, 4);
    style.CellPadding = ImVec2(8, 4);
    style.ScrollbarSize = 16;
    style.FrameRounding = 3;
    style.GrabRounding = 3;
    style.ChildRounding = 4;
    style.WindowRounding = 0;
    style.FrameBorderSize = 1;
    style.WindowBorderSize = 0;
    style.ChildBorderSize = 1;

    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.96f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    c[ImGuiCol_PopupBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    c[ImGuiCol_Text] = ImVec4(0.1f, 0.1f, 0.1f, 1.0f);
    c[ImGuiCol_TextDisabled] = ImVec4(0.45f, 0.45f, 0.45f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    c[ImGuiCol_Border] = ImVec4(0.70f, 0.70f, 0.70f, 1.0f);
    c[ImGuiCol_Button] = ImVec4(0.92f, 0.92f, 0.92f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.85f, 0.88f, 0.95f, 1.0f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.75f, 0.80f, 0.92f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.90f, 0.90f, 0.90f, 1.0f);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.91f, 0.91f, 0.91f, 1.0f);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(0.0f, 0.0f, 0.0f, 0.035f);
    c[ImGuiCol_CheckMark] = ImVec4(0.75f, 0.0f, 0.0f, 1.0f);
    // Keyboard focus must be obvious (keyboard users must see where they are).
    c[ImGuiCol_NavHighlight] = ImVec4(0.0f, 0.35f, 0.85f, 1.0f);

    style.ScaleAllSizes(pixel_ratio);
    ImGui::GetStyle() = style;
}

}  // namespace portal
