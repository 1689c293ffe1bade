// ApiClient: fetch through the platform layer, answers matched back to their requests.
#include "api_client.h"

#include "platform/js_bridge.h"
#include "platform/web_platform.h"

namespace portal {

int ApiClient::Send(ApiRequest request) {
    const int id = platform_.NextFetchId();
    js::Fetch(platform_.JsContext(), id, request.method, request.url, request.json_body, request.want_binary);
    requests_[id] = std::move(request);
    answered_[id] = false;
    return id;
}

int ApiClient::Retry(int request) {
    auto found = requests_.find(request);
    if (found == requests_.end()) return 0;
    ApiRequest copy = found->second;
    requests_.erase(found);
    answered_.erase(request);
    return Send(std::move(copy));
}

std::vector<ApiResponse> ApiClient::Poll() {
    std::vector<ApiResponse> answers;
    auto& queue = platform_.FetchResults();
    while (!queue.empty()) {
        FetchResult result = std::move(queue.front());
        queue.pop_front();
        auto found = requests_.find(result.id);
        if (found == requests_.end()) continue;  // forgotten (e.g. after logout): drop it
        ApiResponse response;
        response.call = found->second.call;
        response.request = result.id;
        response.status = result.status;
        response.retry_after_seconds = result.retry_after_seconds;
        response.body = std::move(result.body);
        response.network_error = std::move(result.network_error);
        answered_[result.id] = true;
        // Kept only while a retry could need it.
        if (!IsTransportFailure(response)) {
            requests_.erase(found);
            answered_.erase(result.id);
        }
        answers.push_back(std::move(response));
    }
    return answers;
}

std::vector<ApiChunk> ApiClient::PollChunks() {
    std::vector<ApiChunk> chunks;
    auto& queue = platform_.FetchChunks();
    while (!queue.empty()) {
        FetchChunk chunk = std::move(queue.front());
        queue.pop_front();
        auto found = requests_.find(chunk.id);
        if (found == requests_.end()) continue;  // forgotten (e.g. after logout): drop it
        chunks.push_back(ApiChunk{found->second.call, chunk.id, std::move(chunk.bytes), chunk.received,
                                  chunk.total, std::move(chunk.decoded)});
    }
    return chunks;
}

bool ApiClient::AnyInFlight() const {
    for (const auto& [id, answered] : answered_) {
        if (!answered) return true;
    }
    return false;
}

void ApiClient::ForgetAll() {
    requests_.clear();
    answered_.clear();
}

}  // namespace portal
