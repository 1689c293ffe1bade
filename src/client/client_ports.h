// What the client's controllers need from the world, as interfaces: the time and the way requests
// leave. The browser implementations live in platform/ (browser_ports.h); the native doctests in
// tests/client_logic give their own, so every controller runs without a browser.
#pragma once
#include <cstdint>
#include <string>

#include "api_client.h"

namespace portal {

class Clock {
  public:
    virtual ~Clock() = default;
    // Milliseconds on a monotonic clock (deadlines, timings); only differences mean anything.
    virtual double NowMs() const = 0;
    // Milliseconds since 1970-01-01 UTC (file names carry the wall-clock time).
    virtual double EpochMs() const = 0;
};

// Requests leave through this: the ApiClient in the browser, a recorder in the tests. Answers come
// back through App, which hands each to the controller that asked.
class Transport {
  public:
    virtual ~Transport() = default;
    virtual int Send(ApiRequest request) = 0;  // returns the request's handle
};

// A file for the customer to save; the App passes it to the browser. Empty name: nothing to save.
struct FileDownload {
    std::string name;
    std::string bytes;
    std::string media_type;
    bool empty() const { return name.empty(); }
};

// What an answer meant, for App to show: the controller has already taken what it could use.
enum class AnswerKind : uint8_t {
    Accepted,   // the state holds the answer
    SignedOut,  // 401: the session is over
    Failed,     // an error answer or no answer: shown with retry
    Unusable,   // 2xx whose body does not decode: shown, nothing to retry
    Refused,    // a refusal the screen explains itself (the state holds the message)
};
struct AnswerOutcome {
    AnswerKind kind = AnswerKind::Accepted;
    Message message;  // for Failed and Unusable
};
// SignedOut for 401, Failed for any other refusal or missing answer, else Accepted.
AnswerOutcome ClassifyAnswer(const ApiResponse& response);
// "The server's answer could not be read (<why>)" in both languages.
AnswerOutcome UnusableAnswer(const Error& error);

}  // namespace portal
