// One typed worksheet through libxlsxwriter in constant-memory mode (rows stream out as they are
// written, so a million lines fit in a browser tab), then taken as the workbook's bytes from the
// memory stream the library wrote the package to.
#include "engine/xlsx_sheet.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <ctime>
#include <utility>

#include "engine/format.h"
#include "engine/xlsx_memory_file.h"

namespace portal {
namespace {

// Excel counts days from 1899-12-30 (its 1900 leap-year bug is on dates before March 1900).
constexpr double kExcelDaysBefore1970 = 25569.0;
constexpr double kSecondsPerDay = 86400.0;
constexpr int64_t kJstOffsetSeconds = 9 * 3600;
constexpr size_t kMaxColumnWidth = 60;

// Display width in Excel's character units: a Japanese character is about two.
size_t DisplayWidth(std::string_view text) {
    size_t width = 0;
    for (unsigned char c : text) {
        if (c < 0x80)
            ++width;
        else if (c >= 0xE0)
            width += 2;  // lead byte of a 3- or 4-byte character
    }
    return width;
}

size_t DigitCount(double value) {
    size_t digits = value < 0 ? 2 : 1;
    for (double v = value < 0 ? -value : value; v >= 10; v /= 10) ++digits;
    return digits;
}

const char* NumberFormat(XlsxKind kind) {
    switch (kind) {
        case XlsxKind::Text:
            return "@";
        case XlsxKind::Count:
        case XlsxKind::Yen:
            return "#,##0";
        case XlsxKind::Date:
            return "yyyy/mm/dd";
        case XlsxKind::DateTime:
            return "yyyy/mm/dd hh:mm:ss";
        case XlsxKind::Duration:
            return "[h]:mm:ss";
        default:
            return nullptr;
    }
}

std::string AsOfText(DateKey date) {
    return date == kNoDate ? std::string() : FormatDate(date, '/');
}

}  // namespace

XlsxSheet::XlsxSheet(std::string title, std::vector<XlsxColumn> columns, const XlsxDocumentInfo& info)
    : columns_(std::move(columns)), widths_(columns_.size(), 0), title_(std::move(title)) {
    // The library writes to memory streams under this name (see xlsx_memory_file.h).
    path_ = NewXlsxMemoryName();
    lxw_workbook_options options = {};
    options.constant_memory = LXW_TRUE;
    workbook_ = workbook_new_opt(path_.c_str(), &options);
    if (workbook_ == nullptr) {
        Fail(LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    sheet_ = workbook_add_worksheet(workbook_, title_.c_str());
    if (sheet_ == nullptr) {
        Fail(-1);
        return;
    }

    subject_ = "お客様コード " + info.customer_code + " / " + AsOfText(info.as_of) + " 現在";
    keywords_ = info.customer_code;
    lxw_doc_properties properties = {};
    properties.title = title_.data();
    properties.subject = subject_.data();
    properties.keywords = keywords_.data();
    properties.author = const_cast<char*>("050 Portal");
    // The as-of day (00:00 Japan time), not the clock: the browser and the server then write
    // the same bytes for the same rows.
    if (info.as_of != kNoDate)
        properties.created = static_cast<time_t>(JstDayStart(info.as_of));
    else
        properties.created = 1;
    workbook_set_properties(workbook_, &properties);
    workbook_set_custom_property_string(workbook_, "お客様コード", keywords_.data());
    if (info.as_of != kNoDate) {
        lxw_datetime as_of = {DateYear(info.as_of), DateMonth(info.as_of), DateDay(info.as_of), 0, 0, 0};
        workbook_set_custom_property_datetime(workbook_, "基準日", &as_of);
    }

    lxw_format* header = workbook_add_format(workbook_);
    format_set_bold(header);
    format_set_bg_color(header, 0xE7EEF7);
    format_set_bottom(header, LXW_BORDER_THIN);
    // One format object per number format: libxlsxwriter remembers the style index only on the
    // first of several equal objects and hashes the others again on every cell they style.
    std::vector<std::pair<std::string, lxw_format*>> made;
    for (const XlsxColumn& column : columns_) {
        lxw_format* format = nullptr;
        if (const char* number_format = NumberFormat(column.kind)) {
            for (const auto& [text, existing] : made)
                if (text == number_format) format = existing;
            if (format == nullptr) {
                format = workbook_add_format(workbook_);
                format_set_num_format(format, number_format);
                made.emplace_back(number_format, format);
            }
        }
        formats_.push_back(format);
    }
    for (uint16_t c = 0; c < columns_.size(); ++c) {
        worksheet_write_string(sheet_, 0, c, columns_[c].header, header);
        widths_[c] = DisplayWidth(columns_[c].header) + 3;  // room for the filter button
    }
    worksheet_freeze_panes(sheet_, 1, 0);
}

XlsxSheet::~XlsxSheet() {
    if (workbook_ != nullptr) workbook_close(workbook_);  // frees it; the buffer goes below
    if (!path_.empty()) ForgetXlsxMemoryFile(path_);
}

void XlsxSheet::Fail(int lxw_error) {
    if (error_ == 0) error_ = lxw_error != 0 ? lxw_error : -1;
}

void XlsxSheet::Text(std::string_view text) {
    if (!text.empty() && error_ == 0) {
        cell_.assign(text.data(), text.size());
        Widen(DisplayWidth(text));
        // A string cell is never read as a number or run as a formula, whatever it starts with.
        const int error = worksheet_write_string(sheet_, row_, column_, cell_.c_str(), formats_[column_]);
        if (error != LXW_NO_ERROR) Fail(error);
    }
    ++column_;
}

void XlsxSheet::Number(double value) {
    if (error_ == 0) {
        const XlsxKind kind = columns_[column_].kind;
        const size_t digits = DigitCount(value);
        Widen(kind == XlsxKind::Count || kind == XlsxKind::Yen ? digits + (digits - 1) / 3 : digits);
        const int error = worksheet_write_number(sheet_, row_, column_, value, formats_[column_]);
        if (error != LXW_NO_ERROR) Fail(error);
    }
    ++column_;
}

void XlsxSheet::Date(DateKey date) {
    if (date == kNoDate) return Blank();
    Widen(10);
    const double serial = static_cast<double>(DaysFromDateKey(date)) + kExcelDaysBefore1970;
    Number(serial);
}

void XlsxSheet::DateTime(EpochSeconds time) {
    Widen(19);
    const double local = static_cast<double>(time + kJstOffsetSeconds);
    Number(local / kSecondsPerDay + kExcelDaysBefore1970);
}

void XlsxSheet::Duration(uint32_t seconds) {
    Widen(FormatDuration(seconds).size());
    Number(static_cast<double>(seconds) / kSecondsPerDay);
}

XlsxOutput XlsxSheet::Finish() {
    XlsxOutput output;
    if (error_ == 0) {
        for (uint16_t c = 0; c < columns_.size(); ++c) {
            const size_t width = std::min(widths_[c] + 2, kMaxColumnWidth);
            worksheet_set_column(sheet_, c, c, static_cast<double>(width), nullptr);
        }
        if (!columns_.empty())
            worksheet_autofilter(sheet_, 0, 0, row_, static_cast<lxw_col_t>(columns_.size() - 1));
        const int error = workbook_close(workbook_);
        workbook_ = nullptr;
        if (error != LXW_NO_ERROR) Fail(error);
    }
    if (error_ == 0 && !TakeXlsxMemoryFile(path_, output.bytes)) Fail(LXW_ERROR_READING_TMPFILE);
    ForgetXlsxMemoryFile(path_);
    path_.clear();
    if (error_ != 0) {
        const std::string reason = error_ > 0 ? lxw_strerror(static_cast<lxw_error>(error_)) : "unknown";
        output.bytes.clear();
        output.error = Error{
            "xlsx_write_failed", "",
            portal::Text{"Excel ファイルを作成できませんでした (" + reason + ")。CSV をお使いください。",
                         "The Excel file could not be written (" + reason + "). Please use CSV."}};
    }
    return output;
}

}  // namespace portal
