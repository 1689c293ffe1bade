// Small UI helpers shared by the screens: the per-frame UI context, em-based sizes, headings,
// message texts and buttons that record their rectangle for window.portalTest.
#pragma once
#include <imgui.h>

#include <string>

#include "app_state.h"
#include "i18n.h"
#include "ui/screen_description.h"
#include "ui/test_marks.h"

namespace portal {

// What every Draw...() receives besides its own state: language, clock and the test marks.
struct UiContext {
    Lang lang = Lang::Ja;
    double now_ms = 0.0;
    TestMarks* marks = nullptr;
    double wake_at_ms = 0.0;  // earliest time a screen needs another frame (countdowns, timers)
    // The HTML page (no WebGL2) asked the screen's scrolling table to show this data row first;
    // -1 when it did not. The table that follows it sets it back to -1 (FollowPageRow).
    int page_row = -1;
    // On the HTML page: how many data rows a scrolling table shows (DomPageRows, from the window's
    // height alone, never from where the table lies in the undrawn layout); 0 on the canvas.
    int page_rows = 0;

    const char* T(Str id) const { return Tr(lang, id); }
    const std::string& T(const Message& message) const { return Tr(lang, message.text); }
    std::string L(Str id, const char* stable_id) const { return Label(lang, id, stable_id); }
    void WakeAt(double time_ms) {
        if (wake_at_ms == 0.0 || time_ms < wake_at_ms) wake_at_ms = time_ms;
    }
    // Redraw when the displayed whole second of a countdown to `deadline_ms` changes.
    void WakeForCountdown(double deadline_ms);
    void Mark(std::string_view id) const { marks->Mark(id); }
    void MarkTextInput(std::string_view id) const { marks->MarkTextInput(id); }
};

// Sizes in multiples of the font size: right at every devicePixelRatio and zoom (ImGui works in backbuffer
// pixels).
inline float Em(float n) {
    return ImGui::GetFontSize() * n;
}
inline ImVec2 Em(float x, float y) {
    return ImVec2(Em(x), Em(y));
}

namespace colors {
constexpr ImU32 kAccent = IM_COL32(191, 0, 0, 255);  // headings and the brand bar
constexpr ImVec4 kError = ImVec4(0.75f, 0.05f, 0.05f, 1.0f);
constexpr ImVec4 kNotice = ImVec4(0.25f, 0.25f, 0.25f, 1.0f);
constexpr ImVec4 kSuccess = ImVec4(0.05f, 0.45f, 0.15f, 1.0f);
constexpr ImVec4 kMuted = ImVec4(0.42f, 0.42f, 0.42f, 1.0f);
}  // namespace colors

// A centred column of at most `max_width_em`, text wrapping inside it.
class CenteredColumn {
  public:
    explicit CenteredColumn(float max_width_em);
    ~CenteredColumn();

