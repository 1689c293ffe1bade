// UI helpers: headings, message texts, marked buttons, the centred column.
#include "ui/widgets.h"

#include <imgui_internal.h>  // the window's current text wrap position

#include <algorithm>
#include <cmath>
#include <cstring>

namespace portal {

void UiContext::WakeForCountdown(double deadline_ms) {
    if (deadline_ms <= now_ms) return;
    const double remaining = deadline_ms - now_ms;
    // Next moment the ceiling of the remaining seconds changes.
    const double into_second = std::fmod(remaining, 1000.0);
    WakeAt(now_ms + (into_second > 1.0 ? into_second : 1000.0) + 5.0);
}

// A child window of the column's width (so boxes and tables end where the text does), sized to
// its content; NavFlattened keeps keyboard navigation flowing through it as if it were not there.
CenteredColumn::CenteredColumn(float max_width_em) {
    const float available = ImGui::GetContentRegionAvail().x;
    width_ = std::min(available, Em(max_width_em));
    indent_ = std::floor((available - width_) * 0.5f);
    if (indent_ > 0.0f) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + indent_);
    ImGui::BeginChild(
        "column", ImVec2(width_, 0), ImGuiChildFlags_AutoResizeY,
        ImGuiWindowFlags_NavFlattened | ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoBackground);
}

CenteredColumn::~CenteredColumn() {
    ImGui::EndChild();
}

void Heading(const char* text) {
    DescribedNode heading;
    heading.role = Role::Heading;
    heading.name = text;
    heading.level = 2;
    if (ScreenDescription* description = CurrentDescription()) description->Add(std::move(heading));
    ImGui::Spacing();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float bar = std::max(2.0f, Em(0.3f));
    const float height = ImGui::GetTextLineHeight();
    draw->AddRectFilled(start, ImVec2(start.x + bar, start.y + height), colors::kAccent);
    ImGui::SetCursorScreenPos(ImVec2(start.x + bar + Em(0.5f), start.y));
    ImGui::TextUnformatted(text);
    const ImVec2 end = ImGui::GetItemRectMax();
    const float line_right = start.x + ImGui::GetContentRegionAvail().x;
    draw->AddLine(ImVec2(start.x, end.y + Em(0.2f)), ImVec2(std::max(end.x, line_right), end.y + Em(0.2f)),
                  IM_COL32(210, 210, 210, 255), std::max(1.0f, Em(0.06f)));
    ImGui::Dummy(ImVec2(0, Em(0.2f)));
}

void SubHeading(const char* text) {
    DescribedNode heading;
    heading.role = Role::Heading;
    heading.name = text;
    heading.level = 3;
    if (ScreenDescription* description = CurrentDescription()) description->Add(std::move(heading));
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::ColorConvertU32ToFloat4(colors::kAccent));
    ImGui::TextUnformatted(text);
    ImGui::PopStyleColor();
}

