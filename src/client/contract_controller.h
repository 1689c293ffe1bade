// ご契約情報照会's logic as a plain class: the contract and lines requests and their answers (the
// lines streamed in piece by piece), the 検索条件 applied with the engine, the CSV / Excel file,
// and the copy and reveal times. Clock and transport are injected, so it runs in native doctests.
#pragma once
#include <memory>
#include <optional>
#include <string>

#include "app_state.h"
#include "client_ports.h"
#include "engine/lines_payload_v2.h"

namespace portal {

class ContractController {
  public:
    ContractController(const Clock& clock, Transport& transport) : clock_(clock), transport_(transport) {}

    ContractState& state() { return state_; }
    const ContractState& state() const { return state_; }
    const Contract& contract() const { return state_.contract; }
    LinesViewState& lines() { return state_.lines; }
    const LinesViewState& lines() const { return state_.lines; }

    // The contract, and the lines unless they are here or on their way.
    void LoadCustomerData();
    void LoadContract();
    void LoadLines();
    bool LinesWanted() const { return !state_.lines.loaded && !state_.lines.loading; }
    AnswerOutcome OnContract(const ApiResponse& response);
    // A version 2 payload is decoded as it arrives: its first screenful of rows shows as soon as
    // the first block is decoded; the table gets the whole store once all checks out.
    void OnLinesChunk(const ApiChunk& chunk);
    AnswerOutcome OnLines(const ApiResponse& response);

    // Validates what is typed; when valid and changed, filters and sorts (timed). True when the
    // rows shown changed.
    bool ApplyQuery();
    // The file of the CSV toolbar's choices (scope, encoding or Excel), named after the customer
    // and the wall-clock time. Empty, with csv.error set, when it cannot be written.
    FileDownload Download();
    void NoteCopied() { state_.lines.copied_at_ms = clock_.NowMs(); }
    // Kiosk: the next customer at the same screen sees no password.
    void MaskAll() { state_.lines.revealed_until_ms.clear(); }
    // Logout: nothing of the customer stays in memory.
    void Forget();

    // Rows shown while the rest of the lines arrive: a screenful at any size, and room to scroll.
    static constexpr size_t kFirstRowsShown = 200;
    // ... once the load has lasted this long. A load decoded as it arrives that ends sooner shows
    // none: the frame that would show them (up to a tenth of a second without a GPU) would only
    // put the whole table off. The decode worker's first rows come once and show as they come.
    static constexpr double kFirstRowsAfterMs = 300.0;

  private:
    // The first screenful of a payload still arriving, shown until the whole table replaces it.
    void ShowFirstRows(LineStore first_rows);
    void DropFirstRows();
    // A step of the decode worker: counts, the first rows, every line, or the payload's error.
    void OnDecodedLines(const ApiChunk& chunk);

    const Clock& clock_;
    Transport& transport_;
    ContractState state_;
    std::unique_ptr<LinesV2Reader> reader_;  // the lines payload while it streams in
    // What the decode worker made of the payload, until the answer ends: every line, or why not.
    std::optional<Result<LineStore>> from_worker_;
};

}  // namespace portal
