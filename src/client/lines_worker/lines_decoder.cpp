// The decode worker's WebAssembly: only the engine's PLN2 reader (no ImGui, no app), so a Web
// Worker can decode the lines payload while the page's main thread draws. web/lines_worker_pre.js
// drives it: it feeds the pieces as they arrive and sends the columns of the result back.
#include <emscripten/emscripten.h>

#include <chrono>
#include <memory>

#include "engine/lines_payload_v2.h"
#include "lines_buffers.h"

namespace {

std::unique_ptr<portal::LinesV2Reader> reader;
portal::LineStore result;  // the first rows, then every line: what LinesBuffer reads
portal::Error error;
double decode_ms = 0.0;
size_t rows_decoded = 0, rows_expected = 0;  // kept past Finish, which ends the reader

double NowMs() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

}  // namespace

extern "C" {

// Starts a payload afresh (and drops what the last one left).
EMSCRIPTEN_KEEPALIVE void lines_decoder_start() {
    reader = std::make_unique<portal::LinesV2Reader>();
    result = portal::LineStore();
    error = portal::Error();
    decode_ms = 0.0;
    rows_decoded = rows_expected = 0;
}

// 1 while the bytes so far are good.
EMSCRIPTEN_KEEPALIVE int lines_decoder_feed(const char* bytes, int size) {
    if (!reader) return 0;
    const double started = NowMs();
    const bool ok = reader->Feed(std::string_view(bytes, static_cast<size_t>(size)));
    decode_ms += NowMs() - started;
    rows_decoded = reader->RowsDecoded();
    rows_expected = reader->RowCount();
    if (!ok) error = reader->error();
    return ok ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE double lines_decoder_rows() {
    return static_cast<double>(rows_decoded);
}
EMSCRIPTEN_KEEPALIVE double lines_decoder_expected() {
    return static_cast<double>(rows_expected);
}
EMSCRIPTEN_KEEPALIVE double lines_decoder_ms() {
    return decode_ms;
}

// The first `limit` rows decoded so far become the result.
EMSCRIPTEN_KEEPALIVE void lines_decoder_take_first_rows(int limit) {
    if (reader) result = reader->FirstRows(static_cast<size_t>(limit));
}

// Every line becomes the result; 0 when the payload is incomplete or damaged (see the error).
EMSCRIPTEN_KEEPALIVE int lines_decoder_finish() {
    if (!reader) return 0;
    const double started = NowMs();
    portal::Result<portal::LineStore> decoded = reader->Finish();
    decode_ms += NowMs() - started;
    reader.reset();
    if (!decoded.ok()) {
        error = decoded.error();
        result = portal::LineStore();
        return 0;
    }
    result = decoded.take();
    return 1;
}

EMSCRIPTEN_KEEPALIVE double lines_decoder_result_rows() {
    return static_cast<double>(result.Size());
}
EMSCRIPTEN_KEEPALIVE int lines_decoder_buffer_count() {
    return portal::LinesBufferCount();
}
EMSCRIPTEN_KEEPALIVE const void* lines_decoder_buffer(int index) {
    return portal::LinesBuffer(result, index).data;
}
EMSCRIPTEN_KEEPALIVE double lines_decoder_buffer_bytes(int index) {
    return static_cast<double>(portal::LinesBuffer(result, index).bytes);
}

// The error's parts, for the app to show as its own: 0 code, 1 field, 2 Japanese, 3 English.
EMSCRIPTEN_KEEPALIVE const char* lines_decoder_error(int part) {
    switch (part) {
        case 0:
            return error.code.c_str();
        case 1:
            return error.field.c_str();
        case 2:
            return error.message.ja.c_str();
        default:
            return error.message.en.c_str();
    }
}

// Forgets the result once its columns were copied out.
EMSCRIPTEN_KEEPALIVE void lines_decoder_drop_result() {
    result = portal::LineStore();
}

}  // extern "C"
