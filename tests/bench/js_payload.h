// The lines as a plain REST API would send them to a JavaScript client: one JSON array of
// objects (the format the engine's columnar payload replaces). Only the JS baseline uses it.
#pragma once
#include <string>

#include "engine/model.h"

namespace bench {

// [{"no":1,"phone":"05058051234",...,"start_date":"2022-08-17","end_date":null,"channels":2,...}]
std::string BuildArrayOfObjectsJson(const portal::LineStore& store);

// The manual's column headers in order, tab-separated (the JS CSV header).
std::string LineHeadersTabSeparated();

}  // namespace bench
