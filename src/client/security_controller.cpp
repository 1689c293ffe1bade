// SecurityController: the requests of セキュリティ設定 and what their answers change, and the
// login history's CSV.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "i18n_security.h"
#include "security_state.h"

namespace portal {
namespace {

using Json = nlohmann::json;

std::string StringOf(const Json& json, const char* key) {
    auto found = json.find(key);
    return found != json.end() && found->is_string() ? found->get<std::string>() : std::string();
}

Message Both(SStr id) {
    return Message{Text{Tr(Lang::Ja, id), Tr(Lang::En, id)}};
}

template <size_t N>
void Wipe(std::array<char, N>& buffer) {
    std::fill(buffer.begin(), buffer.end(), '\0');
}

// Only a square of '0'/'1' rows is drawn: anything else is an unreadable answer, not a QR code.
bool ReadQr(const Json& json, QrMatrix& out) {
    if (!json.is_object()) return false;
    auto size = json.find("size");
    auto rows = json.find("rows");
    if (size == json.end() || !size->is_number_integer() || rows == json.end() || !rows->is_array())
        return false;
    const int n = size->get<int>();
    if (n < 21 || n > 177 || rows->size() != static_cast<size_t>(n)) return false;
    QrMatrix qr;
    qr.size = n;
    for (const Json& row : *rows) {
        if (!row.is_string()) return false;
        const std::string& text = row.get_ref<const std::string&>();
        if (text.size() != static_cast<size_t>(n) || text.find_first_not_of("01") != std::string::npos)
            return false;
        qr.rows.push_back(text);
    }
    out = std::move(qr);
    return true;
}

std::vector<std::string> StringArray(const Json& json, const char* key) {
    std::vector<std::string> out;
    auto found = json.find(key);
    if (found == json.end() || !found->is_array()) return out;
    for (const Json& item : *found) {
        if (item.is_string()) out.push_back(item.get<std::string>());
    }
    return out;
}

class HistoryCsvSource final : public CsvSource {
  public:
    explicit HistoryCsvSource(const std::vector<LoginEvent>& events) : events_(events) {}
    size_t ColumnCount() const override { return 8; }
    size_t RowCount() const override { return events_.size(); }
    std::string_view Header(size_t column) const override {
        static constexpr SStr kHeaders[] = {SStr::ColTime,   SStr::ColEvent,   SStr::ColResult,
                                            SStr::ColFactor, SStr::ColAddress, SStr::ColBrowser,
                                            SStr::ColOs};
        return column < 7 ? Tr(Lang::Ja, kHeaders[column]) : "理由";
    }
    void Cell(size_t row, size_t column, std::string& out) const override {
        const LoginEvent& e = events_[row];
        switch (column) {
            case 0:
                out += e.at_jst;
                break;
            case 1:
                out += EventName(Lang::Ja, e.event);
                break;
            case 2:
                out += ResultName(Lang::Ja, e.result);
                break;
            case 3:
                out += FactorName(Lang::Ja, e.factor);
                break;
            case 4:
                out += e.address;
                break;
            case 5:
                out += e.browser;
                break;
            case 6:
                out += e.os;
                break;
            default:
                out += e.reason;
        }
    }

