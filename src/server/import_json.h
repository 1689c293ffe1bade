// Checks of the pieces of a JSON customers file (docs/server.md), one piece at a time, so that a
// file of any size is checked while it streams by (import_stream.cpp). Each check returns false
// with `error` set: error.field is the JSON path ("customers[0].lines[3].start_date").
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "server/importer.h"

namespace portal::server {

class CustomerReader {
  public:
    explicit CustomerReader(Error& error) : error_(error) {}
    // The customer's own members (all but lines, usage and calls); `password` gets the password
    // in clear when the file has one rather than a hash.
    bool Fields(const nlohmann::json& fields, const std::string& path, Customer& customer,
                std::string& password);
    // Item `index` (0-based) of "lines": a line without "no" is numbered index + 1.
    bool Line(const nlohmann::json& item, const std::string& where, size_t index, LineRecord& line);
    bool Usage(const nlohmann::json& item, const std::string& where, std::string& month, UsageRow& row);
    bool Call(const nlohmann::json& item, const std::string& where, CallDetail& call);
    bool Fail(const std::string& path, const std::string& ja, const std::string& en);

  private:
    bool Str(const nlohmann::json& object, const std::string& path, const char* name, bool required,
             size_t max, std::string& out);
    bool Uint(const nlohmann::json& item, const std::string& where, const char* name, int64_t max,
              int64_t& out);

    Error& error_;
};

}  // namespace portal::server
