// The lines payload of a large contract takes seconds to arrive: a bar of lines received out of
// all of them (the count is the payload's first bytes) shows the page is working, not frozen.
#include "engine/format.h"
#include "screens/screens.h"

namespace portal {

void DrawLinesProgress(const LinesViewState& state, UiContext& ui) {
    if (state.rows_expected == 0) {  // nothing has said how many yet
        NoticeText(ui.T(Str::LinesLoading));
        ui.Mark("lines.loading");
        return;
    }
    const std::string received = FormatCount(static_cast<int64_t>(state.rows_received));
    const std::string expected = FormatCount(static_cast<int64_t>(state.rows_expected));
    const std::string label = Format(ui.T(Str::LinesReceiving), received.c_str(), expected.c_str());
    ImGui::TextUnformatted(label.c_str());
    const float fraction = static_cast<float>(static_cast<double>(state.rows_received) /
                                              static_cast<double>(state.rows_expected));
    ImGui::ProgressBar(fraction, ImVec2(Em(24.0f), 0.0f), "");
    ui.Mark("lines.progress");
}

}  // namespace portal
