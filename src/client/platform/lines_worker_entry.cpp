// Entry points for web/portal_fetch_lib.js's decode worker path: the columns the worker sent are
// copied by JavaScript straight into a LinesBufferSink's memory, then handed to the app as one step
// of the lines answer (a FetchChunk whose `decoded` is set).
#include <emscripten/emscripten.h>

#include <memory>

#include "engine/payload_error.h"
#include "lines_buffers.h"
#include "platform/web_platform.h"

namespace {
// As web/portal_fetch_lib.js numbers the worker's messages (PortalJs.decodedKinds).
enum DecodedKind { kProgress = 0, kFirstRows = 1, kDone = 2, kFailed = 3 };
}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void* portal_lines_sink_new(double rows) {
    return new portal::LinesBufferSink(static_cast<size_t>(rows));
}

// Where JavaScript copies buffer `index` of `bytes`; 0 when it does not fit (the step then fails).
EMSCRIPTEN_KEEPALIVE void* portal_lines_sink_buffer(void* sink, int index, double bytes) {
    return static_cast<portal::LinesBufferSink*>(sink)->Buffer(index, static_cast<size_t>(bytes));
}

// Takes `sink` (0 for a step without rows) and the worker's error (kind kFailed).
EMSCRIPTEN_KEEPALIVE void portal_on_lines_decoded(void* context, int id, int kind, double rows,
                                                  double expected, double decode_ms, double adopt_ms,
                                                  double received, double total, void* sink, const char* code,
                                                  const char* field, const char* ja, const char* en) {
    std::unique_ptr<portal::LinesBufferSink> columns(static_cast<portal::LinesBufferSink*>(sink));
    auto decoded = std::make_shared<portal::DecodedLines>();
    decoded->rows_decoded = static_cast<size_t>(rows);
    decoded->rows_expected = static_cast<size_t>(expected);
    decoded->decode_ms = decode_ms;
    decoded->adopt_ms = adopt_ms;
    if (kind == kFailed) {
        decoded->failed = true;
        decoded->error = portal::Error{code, field, portal::Text{ja, en}};
    } else if (columns) {
        portal::Result<portal::LineStore> store = columns->Take();
        if (store.ok()) {
            decoded->store = std::make_shared<portal::LineStore>(store.take());
            decoded->complete = kind == kDone;
        } else {
            decoded->failed = true;
            decoded->error = store.error();
        }
    } else if (kind == kDone) {
        decoded->failed = true;  // every line announced, none sent
        decoded->error = portal::PayloadError("", "the decoded lines never came");
    }
    portal::FetchChunk chunk;
    chunk.id = id;
    chunk.received = received;
    chunk.total = total;
    chunk.decoded = std::move(decoded);
    static_cast<portal::WebPlatform*>(context)->OnFetchChunk(std::move(chunk));
}

}  // extern "C"
