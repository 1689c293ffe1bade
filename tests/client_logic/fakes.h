// The world as the controllers see it, under the tests' control: a clock that moves only when told
// and a transport that keeps every request for the test to answer.
#pragma once
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "client_ports.h"

namespace portal::test {

struct ManualClock final : Clock {
    double now_ms = 1000.0;
    double epoch_ms = 0.0;  // set by the tests that name files
    double NowMs() const override { return now_ms; }
    double EpochMs() const override { return epoch_ms + now_ms; }
    void Advance(double ms) { now_ms += ms; }
};

struct RecordingTransport final : Transport {
    std::vector<ApiRequest> sent;
    int Send(ApiRequest request) override {
        sent.push_back(std::move(request));
        return static_cast<int>(sent.size());
    }
    // The handle of the last request to `url` (a failed test names it).
    int Find(const std::string& url) const {
        for (size_t i = sent.size(); i-- > 0;) {
            if (sent[i].url == url) return static_cast<int>(i + 1);
        }
        FAIL("no request to " << url);
        return 0;
    }
    size_t CountTo(const std::string& url) const {
        size_t count = 0;
        for (const ApiRequest& request : sent) count += request.url == url;
        return count;
    }
};

inline ApiResponse Answer(const RecordingTransport& transport, const std::string& url, int status,
                          std::string body) {
    ApiResponse response;
    response.request = transport.Find(url);
    response.call = transport.sent[static_cast<size_t>(response.request - 1)].call;
    response.status = status;
    response.body = std::move(body);
    return response;
}

}  // namespace portal::test
