// Contract data: routing the contract and lines answers (ContractController reads them), the UI
// font, and saving the CSV / Excel file and the copied value the contract screen asked for.
#include <emscripten.h>
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "app.h"
#include "platform/js_bridge.h"

namespace portal {

namespace {
// The bar of lines received moves at most 4 times a second while the payload streams in, and
// less often when frames are slow: each frame (tens to hundreds of milliseconds on software GL)
// is taken from decoding.
constexpr double kProgressFrameMs = 250.0;
constexpr double kProgressFramesCost = 4.0;  // the wait, in the last frame's times, at the least
}  // namespace

void App::OnContract(const ApiResponse& response) {
    if (!RouteAnswer(response, contract_ctl_.OnContract(response))) return;
    const Contract& c = contract_ctl_.contract();
    for (const std::string* text : {&c.contractor_name, &c.summary.service_name, &c.summary.customer_code,
                                    &c.summary.sip_proxy, &c.summary.sip_domain, &c.summary.charge_plan}) {
        fonts_.Note(*text);
    }
    NoteActivity();
}

// Between frames, as each piece of the lines payload arrives: decoding it at once overlaps the
// transfer, where waiting for the next frame (tens to hundreds of milliseconds of drawing on
// software GL) put a frame between every two pieces.
void App::DecodeArrivedChunks() {
    for (ApiChunk& chunk : api_.PollChunks())
        if (chunk.call == ApiCall::Lines) OnLinesChunk(chunk);
}

void App::OnLinesChunk(const ApiChunk& chunk) {
    const LinesViewState& lines = contract_ctl_.lines();
    const bool shown_before = lines.first_rows_only;
    contract_ctl_.OnLinesChunk(chunk);
    const bool first_rows = !shown_before && lines.first_rows_only;
    if (first_rows) NoteLinesFonts();
    // Only the contract screen shows the pieces: its first rows (or their removal) at once, the
    // bar of lines received at most every kProgressFrameMs. Elsewhere the answer's frame follows.
    if (screen_ != Screen::Contract) return;
    if (first_rows || shown_before != lines.first_rows_only) {
        relayout_ = true;  // one shown frame, its table laid out first
        platform_.RequestFrames(1);
    } else {
        platform_.WakeAt(emscripten_get_now() +
                         std::max(kProgressFrameMs, kProgressFramesCost * last_frame_cpu_ms_));
    }
}

void App::OnLines(const ApiResponse& response) {
    if (!RouteAnswer(response, contract_ctl_.OnLines(response))) return;
    NoteLinesFonts();
    NoteActivity();
}

void App::NoteLinesFonts() {
    // Only the free-text columns can carry characters beyond ASCII (hunt group names and the
    // like); one pass over their arenas finds any the atlas lacks.
    const LineStore& store = contract_ctl_.lines().store;
    for (LineColumn column :
         {LineColumn::AccountId, LineColumn::CallerIdNumber, LineColumn::HuntGroup, LineColumn::MobileChoice,
          LineColumn::LinePassword, LineColumn::ServicePassword, LineColumn::PhoneNumber}) {
        fonts_.Note(store.TextColumn(column).Arena());
    }
}

void App::OnFont(const ApiResponse& response) {
    const bool full = response.call == ApiCall::FullFont;
    if (response.ok() && !response.body.empty()) {
        fonts_.SetFontData(response.body, full);
        return;
    }
    if (full) {
        // The UI font keeps working; only characters beyond it wait for the next attempt.
        std::printf("font: the full font did not arrive (HTTP %d %s)\n", response.status,
                    response.network_error.c_str());
        return;
    }
    js::Fatal(
        "画面用のフォントを読み込めませんでした。通信環境をご確認のうえ、ページを再読み込みしてください。",
        "The display font could not be loaded. Please check your connection and reload the page.");
}

void App::DownloadCsv() {
    SaveFile(contract_ctl_.Download());
}

void App::CopyToClipboard(const std::string& text) {
    ImGui::SetClipboardText(text.c_str());  // the platform's clipboard hook writes the page's
    contract_ctl_.NoteCopied();
}

void App::OnSavedSearch(const ApiResponse& response) {
    LinesViewState& lines = contract_ctl_.lines();
    const bool restoring = lines.search_restoring;
    if (saved_search_.OnAnswer(response, lines) || restoring != lines.search_restoring)
        platform_.RequestFrames(2);
    if (logout_after_save_ && !saved_search_.Saving()) {
        logout_after_save_ = false;
        session_ctl_.Logout();
    }
}

// Between frames: changed conditions go to the server once they have settled.
void App::KeepSearchConditions() {
    if (!session_ctl_.session().active || logout_after_save_) return;
    LinesViewState& lines = contract_ctl_.lines();
    const bool restoring = lines.search_restoring;
    const double wake_at = saved_search_.Tick(lines);
    if (restoring != lines.search_restoring) platform_.RequestFrames(2);  // gave up: the panel takes input
    if (wake_at > 0.0) platform_.WakeAt(wake_at);
}

}  // namespace portal
