// What both storage backends keep beside each customer's line rows: the lines as one PLN2
// payload, sealed, in the `line_payloads` table, so a cold cache reads one value and unseals it
// once instead of reading and unsealing every row (docs/lines-payload.md).
#pragma once
#include <string>
#include <string_view>

#include "engine/model.h"

namespace portal::server {

// The `format` a line_payloads row holds once unsealed. Rows of another format (an older one)
// are not read: the rows are, and the payload is rewritten in this format.
constexpr const char* kStoredLinesFormat = "PLN2-crc32";

// The payload of `lines` in `no` order, the order the rows are read back in.
std::string EncodeStoredLinesPayload(const LineStore& lines);

// A payload stored before the encoder's small first block (one of up to 65,536 rows, most of a
// 100,000-line payload) is re-encoded once, from its own rows, when it is loaded: the same rows in
// the same order in today's layout, so a streaming client shows its first rows after a few
// kilobytes. Returns that payload, or "" when `packed` needs none (or does not decode: it is then
// left to the checks of whoever reads it).
std::string RechunkedStoredPayload(std::string_view packed);

}  // namespace portal::server