  private:
    float indent_ = 0.0f;
    float width_ = 0.0f;
};

void Heading(const char* text);     // the manual's red-barred section heading
void SubHeading(const char* text);  // bold-ish smaller heading
// Wrapped text that keeps Japanese closing punctuation (。、」) off the start of a line, which
// ImGui's own wrapping (made for spaces) does not know about.
void Paragraph(const char* text);
void WrappedText(const std::string& text, const ImVec4& color);
void ErrorText(const std::string& text);
void NoticeText(const std::string& text);
void SuccessText(const std::string& text);
// The widgets below draw on the canvas and describe themselves under `mark` in the screen's
// description; activating their DOM mirror (a click, Enter or a screen reader's action) presses
// them as a click on the canvas would, and focusing it moves ImGui's keyboard focus there.
bool MarkedButton(const UiContext& ui, const std::string& label, std::string_view mark,
                  ImVec2 size = ImVec2(0, 0));
bool PrimaryButton(const UiContext& ui, const std::string& label, std::string_view mark,
                   ImVec2 size = ImVec2(0, 0));
bool DescribedSmallButton(const UiContext& ui, const std::string& label, std::string_view mark);
bool DescribedCheckbox(const UiContext& ui, const std::string& label, std::string_view mark, bool* value);
// A radio button of a group; returns true when chosen (canvas or mirror).
bool DescribedRadio(const UiContext& ui, const std::string& label, std::string_view mark, bool active);
// Before drawing the widget `mark`: a focus request from the mirror moves ImGui's focus to it.
void FollowMirrorFocus(std::string_view mark);
// Scrolls the last item to the middle of the window that scrolls the page (the nearest one
// around it that can scroll) when it is not wholly in view: a real <input> over it took the focus.
void RevealLastItem();
// True when the mirror asked to press `mark` (and the widget is enabled).
bool MirrorActivated(std::string_view mark);
// Describes the ImGui item just drawn (its id lets keyboard focus follow between canvas and DOM).
DescribedNode* DescribeLastItem(Role role, std::string_view key, std::string_view name, uint32_t flags = 0);
// A text field drawn by ImGui and mirrored as a labelled <input>: text typed into the mirror's
// input replaces the buffer (returns true then, as for an edit on the canvas). `detail` is the
// field's error (flags has node_flags::kInvalid) or hint.
bool DescribedInputText(const UiContext& ui, const char* label, std::string_view mark, char* buffer,
                        size_t size, ImGuiInputTextFlags flags = 0, ImGuiInputTextCallback callback = nullptr,
                        const std::string& detail = {}, uint32_t node_flags = 0);
// A countdown as the mirror says it: whole minutes, the last minute in steps of ten seconds, so
// the DOM changes a few times a minute at most instead of every second.
std::string MirrorCountdown(double seconds);
// Unwrapped text drawn and described.
void DescribedText(const std::string& text, uint32_t flags = 0);
// ImGui::PushTextWrapPos(0.0f) (wrap at the window's right edge) with a pixel to spare: a wrapped
// line of full-width characters measures a hair over the width it fills, and its window would
// scroll sideways by a pixel. Pop it with ImGui::PopTextWrapPos().
void PushTextWrapInside();
// A muted hint or note, wrapped inside the window, drawn only: the mirror reads it elsewhere (the
// field it explains carries it, or the screen describes it itself).
void MutedWrappedText(const char* text);
// Width left on the current line to the right of the last item (for "SameLine if it fits").
float RemainingOnLine();
// Keeps the next item (`width` wide) on the current line when it fits; in a narrow window (320 CSS
// px, zoom 200%) it starts a line of its own instead of running off the right edge.
void SameLineIfRoom(float width, float spacing = -1.0f);
// A button's width for its label (SameLineIfRoom of a row of buttons).
float ButtonWidth(const char* label);
// A sortable table's header cell `column` (current sort: 0 none, 1 ascending, 2 descending),
// drawn and described as a column header with aria-sort; activating its mirror sorts by it, first
// ascending, then the other way, as clicks on the header do.
void DescribedColumnHeader(const UiContext& ui, int column, const std::string& mark, int sort);
// Inside a scrolling table after TableNextRow: whether the row is in view below the frozen header
// (ImGui's clipper also lays out row 0 to measure it; the mirror holds only what is in view). On
// the HTML page (ui.page_rows > 0) only whole rows count, so a page is exactly ui.page_rows rows.
bool TableRowInView(const UiContext& ui, float header_height);
// The height of a scrolling table: on the canvas `canvas_height` (the room its screen gives it);
// on the HTML page `header_height` + ui.page_rows rows (as tall as ImGui last laid a row out) +
// `extra` (a horizontal scrollbar), at most `needed`.
float ScrollingTableHeight(const UiContext& ui, float canvas_height, float needed, float header_height,
                           float extra = 0.0f);
// In a table whose header row is frozen and whose rows are `row_height` high: scrolls so that
// data row ui.page_row is the first under the header (ImGui keeps the last page full) and marks
// the request taken. Called inside the table, after its rows.
void FollowPageRow(UiContext& ui, float row_height);
// A header cell of the summary table (shaded); `wrap`: the text wraps at the cell's right edge
// (a label column narrower than its longest label).
void TableHeaderCell(const char* text, bool wrap = false);

}  // namespace portal
