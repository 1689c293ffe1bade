// Internal: one typed worksheet written row by row through libxlsxwriter, returned as bytes.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/date.h"
#include "engine/xlsx.h"

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

namespace portal {

enum class XlsxKind : uint8_t {
    Text,      // '@' format: a value typed over it stays text too
    Integer,   // plain number (row numbers, channel counts)
    Count,     // #,##0
    Yen,       // #,##0
    Date,      // yyyy/mm/dd
    DateTime,  // yyyy/mm/dd hh:mm:ss
    Duration,  // [h]:mm:ss
};

struct XlsxColumn {
    const char* header;
    XlsxKind kind;
};

class XlsxSheet {
  public:
    // `title` names the sheet and the document; nothing is written until the first row.
    XlsxSheet(std::string title, std::vector<XlsxColumn> columns, const XlsxDocumentInfo& info);
    ~XlsxSheet();
    XlsxSheet(const XlsxSheet&) = delete;
    XlsxSheet& operator=(const XlsxSheet&) = delete;

    void BeginRow() {
        ++row_;
        column_ = 0;
    }
    void Text(std::string_view text);  // empty: no cell, as the CSV's empty field
    void Number(double value);
    void Date(DateKey date);  // kNoDate: no cell
    void DateTime(EpochSeconds time);
    void Duration(uint32_t seconds);
    void Blank() { ++column_; }

    XlsxOutput Finish();

  private:
    void Widen(size_t width) {
        if (width > widths_[column_]) widths_[column_] = width;
    }
    void Fail(int lxw_error);

    std::vector<XlsxColumn> columns_;
    std::vector<size_t> widths_;  // in Excel's character units
    std::vector<lxw_format*> formats_;
    std::string path_;  // the memory stream the library writes the package to
    std::string title_, subject_, keywords_;
    std::string cell_;  // NUL-terminated copy of a string_view cell
    lxw_workbook* workbook_ = nullptr;
    lxw_worksheet* sheet_ = nullptr;
    uint32_t row_ = 0;  // 0 is the header
    uint16_t column_ = 0;
    int error_ = 0;
};

}  // namespace portal
