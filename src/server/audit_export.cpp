// The audit export goes through the engine's CSV writer: the same quoting and formula
// neutralising as every other CSV of the portal (a User-Agent can start with "=").
#include "server/audit_export.h"

#include "engine/csv.h"
#include "engine/date.h"

namespace portal::server {
namespace {

class AuditCsvSource : public CsvSource {
  public:
    explicit AuditCsvSource(const std::vector<AuditEvent>& rows) : rows_(rows) {}
    size_t ColumnCount() const override { return 11; }
    size_t RowCount() const override { return rows_.size(); }
    std::string_view Header(size_t column) const override {
        static constexpr std::string_view kHeaders[] = {"id",         "at_jst", "at_unix",    "selfcare_id",
                                                        "event",      "detail", "factor",     "address",
                                                        "user_agent", "lines",  "customer_id"};
        return kHeaders[column];
    }
    void Cell(size_t row, size_t column, std::string& out) const override {
        const AuditEvent& e = rows_[row];
        switch (column) {
            case 0:
                out += std::to_string(e.id);
                break;
            case 1:
                out += FormatJstDateTime(e.at);
                break;
            case 2:
                out += std::to_string(e.at);
                break;
            case 3:
                out += e.selfcare_id;
                break;
            case 4:
                out += e.event;
                break;
            case 5:
                out += e.detail;
                break;
            case 6:
                out += e.factor;
                break;
            case 7:
                out += e.address;
                break;
            case 8:
                out += e.user_agent;
                break;
            case 9:
                out += std::to_string(e.lines);
                break;
            case 10:
                out += e.customer_id ? std::to_string(e.customer_id) : std::string();
                break;
        }
    }

  private:
    const std::vector<AuditEvent>& rows_;
};

}  // namespace

bool ExportAuditCsv(Storage& storage, const std::string& from, const std::string& to, std::string& csv,
                    std::string& error) {
    const auto first = ParseDate(from);
    const auto last = ParseDate(to);
    if (!first || !last || *first > *last) {
        error =
            "期間は FROM TO (YYYY-MM-DD、FROM ≦ TO) で指定してください / --audit-export needs FROM TO as "
            "YYYY-MM-DD with FROM <= TO: " +
            from + " " + to;
        return false;
    }
    std::vector<AuditEvent> rows;
    storage.ForEachAudit(JstDayStart(*first), JstDayStart(*last) + 86400,
                         [&rows](const AuditEvent& e) { rows.push_back(e); });
    AuditCsvSource source(rows);
    csv = WriteCsv(source, CsvEncoding::Utf8Bom).bytes;  // UTF-8 holds every character
    return true;
}

}  // namespace portal::server
