// Internal: the one Error every payload decoder returns (code "bad_payload", field = JSON path).
#pragma once
#include <cstddef>
#include <string>

#include "engine/result.h"

namespace portal {

// `detail` is the English reason ("expected a string"); the Japanese message names the path.
Error PayloadError(const std::string& path, const std::string& detail);

// "columns.phone" + 41 -> "columns.phone[41]"
std::string IndexPath(const std::string& parent, size_t index);

}  // namespace portal
