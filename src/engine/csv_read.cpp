// A strict RFC 4180 reader: quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF.
#include "engine/csv.h"

namespace portal {
namespace {

Error SyntaxError(size_t line, const char* ja, const char* en) {
    const std::string where = std::to_string(line);
    return Error{"csv_syntax", where,
                 Text{"CSVの" + where + "行目が正しくありません：" + ja,
                      "CSV line " + where + " is not valid: " + en}};
}

}  // namespace

Result<std::vector<std::vector<std::string>>> ReadCsv(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // the BOM our UTF-8 files start with
    std::vector<std::vector<std::string>> records;
    std::vector<std::string> record;
    std::string field;
    size_t line = 1;
    size_t pos = 0;
    const size_t n = text.size();
    while (pos < n) {
        // One field: quoted or plain, then a comma, a line end or the end of input.
        field.clear();
        if (text[pos] == '"') {
            const size_t opened_on = line;
            ++pos;
            for (;;) {
                if (pos >= n) {
                    return SyntaxError(opened_on, "引用符（\"）が閉じられていません。",
                                       "a quoted field is not closed.");
                }
                const char c = text[pos++];
                if (c == '"') {
                    if (pos < n && text[pos] == '"') {
                        field.push_back('"');
                        ++pos;
                        continue;
                    }
                    break;
                }
                if (c == '\n') ++line;
                field.push_back(c);
            }
            if (pos < n && text[pos] != ',' && text[pos] != '\r' && text[pos] != '\n') {
                return SyntaxError(line, "引用符の後に区切り以外の文字があります。",
                                   "a closing quote is followed by something other than a separator.");
            }
        } else {
            while (pos < n && text[pos] != ',' && text[pos] != '\r' && text[pos] != '\n') {
                if (text[pos] == '"') {
                    return SyntaxError(line, "引用符で囲まれていない項目に引用符があります。",
                                       "a quote appears inside an unquoted field.");
                }
                field.push_back(text[pos++]);
            }
        }
        record.push_back(field);
        if (pos >= n) break;
        if (text[pos] == ',') {
            ++pos;
            if (pos == n) record.emplace_back();  // a trailing comma ends with an empty field
            continue;
        }
        if (text[pos] == '\r') {
            if (pos + 1 >= n || text[pos + 1] != '\n') {
                return SyntaxError(line, "改行がCRだけになっています。", "a line ends with a bare CR.");
            }
            ++pos;
        }
        ++pos;  // '\n'
        ++line;
        records.push_back(std::move(record));
        record.clear();
    }
    if (!record.empty()) records.push_back(std::move(record));
    return records;
}

}  // namespace portal
