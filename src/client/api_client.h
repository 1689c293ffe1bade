// Requests to the portal API (/api/v1) through the platform's fetch, and their answers, which the
// frame reads from a queue. Every request is kept until it succeeds so that a failure can offer
// "retry" with exactly the same request.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "app_state.h"
#include "lines_buffers.h"

namespace portal {

class WebPlatform;

enum class ApiCall : uint8_t {
    Session,
    Login,
    Verify,
    Resend,
    Extend,
    Logout,
    Contract,
    Lines,
    UiFont,
    FullFont,
    Usage,
    CallDetails,
    ClientConfig,
    UsageMonth,
    Security,    // every /api/v1/security call: SecurityController tells them apart
    SavedSearch  // GET and PUT /api/v1/preferences/line-search (SavedSearch tells them apart)
};

struct ApiRequest {
    ApiCall call = ApiCall::Session;
    std::string method = "GET";
    std::string url;
    std::string json_body;
    bool want_binary = false;
};

// A piece of an answer's body that arrived ahead of the answer itself (streamed lines payload).
struct ApiChunk {
    ApiCall call = ApiCall::Session;
    int request = 0;
    std::string bytes;
    double received = 0, total = 0;
    std::shared_ptr<DecodedLines> decoded;  // from the decode worker instead of bytes
};

struct ApiResponse {
    ApiCall call = ApiCall::Session;
    int request = 0;  // handle for ApiClient::Retry
    int status = 0;   // 0: no HTTP answer at all (network_error says why)
    int retry_after_seconds = 0;
    std::string body;
    std::string network_error;
    bool ok() const { return status >= 200 && status < 300; }
};

class ApiClient {
  public:
    explicit ApiClient(WebPlatform& platform) : platform_(platform) {}
    int Send(ApiRequest request);
    // Sends a remembered request again; returns 0 when it is no longer known.
    int Retry(int request);
    // Answers that arrived since the last call, in arrival order.
    std::vector<ApiResponse> Poll();
    // Body pieces that arrived since the last call; every piece comes before its request's answer.
    std::vector<ApiChunk> PollChunks();
    bool AnyInFlight() const;
    // Forgets every request (logout: nothing from the old session may be retried).
    void ForgetAll();

  private:
    WebPlatform& platform_;
    std::unordered_map<int, ApiRequest> requests_;  // sent, not yet answered or failed
    std::unordered_map<int, bool> answered_;        // id -> still in flight?
};

// The message to show for a failed answer: the API's own {"error":...} when there is one,
// otherwise what went wrong on the way (no connection, timeout, unreadable answer).
Message FailureMessage(const ApiResponse& response);
// The API's error code ("invalid_credentials", ...) and field, empty when the body has none.
std::string FailureCode(const ApiResponse& response);
std::string FailureField(const ApiResponse& response);
// True when the request never got a usable answer (network, timeout, 5xx): show retry.
bool IsTransportFailure(const ApiResponse& response);

}  // namespace portal
