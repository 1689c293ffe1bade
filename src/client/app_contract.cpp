// Contract data: loading the contract and its lines, the UI font, and the CSV download.
#include <emscripten.h>

#include <cstdio>

#include "app.h"
#include "contract_view.h"
#include "engine/codec.h"
#include "engine/csv.h"
#include "engine/lines_payload_v2.h"
#include "platform/js_bridge.h"

namespace portal {
namespace {

Message BadResponse(const Error& error) {
    Message message;
    message.text.ja = Format(Tr(Lang::Ja, Str::BadResponse), error.message.ja.c_str());
    message.text.en = Format(Tr(Lang::En, Str::BadResponse), error.message.en.c_str());
    return message;
}

}  // namespace

// Every inquiry works from the lines (the table, and the numbers the usage and call-detail prefix
// searches offer), so they travel beside the contract while the customer reads the menu.
void App::LoadCustomerData() {
    LoadContract();
    if (!contract_.lines.loaded && !contract_.lines.loading) LoadLines();
}

void App::LoadContract() {
    contract_.loading = true;
    api_.Send(ApiRequest{ApiCall::Contract, "GET", "/api/v1/contract", "", false});
}

void App::OnContract(const ApiResponse& response) {
    contract_.loading = false;
    if (HandleUnauthorized(response)) return;
    if (!response.ok()) {
        ShowFailure(response);
        return;
    }
    auto decoded = DecodeContractJson(response.body);
    if (!decoded.ok()) {
        failure_ = NetworkFailure{true, BadResponse(decoded.error()), 0};
        return;
    }
    contract_.contract = decoded.take();
    contract_.loaded = true;
    const Contract& c = contract_.contract;
    for (const std::string* text : {&c.contractor_name, &c.summary.service_name, &c.summary.customer_code,
                                    &c.summary.sip_proxy, &c.summary.sip_domain, &c.summary.charge_plan}) {
        fonts_.Note(*text);
    }
    if (contract_.lines.loaded) WidenDateYears(contract_.lines, c.as_of);  // the lines came first
    NoteActivity();
}

void App::LoadLines() {
    contract_.lines.loading = true;
    contract_.lines.rows_received = contract_.lines.rows_expected = 0;
    contract_.lines.payload_bytes = 0;
    contract_.lines.decode_ms = 0.0;
    lines_reader_.reset();
    contract_.lines.requested_at_ms = emscripten_get_now();
    api_.Send(ApiRequest{ApiCall::Lines, "GET", "/api/v1/lines", "", true});
}

// A version 2 payload is decoded piece by piece as it arrives, block by block into the store the
// reader keeps; the table only gets the store once the whole payload has checked out.
void App::OnLinesChunk(const ApiChunk& chunk) {
    if (!contract_.lines.loading) return;
    if (!lines_reader_) lines_reader_ = std::make_unique<LinesV2Reader>();
    const double started = emscripten_get_now();
    lines_reader_->Feed(chunk.bytes);
    LinesViewState& lines = contract_.lines;
    lines.decode_ms += emscripten_get_now() - started;
    lines.payload_bytes += chunk.bytes.size();
    lines.rows_received = lines_reader_->RowsDecoded();
    lines.rows_expected = lines_reader_->RowCount();
}

void App::OnLines(const ApiResponse& response) {
    contract_.lines.loading = false;
    std::unique_ptr<LinesV2Reader> reader = std::move(lines_reader_);
    if (HandleUnauthorized(response)) return;
    if (!response.ok()) {
        ShowFailure(response);
        return;
    }
    const double arrived = emscripten_get_now();
    const double fetch_ms = arrived - contract_.lines.requested_at_ms;
    const double streamed_decode_ms = reader ? contract_.lines.decode_ms : 0.0;
    const size_t streamed_bytes = reader ? contract_.lines.payload_bytes : 0;
    // Streamed: what is left is the reader's final check. Otherwise the whole body is here, in
    // either version (an older server answers with PLN1).
    auto decoded = reader                                     ? reader->Finish()
                   : response.body.compare(0, 4, "PLN2") == 0 ? DecodeLinesV2(response.body)
                                                              : DecodeLinesBinary(response.body);
    const double decoded_at = emscripten_get_now();
    if (!decoded.ok()) {
        failure_ = NetworkFailure{true, BadResponse(decoded.error()), 0};
        return;
    }
    LineStore store = decoded.take();
    // Only the free-text columns can carry characters beyond ASCII (hunt group names and the
    // like); one pass over their arenas finds any the atlas lacks.
    for (LineColumn column :
         {LineColumn::AccountId, LineColumn::CallerIdNumber, LineColumn::HuntGroup, LineColumn::MobileChoice,
          LineColumn::LinePassword, LineColumn::ServicePassword, LineColumn::PhoneNumber}) {
        fonts_.Note(store.TextColumn(column).Arena());
    }
    ResetLines(contract_.lines, std::move(store), contract_.contract.as_of);
    LinesViewState& lines = contract_.lines;
    lines.fetch_ms = fetch_ms;
    lines.decode_ms = streamed_decode_ms + (decoded_at - arrived);
    lines.prepare_ms = emscripten_get_now() - decoded_at;
    lines.payload_bytes = streamed_bytes + response.body.size();
    NoteActivity();
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
    LinesViewState& lines = contract_.lines;
    CsvOptions& csv = lines.csv;
    csv.error.clear();
    const std::vector<uint32_t> rows = CsvRows(lines, contract_.contract, csv.all_lines);
    const std::string name = CsvDownloadName(contract_.contract, emscripten_date_now());
    if (csv.xlsx) {
        SaveWorkbook(csv, WriteLinesXlsx(lines.store, rows, contract_.contract.plan, WorkbookInfo()),
                     name.substr(0, name.size() - 4) + ".xlsx");
        return;
    }
    CsvOutput output = WriteLinesCsv(lines.store, rows, contract_.contract.plan, csv.encoding);
    if (!output.ok()) {
        csv.error = Message{output.ToError().message};
        csv.last_file_name.clear();
        return;
    }
    js::Download(name, output.bytes, std::string(CsvMediaType(csv.encoding)).c_str());
    csv.last_file_name = name;
    status_.text.ja = Format(Tr(Lang::Ja, Str::CsvDone), name.c_str());
    status_.text.en = Format(Tr(Lang::En, Str::CsvDone), name.c_str());
}

}  // namespace portal