namespace {

size_t Utf8Length(unsigned char lead) {
    return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

// 禁則: characters that may not begin a line.
bool IsLineStartForbidden(const char* at, const char* end) {
    static const char* const kClosing[] = {"。", "、", "」", "』", "）", "】", "〕", "・", "ー",
                                           "…",  "，", "．", "！", "？", "ぁ", "ぃ", "ぅ", "ぇ",
                                           "ぉ", "っ", "ゃ", "ゅ", "ょ", "ァ", "ィ", "ゥ", "ェ",
                                           "ォ", "ッ", "ャ", "ュ", "ョ", ")",  ".",  ",",  ":"};
    for (const char* closing : kClosing) {
        const size_t n = std::strlen(closing);
        if (static_cast<size_t>(end - at) >= n && std::memcmp(at, closing, n) == 0) return true;
    }
    return false;
}

// Where a line that ImGui would break at `brk` breaks instead so that no closing character starts
// the next one: the closing characters hang at the end of this line while they stay inside the
// window (ぶら下げ); where they would stick out of it, the character before them goes to the next
// line with them (追い出し), so that nothing is cut off in a narrow window.
const char* LineBreakBeforeClosing(const char* line, const char* brk, const char* line_end, ImFont* font) {
    const char* hang = brk;
    while (hang < line_end && IsLineStartForbidden(hang, line_end))
        hang += Utf8Length(static_cast<unsigned char>(*hang));
    if (hang == brk) return brk;
    const float room = std::floor(ImGui::GetContentRegionMax().x - ImGui::GetCursorPosX()) - 1.0f;
    if (font->CalcTextSizeA(ImGui::GetFontSize(), FLT_MAX, 0.0f, line, hang).x <= room) return hang;
    for (const char* back = brk; back > line;) {
        do --back;
        while (back > line && (static_cast<unsigned char>(*back) & 0xC0) == 0x80);
        if (back > line && !IsLineStartForbidden(back, line_end)) return back;
    }
    return hang;  // a line of closing characters only: nothing better than hanging them
}

void DrawParagraph(const char* text) {
    ImFont* font = ImGui::GetFont();
    const float scale = ImGui::GetFontSize() / font->FontSize;
    const float wrap_x = ImGui::GetCurrentWindow()->DC.TextWrapPos;
    // A pixel to spare: ImGui rounds a measured line's width up, and a line of full-width
    // characters that fills the width exactly measures a hair over it (the advances summed in
    // floats), a pixel wider than its window, which then scrolls sideways by that pixel.
    const float width =
        std::floor(wrap_x > 0.0f ? wrap_x - ImGui::GetCursorPosX() : ImGui::GetContentRegionAvail().x) - 1.0f;
    const char* end = text + std::strlen(text);
    const char* line = text;
    while (line < end) {
        const char* newline =
            static_cast<const char*>(std::memchr(line, '\n', static_cast<size_t>(end - line)));
        const char* line_end = newline ? newline : end;
        const char* brk = font->CalcWordWrapPositionA(scale, line, line_end, std::max(width, 1.0f));
        if (brk <= line) brk = line + Utf8Length(static_cast<unsigned char>(*line));
        // ImGui's wrap can stop inside a multi-byte blank such as U+3000: never split a character.
        while (brk < line_end && (static_cast<unsigned char>(*brk) & 0xC0) == 0x80) ++brk;
        brk = LineBreakBeforeClosing(line, brk, line_end, font);
        ImGui::TextUnformatted(line, brk);
        line = brk;
        while (line < line_end && *line == ' ') ++line;
        if (line == line_end && newline) ++line;
    }
}

}  // namespace

void Paragraph(const char* text) {
    Describe(Role::Text, text);
    DrawParagraph(text);
}

void WrappedText(const std::string& text, const ImVec4& color) {
    if (text.empty()) return;
    const bool error = color.x == colors::kError.x && color.y == colors::kError.y;
    const bool muted = color.x == colors::kMuted.x && color.y == colors::kMuted.y;
    Describe(Role::Text, text, error ? node_flags::kError : muted ? node_flags::kMuted : 0);
    ImGui::PushStyleColor(ImGuiCol_Text, color);
    DrawParagraph(text.c_str());
    ImGui::PopStyleColor();
}

void ErrorText(const std::string& text) {
    WrappedText(text, colors::kError);
}
void NoticeText(const std::string& text) {
    WrappedText(text, colors::kNotice);
}
void SuccessText(const std::string& text) {
    WrappedText(text, colors::kSuccess);
}

void FollowMirrorFocus(std::string_view mark) {
    ScreenDescription* description = CurrentDescription();
    if (description && description->TakeFocus(mark)) ImGui::SetKeyboardFocusHere();
}

void RevealLastItem() {
    // ImGui's own ScrollToItem centres only in the item's window, which here is an auto-sized
    // column; its parents get scrolled just to the edge.
    ImGuiWindow* window = GImGui->CurrentWindow;
    while ((window->Flags & ImGuiWindowFlags_ChildWindow) && window->ScrollMax.y <= 0.0f &&
           window->ParentWindow)
        window = window->ParentWindow;
    const ImRect item = GImGui->LastItemData.Rect;
    if (item.Min.y >= window->InnerRect.Min.y && item.Max.y <= window->InnerRect.Max.y) return;
    ImGui::SetScrollFromPosY(window, std::floor((item.Min.y + item.Max.y) * 0.5f) - window->Pos.y, 0.5f);
}

bool MirrorActivated(std::string_view mark) {
    ScreenDescription* description = CurrentDescription();
    const bool disabled = (GImGui->CurrentItemFlags & ImGuiItemFlags_Disabled) != 0;  // BeginDisabled
    return description && description->TakeActivation(mark) && !disabled;
}

DescribedNode* DescribeLastItem(Role role, std::string_view key, std::string_view name, uint32_t flags) {
    ScreenDescription* description = CurrentDescription();
    if (!description) return nullptr;
    DescribedNode node;
    node.role = role;
    node.key = std::string(key);
    node.name = std::string(name);
    node.flags = flags;
    if (ImGui::GetItemFlags() & ImGuiItemFlags_Disabled) node.flags |= node_flags::kDisabled;
    node.widget = ImGui::GetItemID();
    description->Add(std::move(node));
    return description->Last();
}

bool DescribedInputText(const UiContext& ui, const char* label, std::string_view mark, char* buffer,
                        size_t size, ImGuiInputTextFlags flags, ImGuiInputTextCallback callback,
                        const std::string& detail, uint32_t node_flags) {
    ScreenDescription* description = CurrentDescription();
    std::string typed;
    bool changed = false;
    if (description && description->TakeValue(mark, typed)) {
        const size_t length = std::min(typed.size(), size - 1);
        changed = std::strncmp(buffer, typed.c_str(), size) != 0;
        std::memcpy(buffer, typed.data(), length);
        std::memset(buffer + length, 0, size - length);
    }
    const std::string id = "##" + std::string(mark);
    changed |= ImGui::InputText(id.c_str(), buffer, size, flags, callback);
    ui.MarkTextInput(mark);
    if (DescribedNode* node = DescribeLastItem(Role::Field, mark, label, node_flags)) {
        node->value = buffer;
        node->detail = detail;
    }
    return changed;
}

std::string MirrorCountdown(double seconds) {
    return FormatCountdown(DescribedCountdownSeconds(seconds));
}

void DescribedText(const std::string& text, uint32_t flags) {
    ImGui::TextUnformatted(text.c_str());
    Describe(Role::Text, text, flags);
}

bool MarkedButton(const UiContext& ui, const std::string& label, std::string_view mark, ImVec2 size) {
    FollowMirrorFocus(mark);
    const bool activated = MirrorActivated(mark);
    const bool pressed = ImGui::Button(label.c_str(), size);
    ui.Mark(mark);
    DescribeLastItem(Role::Button, mark, VisibleLabel(label));
    return pressed || activated;
}

bool DescribedSmallButton(const UiContext& ui, const std::string& label, std::string_view mark) {
    FollowMirrorFocus(mark);
    const bool activated = MirrorActivated(mark);
    const bool pressed = ImGui::SmallButton(label.c_str());
    ui.Mark(mark);
    DescribeLastItem(Role::Button, mark, VisibleLabel(label));
    return pressed || activated;
}

bool DescribedCheckbox(const UiContext& ui, const std::string& label, std::string_view mark, bool* value) {
    FollowMirrorFocus(mark);
    if (MirrorActivated(mark)) *value = !*value;
    const bool changed = ImGui::Checkbox(label.c_str(), value);
    ui.Mark(mark);
    DescribeLastItem(Role::Checkbox, mark, VisibleLabel(label), *value ? node_flags::kChecked : 0);
    return changed;
}

bool DescribedRadio(const UiContext& ui, const std::string& label, std::string_view mark, bool active) {
    FollowMirrorFocus(mark);
    const bool activated = MirrorActivated(mark);
    const bool pressed = ImGui::RadioButton(label.c_str(), active);
    ui.Mark(mark);
    DescribeLastItem(Role::Radio, mark, VisibleLabel(label), active ? node_flags::kChecked : 0);
    return pressed || activated;
}

bool PrimaryButton(const UiContext& ui, const std::string& label, std::string_view mark, ImVec2 size) {
    ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(191, 0, 0, 255));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, IM_COL32(215, 30, 30, 255));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, IM_COL32(150, 0, 0, 255));
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
    const bool pressed = MarkedButton(ui, label, mark, size);
    ImGui::PopStyleColor(4);
    return pressed;
}

