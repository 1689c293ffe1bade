// Operator import: customers with their lines, usage and calls from a JSON file, or one
// customer's lines from a CSV file. All or nothing: the first error (line and field) rejects
// the whole file before anything is written. The format is documented in docs/server.md.
#pragma once
#include <array>
#include <optional>
#include <string>

#include "engine/model.h"
#include "engine/result.h"
#include "server/password_hasher.h"
#include "server/storage.h"

namespace portal::server {

struct ImportReport {
    bool ok = false;
    Error error;  // field = "line 12: customers[0].lines[3].start_date" style location
    size_t customers = 0;
    size_t lines = 0;
};

ImportReport ImportFile(Storage& storage, PasswordHasher& hasher, const std::string& path,
                        const std::string& csv_customer);

// One line from its cells as text, indexed by LineColumn; nullopt = column absent. `row_no`
// is used when the No cell is absent. Validates every cell; on failure `error.field` is the
// column key.
bool LineFromCells(const std::array<std::optional<std::string>, kLineColumnCount>& cells, uint32_t row_no,
                   LineRecord& line, Error& error);

// JSON customers file into CustomerData (passwords hashed). On failure `error.field` is the
// JSON path ("customers[0].lines[3].start_date") and `error_line` its 1-based line in `text`.
bool ParseCustomersJson(const std::string& text, PasswordHasher& hasher, std::vector<CustomerData>& customers,
                        Error& error, size_t& error_line);

// 1-based line where the value at `path` ("customers[0].lines[3].phone") starts; 0 if absent.
size_t LineOfJsonPath(const std::string& text, const std::string& path);

}  // namespace portal::server
