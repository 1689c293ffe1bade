// TestMarks: ImGui item rectangles to CSS pixels.
#include "ui/test_marks.h"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdio>

namespace portal {

void TestMarks::BeginFrame(float pixel_ratio) {
    pixel_ratio_ = pixel_ratio;
    rects_.clear();
    laid_out_.clear();
    items_.clear();
    previous_text_targets_.swap(text_targets_);
    text_targets_.clear();
}

bool TestMarks::LastItemRect(CssRect& out) const {
    if (!ImGui::IsItemVisible()) return false;
    const ImVec2 item_min = ImGui::GetItemRectMin(), item_max = ImGui::GetItemRectMax();
    ImDrawList* draw_list = ImGui::GetWindowDrawList();
    const ImVec2 clip_min = draw_list->GetClipRectMin(), clip_max = draw_list->GetClipRectMax();
    const float x0 = std::max(item_min.x, clip_min.x), y0 = std::max(item_min.y, clip_min.y);
    const float x1 = std::min(item_max.x, clip_max.x), y1 = std::min(item_max.y, clip_max.y);
    if (x1 <= x0 || y1 <= y0) return false;  // scrolled out of view
    out = CssRect{x0 / pixel_ratio_, y0 / pixel_ratio_, (x1 - x0) / pixel_ratio_, (y1 - y0) / pixel_ratio_};
    return true;
}

CssRect TestMarks::LastItemWholeRect() const {
    const ImVec2 item_min = ImGui::GetItemRectMin(), item_max = ImGui::GetItemRectMax();
    return CssRect{item_min.x / pixel_ratio_, item_min.y / pixel_ratio_,
                   (item_max.x - item_min.x) / pixel_ratio_, (item_max.y - item_min.y) / pixel_ratio_};
}

void TestMarks::RecordItem(std::string_view id) {
    MarkedItem item;
    item.whole = LastItemWholeRect();
    LastItemRect(item.shown);
    item.target = ImGui::GetItemID() != 0;
    const ImGuiTable* table = ImGui::GetCurrentTable();
    const ImGuiWindow* window = GImGui->CurrentWindow;
    item.scrolls_sideways = (table && (table->Flags & ImGuiTableFlags_ScrollX)) ||
                            (window->Flags & ImGuiWindowFlags_HorizontalScrollbar) || window->ScrollMax.x > 0;
    // Vertically the page scrolls: the content window (or any window around the item) can.
    for (; window && !item.scrolls_down; window = window->ParentWindow) {
        item.scrolls_down = window->ScrollMax.y > 0 || (table && (table->Flags & ImGuiTableFlags_ScrollY));
    }
    items_[std::string(id)] = item;
}

void TestMarks::Mark(std::string_view id) {
    if (record_items_) RecordItem(id);
    CssRect rect;
    if (LastItemRect(rect)) rects_[std::string(id)] = rect;
}

void TestMarks::MarkTextInput(std::string_view id) {
    if (record_items_) RecordItem(id);
    laid_out_[std::string(id)] = LastItemWholeRect();
    CssRect rect;
    if (!LastItemRect(rect)) return;
    rects_[std::string(id)] = rect;
    text_targets_.insert(text_targets_.end(), {rect.x, rect.y, rect.w, rect.h});
}

const CssRect* TestMarks::Find(std::string_view id) const {
    auto found = rects_.find(std::string(id));
    return found == rects_.end() ? nullptr : &found->second;
}

const CssRect* TestMarks::FindLaidOut(std::string_view id) const {
    auto found = laid_out_.find(std::string(id));
    return found == laid_out_.end() ? nullptr : &found->second;
}

std::string TestMarks::RectJson(std::string_view id) const {
    const CssRect* rect = Find(id);
    if (!rect) return "null";
    char json[160];
    std::snprintf(json, sizeof json, "{\"x\":%.2f,\"y\":%.2f,\"w\":%.2f,\"h\":%.2f}", rect->x, rect->y,
                  rect->w, rect->h);
    return json;
}

}  // namespace portal
