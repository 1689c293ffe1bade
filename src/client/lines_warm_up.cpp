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

size_t LinesMemoryToPrepare(double device_memory_gib) {
    constexpr size_t kMiB = size_t{1} << 20;
    if (!(device_memory_gib > 0.0)) return kLinesMemoryDefaultBytes;  // also NaN
    const double per_gib_mib = static_cast<double>(kLinesMemoryPerDeviceGiB / kMiB);
    const double max_mib = static_cast<double>(kLinesMemoryMaxBytes / kMiB);
    return static_cast<size_t>(std::min(max_mib, device_memory_gib * per_gib_mib)) * kMiB;
}

}  // namespace portal
