// セキュリティ設定: what its screen shows (the authenticator app, recovery codes, login history and
// sessions). Its owner, SecurityController (security_controller.h), asks the API for it.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

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

// Display names of the history's event, result and factor keys (the key itself when unknown).
std::string EventName(Lang lang, const std::string& event);
std::string ResultName(Lang lang, const std::string& result);
std::string FactorName(Lang lang, const std::string& factor);

}  // namespace portal
