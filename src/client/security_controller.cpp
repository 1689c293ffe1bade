// SecurityController: the requests of セキュリティ設定 and what their answers change, and the
// login history's CSV.
#include "security_controller.h"

#include <algorithm>

#include "contract_view.h"
#include "engine/api_security.h"
#include "i18n_security.h"

namespace portal {
namespace {

Message Both(SStr id) {
    return Message{Text{Tr(Lang::Ja, id), Tr(Lang::En, id)}};
}

template <size_t N>
void Wipe(std::array<char, N>& buffer) {
    std::fill(buffer.begin(), buffer.end(), '\0');
}

// The QR symbol as the screen draws it (its size checked by the decoder: 21 to 177).
QrMatrix QrOf(QrSymbol symbol) {
    QrMatrix qr;
    qr.size = static_cast<int>(symbol.size);
    qr.rows = std::move(symbol.rows);
    return qr;
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
    Send(Op::Enrol, "POST", "authenticator/enrol", EncodeEmptyRequest());
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
    Send(Op::Confirm, "POST", "authenticator/confirm",
         EncodeAppCodeRequest(AppCodeRequest{state_.confirm_code.data()}));
}

void SecurityController::Remove() {
    const Message problem = CheckAppCode(state_.remove_code.data(), true);
    if (!problem.empty()) return Fail("remove", problem);
    state_.error.clear();
    Send(Op::Remove, "POST", "authenticator/remove",
         EncodeAppCodeRequest(AppCodeRequest{state_.remove_code.data()}));
}

void SecurityController::RenewRecoveryCodes() {
    const Message problem = CheckAppCode(state_.renew_code.data(), false);
    if (!problem.empty()) return Fail("renew", problem);
    state_.error.clear();
    Send(Op::Renew, "POST", "recovery-codes", EncodeAppCodeRequest(AppCodeRequest{state_.renew_code.data()}));
}

void SecurityController::LogoutOthers() {
    state_.error.clear();
    state_.info.clear();
    Send(Op::LogoutOthers, "POST", "sessions/logout-others", EncodeEmptyRequest());
}

void SecurityController::SetEmailCodes(bool allowed) {
    state_.error.clear();
    state_.info.clear();
    Send(Op::EmailCodes, "POST", "authenticator/email-codes",
         EncodeEmailCodesRequest(EmailCodesRequest{allowed}));
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
    if (!TakeAnswer(op, response.body)) {
        if (op == Op::EmailCodes) state_.email_codes_ticked = state_.email_codes;
        Fail(where, Both(SStr::BadAnswer));
    }
}

bool SecurityController::TakeAnswer(Op op, const std::string& body) {
    switch (op) {
        case Op::Status: {
            Result<AuthenticatorStatusPayload> status = DecodeAuthenticatorStatus(body);
            if (!status.ok()) return false;
            state_.enrolled = status.value().enrolled;
            state_.recovery_codes_left = static_cast<int>(status.value().recovery_codes_left);
            state_.email_codes = state_.email_codes_ticked = status.value().email_codes;
            state_.status_loaded = true;
            return true;
        }
        case Op::History: {
            Result<LoginHistoryPayload> history = DecodeLoginHistory(body);
            if (!history.ok()) return false;
            state_.history = history.take().events;
            state_.history_loaded = true;
            return true;
        }
        case Op::Sessions: {
            Result<SessionsPayload> sessions = DecodeSessions(body);
            if (!sessions.ok()) return false;
            state_.sessions = sessions.take().sessions;
            state_.sessions_loaded = true;
            return true;
        }
        case Op::Enrol: {
            Result<EnrolmentPayload> enrolment = DecodeEnrolment(body);
            if (!enrolment.ok()) return false;
            EnrolmentPayload taken = enrolment.take();
            state_.secret = std::move(taken.secret);
            state_.qr = QrOf(std::move(taken.qr));
            return true;
        }
        case Op::Confirm:
        case Op::Renew: {
            Result<RecoveryCodesPayload> codes = DecodeRecoveryCodes(body);
            if (!codes.ok()) return false;
            state_.recovery_codes = codes.take().recovery_codes;
            state_.recovery_codes_left = static_cast<int>(state_.recovery_codes.size());
            if (op == Op::Confirm) {
                state_.enrolled = true;
                CancelEnrolment();  // the secret leaves memory: the app holds it now
                Succeed("authenticator", Both(SStr::AppDone));
            }
            Wipe(state_.renew_code);
            LoadHistory();
            return true;
        }
        case Op::EmailCodes: {
            Result<EmailCodesPayload> email_codes = DecodeEmailCodes(body);
            if (!email_codes.ok()) return false;
            state_.email_codes = state_.email_codes_ticked = email_codes.value().email_codes;
            Succeed("authenticator", Both(state_.email_codes ? SStr::EmailCodesOn : SStr::EmailCodesOff));
            return true;
        }
        case Op::Remove:
            if (!DecodeAuthenticatorRemoved(body).ok()) return false;
            state_.enrolled = false;
            state_.email_codes = state_.email_codes_ticked = false;
            state_.recovery_codes_left = 0;
            Wipe(state_.remove_code);
            Succeed("authenticator", Both(SStr::AppRemoved));
            LoadHistory();
            return true;
        case Op::LogoutOthers: {
            Result<SessionsEndedPayload> ended = DecodeSessionsEnded(body);
            if (!ended.ok()) return false;
            const int count = static_cast<int>(ended.value().ended);
            Succeed("sessions", Message{Text{Format(Tr(Lang::Ja, SStr::LoggedOutOthers), count),
                                             Format(Tr(Lang::En, SStr::LoggedOutOthers), count)}});
            LoadSessions();
            LoadHistory();
            return true;
        }
    }
    return false;
}

CsvOutput SecurityController::HistoryCsv() const {
    return WriteCsv(HistoryCsvSource(state_.history), state_.csv_encoding);
}

FileDownload SecurityController::HistoryDownload(const Contract& contract) {
    state_.last_csv_name.clear();
    CsvOutput output = HistoryCsv();
    if (!output.ok()) {
        state_.error = Message{output.ToError().message};
        state_.error_at = "csv";
        return {};
    }
    std::string name = CsvDownloadName(contract, clock_.EpochMs());
    name.insert(name.size() - 4, "_login_history");
    state_.last_csv_name = name;
    if (state_.error_at == "csv") state_.error.clear();
    return {std::move(name), std::move(output.bytes), std::string(CsvMediaType(state_.csv_encoding))};
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
