// ContractController: requests, answers and the files of ご契約情報照会.
#include "contract_controller.h"

#include "contract_view.h"
#include "engine/codec.h"
#include "engine/csv.h"
#include "engine/xlsx.h"

namespace portal {

void ContractController::LoadCustomerData() {
    LoadContract();
    if (LinesWanted()) LoadLines();
}

void ContractController::LoadContract() {
    state_.loading = true;
    state_.requested_at_ms = clock_.NowMs();
    transport_.Send(ApiRequest{ApiCall::Contract, "GET", "/api/v1/contract", "", false});
}

AnswerOutcome ContractController::OnContract(const ApiResponse& response) {
    state_.loading = false;
    AnswerOutcome outcome = ClassifyAnswer(response);
    if (outcome.kind != AnswerKind::Accepted) return outcome;
    auto decoded = DecodeContractJson(response.body);
    if (!decoded.ok()) return UnusableAnswer(decoded.error());
    state_.contract = decoded.take();
    state_.loaded = true;
    if (state_.lines.loaded) WidenDateYears(state_.lines, state_.contract.as_of);  // the lines came first
    return outcome;
}

void ContractController::LoadLines() {
    LinesViewState& lines = state_.lines;
    lines.loading = true;
    lines.rows_received = lines.rows_expected = 0;
    lines.payload_bytes = 0;
    lines.decode_ms = 0.0;
    lines.adopt_ms = 0.0;
    reader_.reset();
    from_worker_.reset();
    DropFirstRows();
    lines.requested_at_ms = clock_.NowMs();
    transport_.Send(ApiRequest{ApiCall::Lines, "GET", "/api/v1/lines", "", true});
}

void ContractController::OnLinesChunk(const ApiChunk& chunk) {
    LinesViewState& lines = state_.lines;
    if (!lines.loading) return;
    if (chunk.decoded) return OnDecodedLines(chunk);
    if (!reader_) reader_ = std::make_unique<LinesV2Reader>();
    const double started = clock_.NowMs();
    reader_->Feed(chunk.bytes);
    lines.decode_ms += clock_.NowMs() - started;
    lines.payload_bytes += chunk.bytes.size();
    lines.rows_received = reader_->RowsDecoded();
    lines.rows_expected = reader_->RowCount();
    if (reader_->Failed()) {
        DropFirstRows();  // nothing of a damaged payload stays on screen
    } else if (!lines.loaded && !lines.first_rows_only && lines.rows_received > 0 &&
               clock_.NowMs() - lines.requested_at_ms >= kFirstRowsAfterMs) {
        ShowFirstRows(reader_->FirstRows(kFirstRowsShown));
    }
}

void ContractController::OnDecodedLines(const ApiChunk& chunk) {
    LinesViewState& lines = state_.lines;
    const DecodedLines& step = *chunk.decoded;
    lines.decode_ms = step.decode_ms;
    lines.adopt_ms += step.adopt_ms;
    lines.payload_bytes = static_cast<size_t>(chunk.received);
    if (from_worker_ && !from_worker_->ok()) return;  // the first error stands
    if (step.failed) {
        from_worker_ = Result<LineStore>(step.error);
        DropFirstRows();  // nothing of a damaged payload stays on screen
        return;
    }
    lines.rows_received = step.rows_decoded;
    lines.rows_expected = step.rows_expected;
    if (step.complete) {
        from_worker_ = Result<LineStore>(std::move(*step.store));
    } else if (step.store && !lines.loaded && !lines.first_rows_only && step.store->Size() > 0) {
        ShowFirstRows(std::move(*step.store));
    }
}

void ContractController::ShowFirstRows(LineStore first_rows) {
    LinesViewState& lines = state_.lines;
    lines.store = std::move(first_rows);
    lines.rows.resize(lines.store.Size());
    for (uint32_t row = 0; row < lines.rows.size(); ++row) lines.rows[row] = row;
    lines.first_rows_only = true;
}

void ContractController::DropFirstRows() {
    LinesViewState& lines = state_.lines;
    if (!lines.first_rows_only) return;
    lines.store = LineStore{};
    lines.rows.clear();
    lines.first_rows_only = false;
}

AnswerOutcome ContractController::OnLines(const ApiResponse& response) {
    LinesViewState& lines = state_.lines;
    lines.loading = false;
    std::unique_ptr<LinesV2Reader> reader = std::move(reader_);
    std::optional<Result<LineStore>> from_worker = std::move(from_worker_);
    from_worker_.reset();
    DropFirstRows();  // the whole table replaces them, or an error does
    AnswerOutcome outcome = ClassifyAnswer(response);
    if (outcome.kind != AnswerKind::Accepted) return outcome;
    const double arrived = clock_.NowMs();
    const double fetch_ms = arrived - lines.requested_at_ms;
    const bool streamed = reader || from_worker;
    const double streamed_decode_ms = streamed ? lines.decode_ms : 0.0;
    const size_t streamed_bytes = streamed ? lines.payload_bytes : 0;
    // Decoded by the worker as it arrived; or streamed, with the reader's final check left; or the
    // whole body here, in either version (an older server answers with PLN1).
    auto decoded = from_worker                                ? std::move(*from_worker)
                   : reader                                   ? reader->Finish()
                   : response.body.compare(0, 4, "PLN2") == 0 ? DecodeLinesV2(response.body)
                                                              : DecodeLinesBinary(response.body);
    const double decoded_at = clock_.NowMs();
    if (!decoded.ok()) return UnusableAnswer(decoded.error());
    ResetLines(lines, decoded.take(), state_.contract.as_of);
    lines.fetch_ms = fetch_ms;
    lines.decode_ms = streamed_decode_ms + (decoded_at - arrived);
    lines.prepare_ms = clock_.NowMs() - decoded_at;
    lines.payload_bytes = streamed_bytes + response.body.size();
    return outcome;
}

bool ContractController::ApplyQuery() {
    return ApplyLineQuery(state_.lines, state_.contract, clock_);
}

FileDownload ContractController::Download() {
    LinesViewState& lines = state_.lines;
    CsvOptions& csv = lines.csv;
    const Contract& contract = state_.contract;
    csv.error.clear();
    FileDownload file;
    if (!lines.loaded) return file;  // the first rows shown while the rest arrive are not a file
    const std::vector<uint32_t> rows = CsvRows(lines, contract, csv.all_lines);
    std::string name = CsvDownloadName(contract, clock_.EpochMs());
    if (csv.xlsx) {
        XlsxOutput output = WriteLinesXlsx(lines.store, rows, contract.plan,
                                           {contract.summary.customer_code, contract.as_of});
        if (!output.ok()) {
            csv.error = Message{output.error.message};  // past Excel's row limit it offers CSV
            csv.last_file_name.clear();
            return file;
        }
        file = {name.substr(0, name.size() - 4) + ".xlsx", std::move(output.bytes), kXlsxMediaType};
    } else {
        CsvOutput output = WriteLinesCsv(lines.store, rows, contract.plan, csv.encoding);
        if (!output.ok()) {
            csv.error = Message{output.ToError().message};
            csv.last_file_name.clear();
            return file;
        }
        file = {std::move(name), std::move(output.bytes), std::string(CsvMediaType(csv.encoding))};
    }
    csv.last_file_name = file.name;
    return file;
}

void ContractController::Forget() {
    state_ = ContractState{};
    reader_.reset();
    from_worker_.reset();
}

}  // namespace portal
