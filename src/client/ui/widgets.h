// Small UI helpers shared by the screens: the per-frame UI context, em-based sizes, headings,
// message texts and buttons that record their rectangle for window.portalTest.
#pragma once
#include <imgui.h>

#include <string>

#include "app_state.h"
#include "i18n.h"
#include "ui/test_marks.h"

namespace portal {

// What every Draw...() receives besides its own state: language, clock and the test marks.
struct UiContext {
    Lang lang = Lang::Ja;
    double now_ms = 0.0;
    TestMarks* marks = nullptr;
    double wake_at_ms = 0.0;  // earliest time a screen needs another frame (countdowns, timers)

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
bool MarkedButton(const UiContext& ui, const std::string& label, std::string_view mark,
                  ImVec2 size = ImVec2(0, 0));
bool PrimaryButton(const UiContext& ui, const std::string& label, std::string_view mark,
                   ImVec2 size = ImVec2(0, 0));
// Width left on the current line to the right of the last item (for "SameLine if it fits").
float RemainingOnLine();
// Table header cell text centred, for the summary table.
void TableHeaderCell(const char* text);

}  // namespace portal
