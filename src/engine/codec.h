// Wire formats of every API payload: JSON (engine/json_reader.h, json_writer.h) and a versioned binary
// columnar form for lines (documented in docs/lines-payload.md). Decoders never crash and never guess: a bad
// or missing field is an Error whose `field` is the JSON path.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "engine/filter.h"
#include "engine/model.h"
#include "engine/result.h"

namespace portal {

// {"error":{"code":..,"message":..,"message_en":..,"field":..}}
std::string EncodeErrorJson(const Error& error);
Result<Error> DecodeErrorJson(std::string_view json);

std::string EncodeContractJson(const Contract& contract);
Result<Contract> DecodeContractJson(std::string_view json);

// Lines, columnar JSON: {"version":1,"count":N,"columns":{"no":[..],"phone":[..],...}}.
// `rows` selects and orders the rows written; nullptr writes all rows in stored order.
// Only written (for Accept: application/json): the client reads the binary forms below.
std::string EncodeLinesJson(const LineStore& store, const std::vector<uint32_t>* rows);

constexpr std::string_view kJsonMediaType = "application/json; charset=utf-8";

// Lines, binary columnar ("PLN1"): little-endian, see docs/lines-payload.md.
constexpr std::string_view kLinesBinaryMediaType = "application/vnd.portal050.lines";
std::string EncodeLinesBinary(const LineStore& store, const std::vector<uint32_t>* rows);
Result<LineStore> DecodeLinesBinary(std::string_view bytes);

std::string EncodeUsageJson(const UsageReport& report);
Result<UsageReport> DecodeUsageJson(std::string_view json);
std::string EncodeCallDetailsJson(const CallDetailReport& report);
Result<CallDetailReport> DecodeCallDetailsJson(std::string_view json);

// Validation errors as the API returns them (400): the first error, plus all of them in "errors".
std::string EncodeValidationErrorsJson(const std::vector<Error>& errors);

}  // namespace portal
