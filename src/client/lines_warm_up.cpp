#include "lines_warm_up.h"

#include <algorithm>

#include "engine/lines_payload_v2.h"

namespace portal {

size_t DecodeForWarmUp(std::string_view payload, size_t piece_bytes) {
    piece_bytes = std::max<size_t>(1, piece_bytes);
    LinesV2Reader reader;
    for (size_t at = 0; at < payload.size(); at += piece_bytes)
        if (!reader.Feed(payload.substr(at, piece_bytes))) return 0;
    // FirstRows is what a streamed load shows under its progress bar: warmed as well.
    if (reader.FirstRows(1).Size() == 0) return 0;
    Result<LineStore> lines = reader.Finish();
    return lines.ok() ? lines.value().Size() : 0;
}

size_t LinesMemoryToPrepare(size_t heap_size, size_t heap_break) {
    constexpr size_t kMiB = size_t{1} << 20;
    if (heap_break >= heap_size) return 0;
    return std::min(kLinesMemoryBytes, heap_size - heap_break) / kMiB * kMiB;
}

}  // namespace portal
