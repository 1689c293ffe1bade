// セキュリティ設定 as a plain class owning its state: the requests of the screen (authenticator
// app, recovery codes, login history, sessions), what their answers change, and the login
// history's CSV file. Clock and transport are injected, so it runs in native doctests.
#pragma once
#include <cstdint>
#include <string>
#include <unordered_map>

#include "client_ports.h"
#include "engine/model.h"
#include "security_state.h"

namespace portal {

class SecurityController {
  public:
    SecurityController(const Clock& clock, Transport& transport) : clock_(clock), transport_(transport) {}
    SecurityState& state() { return state_; }
    const SecurityState& state() const { return state_; }

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
    // The history CSV as a file named after the contract and the time in Japan
    // (C9001_20261130_210509_login_history.csv). Empty, with the error under the CSV part, when
    // it cannot be written.
    FileDownload HistoryDownload(const Contract& contract);

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

    const Clock& clock_;
    Transport& transport_;
    SecurityState state_;
    std::unordered_map<int, Op> pending_;
};

}  // namespace portal