void PushTextWrapInside() {
    ImGui::PushTextWrapPos(std::floor(ImGui::GetContentRegionMax().x) - 1.0f);
}

void MutedWrappedText(const char* text) {
    PushTextWrapInside();
    ImGui::TextColored(colors::kMuted, "%s", text);
    ImGui::PopTextWrapPos();
}

float RemainingOnLine() {
    const float last_item_end = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x;
    return ImGui::GetWindowContentRegionMax().x - last_item_end - ImGui::GetStyle().ItemSpacing.x;
}

void SameLineIfRoom(float width, float spacing) {
    const float gap = spacing < 0.0f ? 0.0f : spacing - ImGui::GetStyle().ItemSpacing.x;
    if (RemainingOnLine() >= width + gap) ImGui::SameLine(0.0f, spacing);
}

float ButtonWidth(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
}

void DescribedColumnHeader(const UiContext& ui, int column, const std::string& mark, int sort) {
    if (MirrorActivated(mark)) {
        ImGui::TableSetColumnSortDirection(
            column, sort == 1 ? ImGuiSortDirection_Descending : ImGuiSortDirection_Ascending, false);
    }
    const char* name = ImGui::TableGetColumnName(column);
    FollowMirrorFocus(mark);
    ImGui::TableSetColumnIndex(column);
    ImGui::TableHeader(name);
    ui.Mark(mark);
    if (DescribedNode* node = DescribeLastItem(Role::ColumnHeader, mark, name)) node->level = sort;
}

