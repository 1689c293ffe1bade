// セキュリティ設定: what its screen shows (the authenticator app, recovery codes, login history and
// sessions) and the controller that asks the API for it. Pure C++ (no ImGui, no browser): the
// transport is injected, so the logic runs in native doctests.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "api_client.h"
#include "app_state.h"
#include "engine/api_security.h"
#include "engine/csv.h"

namespace portal {

enum class SecurityTab : uint8_t { Authenticator, History, Sessions };

// The rows as the API sends them (engine/api_security.h).
using LoginEvent = LoginHistoryEvent;
using SessionEntry = SessionRow;

// The QR symbol of the otpauth:// URI as the server's libqrencode made it: rows of '0'/'1'.
struct QrMatrix {
    int size = 0;
    std::vector<std::string> rows;
    bool Dark(int x, int y) const { return rows[static_cast<size_t>(y)][static_cast<size_t>(x)] == '1'; }
};

struct SecurityState {
    SecurityTab tab = SecurityTab::Authenticator;
    bool status_loaded = false;
    bool enrolled = false;
    int recovery_codes_left = 0;
    bool email_codes = false;         // the mailed code is kept beside the app (as the server has it)
    bool email_codes_ticked = false;  // the checkbox: a change is sent when it differs
    // A set-up in progress: the secret and its QR until a current code confirms it.
    std::string secret;
    QrMatrix qr;
    std::array<char, 16> confirm_code{};
    std::array<char, 16> remove_code{};
    std::array<char, 16> renew_code{};
    std::vector<std::string> recovery_codes;  // shown once, right after set-up or renewal
    std::vector<LoginEvent> history;
    bool history_loaded = false;
    std::vector<SessionEntry> sessions;
    bool sessions_loaded = false;
    CsvEncoding csv_encoding = CsvEncoding::Utf8Bom;
    std::string last_csv_name;
    int in_flight = 0;
    Message error;         // under the part that failed (bad input, a refused code)
    std::string error_at;  // "confirm", "remove", "renew", "history", "sessions", "csv"
    Message info;          // what just succeeded
    std::string info_at;   // the panel it belongs to: "authenticator" or "sessions"
    bool busy() const { return in_flight > 0; }
};

// "JBSWY3DPEHPK3PXP" -> "JBSW Y3DP EHPK 3PXP": groups of four, as an app's entry field shows it.
std::string GroupSecret(const std::string& secret);
// Empty when `code` can be sent: six digits, or (when recovery codes count) a recovery code.
Message CheckAppCode(const char* code, bool allow_recovery);

// Requests leave through this: ApiClient in the browser, a recorder in the tests.
class SecurityTransport {
  public:
    virtual ~SecurityTransport() = default;
    virtual int Send(ApiRequest request) = 0;  // returns the request's handle
};

class SecurityController {
  public:
    SecurityController(SecurityState& state, SecurityTransport& transport)
        : state_(state), transport_(transport) {}
    void Open();  // fresh state and every read the screen shows
    void LoadStatus();
    void LoadHistory();
    void LoadSessions();
    void StartEnrolment();
    void CancelEnrolment();
    void ConfirmEnrolment();  // checks the typed code first
    void Remove();
    void RenewRecoveryCodes();
    void LogoutOthers();
    void SetEmailCodes(bool allowed);  // "also allow codes by e-mail"
    void HideRecoveryCodes();
    void Forget();  // logout: no secret, code or history stays in memory
    bool Owns(int request) const { return pending_.count(request) != 0; }
    // An answer to one of our requests: 2xx, or a refusal with `failure` (the API's message).
    // Answers without a usable reply (network, 5xx, 401) are the App's to show.
    void OnAnswer(const ApiResponse& response, const Message& failure);
    void Abandon(int request);  // it failed in transport: no longer in flight
    // The history as the table shows it, through the engine's CSV writer.
    CsvOutput HistoryCsv() const;

  private:
    enum class Op : uint8_t {
        Status,
        History,
        Sessions,
        Enrol,
        Confirm,
        Remove,
        Renew,
        LogoutOthers,
        EmailCodes
    };
    void Send(Op op, const char* method, const char* path, const std::string& body);
    void Fail(const char* where, const Message& message);
    void Succeed(const char* where, const Message& message);  // shown on that panel only
    // A 2xx answer of `op` onto the state; false when its payload cannot be read.
    bool TakeAnswer(Op op, const std::string& body);

    SecurityState& state_;
    SecurityTransport& transport_;
    std::unordered_map<int, Op> pending_;
};

// Display names of the history's event, result and factor keys (the key itself when unknown).
std::string EventName(Lang lang, const std::string& event);
std::string ResultName(Lang lang, const std::string& result);
std::string FactorName(Lang lang, const std::string& factor);

}  // namespace portal
