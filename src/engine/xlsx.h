// Excel workbooks (.xlsx) of the three tables, beside their CSVs: the same rows in the same order,
// with phone numbers, IDs and passwords as text cells, dates as dates and amounts as numbers.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/model.h"
#include "engine/result.h"

namespace portal {

// Excel's sheet holds 1,048,576 rows; one is the header.
constexpr size_t kXlsxMaxDataRows = 1048575;

// What the document properties carry: whose data and as of which day.
struct XlsxDocumentInfo {
    std::string customer_code;
    DateKey as_of = kNoDate;
};

struct XlsxOutput {
    std::string bytes;  // empty when !ok()
    Error error;        // code "xlsx_too_many_rows" or "xlsx_write_failed"
    bool ok() const { return error.code.empty(); }
};

// Sheet 回線一覧: the manual's columns for the plan, as the lines CSV.
XlsxOutput WriteLinesXlsx(const LineStore& store, const std::vector<uint32_t>& rows, PlanKind plan,
                          const XlsxDocumentInfo& info);
// Sheet "ご利用状況 2026-10".
XlsxOutput WriteUsageXlsx(const UsageReport& report, const std::vector<uint32_t>& rows,
                          const XlsxDocumentInfo& info);
// Sheet "明細 05058202003".
XlsxOutput WriteCallDetailsXlsx(const CallDetailReport& report, const std::vector<uint32_t>& rows,
                                const XlsxDocumentInfo& info);

// "<customer code>_<stamp>_<what>.xlsx", the CSV's name with the workbook's extension.
std::string XlsxFileName(std::string_view customer_code, std::string_view what, std::string_view stamp);

constexpr const char* kXlsxMediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

}  // namespace portal