  private:
    const std::vector<LoginEvent>& events_;
};

}  // namespace

std::string GroupSecret(const std::string& secret) {
    std::string out;
    for (size_t i = 0; i < secret.size(); ++i) {
        if (i > 0 && i % 4 == 0) out += ' ';
        out += secret[i];
    }
    return out;
}

Message CheckAppCode(const char* code, bool allow_recovery) {
    const std::string text(code);
    const bool six_digits = text.size() == 6 && text.find_first_not_of("0123456789") == std::string::npos;
    if (six_digits) return Message{};
    if (allow_recovery) {
        // A recovery code: ten letters and digits, the dash in the middle optional.
        std::string bare = text;
        bare.erase(std::remove(bare.begin(), bare.end(), '-'), bare.end());
        const bool recovery =
            bare.size() == 10 && text.size() <= 11 &&
            bare.find_first_not_of("0123456789abcdefghijklmnopqrstuvwxyz") == std::string::npos;
        if (recovery) return Message{};
        return Both(SStr::CodeAppOrRecovery);
    }
    return Both(SStr::CodeSixDigits);
}

void SecurityController::Send(Op op, const char* method, const char* path, const std::string& body) {
    ++state_.in_flight;
    const int id = transport_.Send(
        ApiRequest{ApiCall::Security, method, std::string("/api/v1/security/") + path, body, false});
    pending_[id] = op;
}

void SecurityController::Fail(const char* where, const Message& message) {
    state_.error = message;
    state_.error_at = where;
    state_.info.clear();
}

void SecurityController::Succeed(const char* where, const Message& message) {
    state_.info = message;
    state_.info_at = where;
}

void SecurityController::Open() {
    const SecurityTab tab = state_.tab;
    Forget();
    state_.tab = tab;
    LoadStatus();
    LoadHistory();
    LoadSessions();
}

void SecurityController::LoadStatus() {
    Send(Op::Status, "GET", "authenticator", "");
}

void SecurityController::LoadHistory() {
    Send(Op::History, "GET", "history", "");
}

void SecurityController::LoadSessions() {
    Send(Op::Sessions, "GET", "sessions", "");
}

void SecurityController::StartEnrolment() {
    state_.error.clear();
    state_.info.clear();
    Send(Op::Enrol, "POST", "authenticator/enrol", "{}");
}

void SecurityController::CancelEnrolment() {
    state_.secret.clear();
    state_.qr = QrMatrix{};
    Wipe(state_.confirm_code);
    state_.error.clear();
}

void SecurityController::ConfirmEnrolment() {
    const Message problem = CheckAppCode(state_.confirm_code.data(), false);
    if (!problem.empty()) return Fail("confirm", problem);
    state_.error.clear();
    Send(Op::Confirm, "POST", "authenticator/confirm", Json{{"code", state_.confirm_code.data()}}.dump());
}

void SecurityController::Remove() {
    const Message problem = CheckAppCode(state_.remove_code.data(), true);
    if (!problem.empty()) return Fail("remove", problem);
    state_.error.clear();
    Send(Op::Remove, "POST", "authenticator/remove", Json{{"code", state_.remove_code.data()}}.dump());
}

void SecurityController::RenewRecoveryCodes() {
    const Message problem = CheckAppCode(state_.renew_code.data(), false);
    if (!problem.empty()) return Fail("renew", problem);
    state_.error.clear();
    Send(Op::Renew, "POST", "recovery-codes", Json{{"code", state_.renew_code.data()}}.dump());
}

void SecurityController::LogoutOthers() {
    state_.error.clear();
    state_.info.clear();
    Send(Op::LogoutOthers, "POST", "sessions/logout-others", "{}");
}

void SecurityController::SetEmailCodes(bool allowed) {
    state_.error.clear();
    state_.info.clear();
    Send(Op::EmailCodes, "POST", "authenticator/email-codes", Json{{"allowed", allowed}}.dump());
}

void SecurityController::HideRecoveryCodes() {
    for (std::string& code : state_.recovery_codes) std::fill(code.begin(), code.end(), '\0');
    state_.recovery_codes.clear();
    state_.info.clear();
}

void SecurityController::Forget() {
    HideRecoveryCodes();
    CancelEnrolment();
    Wipe(state_.remove_code);
    Wipe(state_.renew_code);
    state_ = SecurityState{};
    pending_.clear();
}

void SecurityController::Abandon(int request) {
    auto found = pending_.find(request);
    if (found == pending_.end()) return;
    // The box goes back to what the server has, or the screen would ask again at once.
    if (found->second == Op::EmailCodes) state_.email_codes_ticked = state_.email_codes;
    pending_.erase(found);
    if (state_.in_flight > 0) --state_.in_flight;
}

void SecurityController::OnAnswer(const ApiResponse& response, const Message& failure) {
    auto found = pending_.find(response.request);
    if (found == pending_.end()) return;
    const Op op = found->second;
    pending_.erase(found);
    if (state_.in_flight > 0) --state_.in_flight;
    static constexpr const char* kWhere[] = {"status", "history", "sessions", "enrol",      "confirm",
                                             "remove", "renew",   "sessions", "email_codes"};
    const char* where = kWhere[static_cast<size_t>(op)];
    if (!response.ok()) {
        if (op == Op::EmailCodes) state_.email_codes_ticked = state_.email_codes;  // as it still is
        if (op == Op::Confirm) Wipe(state_.confirm_code);
        if (op == Op::Remove) Wipe(state_.remove_code);
        if (op == Op::Renew) Wipe(state_.renew_code);
        return Fail(where, failure);
    }
    const Json json = Json::parse(response.body, nullptr, false);
    if (!json.is_object()) return Fail(where, Both(SStr::BadAnswer));
    switch (op) {
        case Op::Status: {
            auto enrolled = json.find("enrolled");
            state_.enrolled = enrolled != json.end() && enrolled->is_boolean() && enrolled->get<bool>();
            auto left = json.find("recovery_codes_left");
            state_.recovery_codes_left =
                left != json.end() && left->is_number_integer() ? left->get<int>() : 0;
            auto email_codes = json.find("email_codes");
            if (email_codes == json.end() || !email_codes->is_boolean())
                return Fail(where, Both(SStr::BadAnswer));
            state_.email_codes = state_.email_codes_ticked = email_codes->get<bool>();
            state_.status_loaded = true;
            break;
        }
        case Op::History: {
            state_.history.clear();
            auto events = json.find("events");
            if (events == json.end() || !events->is_array()) return Fail(where, Both(SStr::BadAnswer));
            for (const Json& e : *events) {
                if (!e.is_object()) continue;
                state_.history.push_back(LoginEvent{StringOf(e, "at_jst"), StringOf(e, "event"),
                                                    StringOf(e, "result"), StringOf(e, "reason"),
                                                    StringOf(e, "factor"), StringOf(e, "address"),
                                                    StringOf(e, "browser"), StringOf(e, "os")});
            }
            state_.history_loaded = true;
            break;
        }
        case Op::Sessions: {
            state_.sessions.clear();
            auto sessions = json.find("sessions");
            if (sessions == json.end() || !sessions->is_array()) return Fail(where, Both(SStr::BadAnswer));
            for (const Json& s : *sessions) {
                if (!s.is_object()) continue;
                auto current = s.find("current");
                state_.sessions.push_back(
                    SessionEntry{StringOf(s, "started_at_jst"), StringOf(s, "last_seen_at_jst"),
                                 StringOf(s, "address"), StringOf(s, "browser"), StringOf(s, "os"),
                                 current != s.end() && current->is_boolean() && current->get<bool>()});
            }
            state_.sessions_loaded = true;
            break;
        }
        case Op::Enrol: {
            QrMatrix qr;
            const std::string secret = StringOf(json, "secret");
            auto qr_json = json.find("qr");
            if (secret.empty() || qr_json == json.end() || !ReadQr(*qr_json, qr))
                return Fail(where, Both(SStr::BadAnswer));
            state_.secret = secret;
            state_.qr = std::move(qr);
            break;
        }
        case Op::Confirm:
        case Op::Renew: {
            std::vector<std::string> codes = StringArray(json, "recovery_codes");
            if (codes.empty()) return Fail(where, Both(SStr::BadAnswer));
            state_.recovery_codes = std::move(codes);
            state_.recovery_codes_left = static_cast<int>(state_.recovery_codes.size());
            if (op == Op::Confirm) {
                state_.enrolled = true;
                CancelEnrolment();  // the secret leaves memory: the app holds it now
                Succeed("authenticator", Both(SStr::AppDone));
            }
            Wipe(state_.renew_code);
            LoadHistory();
            break;
        }
        case Op::EmailCodes: {
            auto email_codes = json.find("email_codes");
            if (email_codes == json.end() || !email_codes->is_boolean()) {
                state_.email_codes_ticked = state_.email_codes;
                return Fail(where, Both(SStr::BadAnswer));
            }
            state_.email_codes = state_.email_codes_ticked = email_codes->get<bool>();
            Succeed("authenticator", Both(state_.email_codes ? SStr::EmailCodesOn : SStr::EmailCodesOff));
            break;
        }
        case Op::Remove:
            state_.enrolled = false;
            state_.email_codes = state_.email_codes_ticked = false;
            state_.recovery_codes_left = 0;
            Wipe(state_.remove_code);
            Succeed("authenticator", Both(SStr::AppRemoved));
            LoadHistory();
            break;
        case Op::LogoutOthers: {
            auto ended = json.find("ended");
            const int count = ended != json.end() && ended->is_number_integer() ? ended->get<int>() : 0;
            Succeed("sessions", Message{Text{Format(Tr(Lang::Ja, SStr::LoggedOutOthers), count),
                                             Format(Tr(Lang::En, SStr::LoggedOutOthers), count)}});
            LoadSessions();
            LoadHistory();
            break;
        }
    }
}

CsvOutput SecurityController::HistoryCsv() const {
    return WriteCsv(HistoryCsvSource(state_.history), state_.csv_encoding);
}

namespace {

struct KeyName {
    const char* key;
    SStr name;
};

std::string NameOf(Lang lang, const std::string& key, std::initializer_list<KeyName> names) {
    for (const KeyName& entry : names) {
        if (key == entry.key) return Tr(lang, entry.name);
    }
    return key;
}

}  // namespace

std::string EventName(Lang lang, const std::string& event) {
    return NameOf(lang, event,
                  {{"login_success", SStr::EvLoginSuccess},
                   {"login_failure", SStr::EvLoginFailure},
                   {"code_failed", SStr::EvCodeFailed},
                   {"lockout", SStr::EvLockout},
                   {"logout", SStr::EvLogout},
                   {"session_expired", SStr::EvSessionExpired},
                   {"sessions_ended", SStr::EvSessionsEnded}});
}

std::string ResultName(Lang lang, const std::string& result) {
    return NameOf(lang, result,
                  {{"success", SStr::ResSuccess}, {"failure", SStr::ResFailure}, {"info", SStr::ResInfo}});
}

std::string FactorName(Lang lang, const std::string& factor) {
    return NameOf(lang, factor,
                  {{"password", SStr::FactorPassword},
                   {"email", SStr::FactorEmail},
                   {"totp", SStr::FactorTotp},
                   {"recovery", SStr::FactorRecovery}});
}

}  // namespace portal