namespace {
// The height of a data row as ImGui's clipper last measured it (all scrolling tables draw one line
// of text or small buttons a row), 0 before the first.
float g_row_height = 0.0f;
}  // namespace

bool TableRowInView(const UiContext& ui, float header_height) {
    const float top = ImGui::GetWindowPos().y + header_height;
    float bottom = ImGui::GetWindowPos().y + ImGui::GetWindowHeight();
    const float row_top = ImGui::GetCursorScreenPos().y;
    if (ui.page_rows <= 0) {
        const float y = row_top + ImGui::GetTextLineHeight() * 0.5f;
        return y >= top && y < bottom;
    }
    if (ImGui::GetScrollMaxX() > 0.0f) bottom -= ImGui::GetStyle().ScrollbarSize;
    const float row_height = g_row_height > 0.0f ? g_row_height : header_height;
    return row_top >= top - 0.5f && row_top + row_height <= bottom + 0.5f;
}

float ScrollingTableHeight(const UiContext& ui, float canvas_height, float needed, float header_height,
                           float extra) {
    if (ui.page_rows <= 0) return canvas_height;
    const float row_height = g_row_height > 0.0f ? g_row_height : header_height;
    return std::min(needed, header_height + row_height * static_cast<float>(ui.page_rows) + extra + 1.0f);
}

void FollowPageRow(UiContext& ui, float row_height) {
    if (row_height > 0.0f) g_row_height = row_height;
    if (ui.page_row < 0 || row_height <= 0.0f) return;
    ImGui::SetScrollY(static_cast<float>(ui.page_row) * row_height);
    ui.page_row = -1;
}

void TableHeaderCell(const char* text, bool wrap) {
    ImGui::TableNextColumn();
    ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, IM_COL32(236, 236, 236, 255));
    if (wrap) ImGui::PushTextWrapPos(0.0f);  // the cell's right edge
    ImGui::TextUnformatted(text);
    if (wrap) ImGui::PopTextWrapPos();
}

}  // namespace portal
