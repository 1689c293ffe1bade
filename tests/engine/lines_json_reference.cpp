#include "lines_json_reference.h"

#include <nlohmann/json.hpp>

#include "engine/date.h"

namespace portal::test {

std::optional<LineStore> LinesFromJson(std::string_view text) {
    const nlohmann::json root = nlohmann::json::parse(text, nullptr, false);
    if (!root.is_object() || root.size() != 3 || root.value("version", 0) != 1) return std::nullopt;
    const auto count = root.find("count");
    const auto columns = root.find("columns");
    if (count == root.end() || !count->is_number_unsigned() || columns == root.end() ||
        !columns->is_object() || columns->size() != LineColumns().size())
        return std::nullopt;
    const size_t rows = count->get<size_t>();
    LineStore store;
    for (const LineColumnInfo& info : LineColumns()) {
        const auto column = columns->find(info.key);
        if (column == columns->end() || !column->is_array() || column->size() != rows) return std::nullopt;
        for (const nlohmann::json& cell : *column) {
            switch (info.type) {
                case LineColumnType::Serial:
                    if (!cell.is_number_unsigned()) return std::nullopt;
                    store.MutableNo().push_back(cell.get<uint32_t>());
                    break;
                case LineColumnType::Count:
                    if (!cell.is_number_unsigned()) return std::nullopt;
                    store.MutableChannels().push_back(cell.get<uint16_t>());
                    break;
                case LineColumnType::Date: {
                    if (!cell.is_string()) return std::nullopt;
                    const std::string date = cell.get<std::string>();
                    const std::optional<DateKey> key = date.empty() ? kNoDate : ParseDate(date);
                    if (!key) return std::nullopt;
                    (info.column == LineColumn::StartDate ? store.MutableStartDate() : store.MutableEndDate())
                        .push_back(*key);
                    break;
                }
                case LineColumnType::Text:
                    if (!cell.is_string()) return std::nullopt;
                    store.MutableTextColumn(info.column).Push(cell.get<std::string>());
            }
        }
    }
    if (!store.IsConsistent()) return std::nullopt;
    return store;
}

}  // namespace portal::test
