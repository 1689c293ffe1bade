// ApplyStyle: ImGui's light theme, tuned, then scaled (ImGui works in backbuffer pixels).
#include "ui/style.h"

#include <imgui.h>
#include <imgui_internal.h>  // ImMin, ImMax

namespace portal {
namespace {
constexpr ImVec4 kPageColor(0.97f, 0.97f, 0.96f, 1.0f);  // around the content panel
constexpr ImVec4 kPanelColor(1.0f, 1.0f, 1.0f, 1.0f);    // the content panel: the canvas's clear
}  // namespace

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
    c[ImGuiCol_WindowBg] = kPageColor;
    // A child window shows what lies under it: the panel's white is the canvas's clear colour.
    // A child meant to stand out (the sign-in guard, the network error) pushes its own colour.
    c[ImGuiCol_ChildBg] = ImVec4(0.0f, 0.0f, 0.0f, 0.0f);
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

ClearColor CanvasClearColor() {
    return ClearColor{kPanelColor.x, kPanelColor.y, kPanelColor.z};
}

void PaintPageBackground(const ImVec2& min, const ImVec2& max) {
    ImDrawList* list = ImGui::GetBackgroundDrawList();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const ImU32 page = ImGui::GetColorU32(kPageColor), panel = ImGui::GetColorU32(kPanelColor);
    list->AddRectFilled(ImVec2(0, 0), ImVec2(display.x, min.y), page);
    list->AddRectFilled(ImVec2(0, max.y), display, page);
    list->AddRectFilled(ImVec2(0, min.y), ImVec2(min.x, max.y), page);
    list->AddRectFilled(ImVec2(max.x, min.y), ImVec2(display.x, max.y), page);
    // Each corner: the page colour in the corner's square, then the panel's own rounded corner
    // over it, the same call ImGui makes for a child window's background (the arc depends on the
    // radius only). The rest of each small rectangle lies on the white clear, where it shows nothing.
    const float r = ImGui::GetStyle().ChildRounding;
    if (r < 0.5f) return;
    const float square = r + 1.0f, corner = 4.0f * r;
    const ImVec2 corners[4][2] = {{min, ImVec2(1, 1)},
                                  {ImVec2(max.x, min.y), ImVec2(-1, 1)},
                                  {ImVec2(min.x, max.y), ImVec2(1, -1)},
                                  {max, ImVec2(-1, -1)}};
    for (const auto& [at, inward] : corners) {
        const ImVec2 far_square(at.x + inward.x * square, at.y + inward.y * square);
        const ImVec2 far_corner(at.x + inward.x * corner, at.y + inward.y * corner);
        list->AddRectFilled(ImMin(at, far_square), ImMax(at, far_square), page);
        list->AddRectFilled(ImMin(at, far_corner), ImMax(at, far_corner), panel, r);
    }
}

}  // namespace portal
