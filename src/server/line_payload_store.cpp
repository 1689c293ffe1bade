// The stored lines payload: PLN2 in `no` order.
#include "server/line_payload_store.h"

#include <algorithm>
#include <numeric>
#include <vector>

#include "engine/lines_payload_v2.h"

namespace portal::server {

std::string EncodeStoredLinesPayload(const LineStore& lines) {
    std::vector<uint32_t> by_no;
    for (size_t row = 1; row < lines.Size() && by_no.empty(); ++row) {
        if (lines.No(row - 1) <= lines.No(row)) continue;
        by_no.resize(lines.Size());
        std::iota(by_no.begin(), by_no.end(), 0u);
        std::stable_sort(by_no.begin(), by_no.end(),
                         [&lines](uint32_t a, uint32_t b) { return lines.No(a) < lines.No(b); });
    }
    return EncodeLinesV2(lines, by_no.empty() ? nullptr : &by_no);
}

std::string RechunkedStoredPayload(std::string_view packed) {
    if (LinesV2FirstBlockRows(packed) <= kLinesV2FirstBlockRows) return "";
    Result<LineStore> lines = DecodeLinesV2(packed);
    if (!lines.ok()) return "";
    return EncodeStoredLinesPayload(lines.value());
}

}  // namespace portal::server
