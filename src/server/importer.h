// Operator import: customers with their lines, usage and calls from a JSON file, or one
// customer's lines from a CSV file. All or nothing: the first error (line and field) rejects
// the whole file before anything is written. The format is documented in docs/server.md.
#pragma once
#include <array>
#include <istream>
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

// The JSON customers file at `path`, read twice as a stream so that memory does not grow with
// it: first every value is checked (nothing written; the first error is reported with its line
// and JSON path), then the customers are written through one Storage::WriteCustomers
// transaction, their calls and usage in batches. Only one customer's lines are held at a time.
ImportReport ImportCustomersJson(Storage& storage, PasswordHasher& hasher, const std::string& path);

// The month a call starting at `start` falls in, as its first day (Japan time).
DateKey CallMonth(Seconds start);

// A rejected import: `location` ("line 12, customers[0].phone") leads both messages.
ImportReport RejectedImport(const std::string& location, const Error& error);

// 1-based line where the value at `path` ("customers[0].lines[3].phone") starts in the JSON text
// read from `in`; 0 if absent.
size_t LineOfJsonPath(std::istream& in, const std::string& path);

}  // namespace portal::server
