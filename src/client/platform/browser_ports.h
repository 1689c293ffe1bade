// The browser's side of client_ports.h: the page's clocks, and requests through the ApiClient's
// fetch. App gives these to every controller.
#pragma once
#include <emscripten.h>
#include <emscripten/html5.h>  // emscripten_date_now

#include "api_client.h"
#include "client_ports.h"

namespace portal {

class BrowserClock final : public Clock {
  public:
    double NowMs() const override { return emscripten_get_now(); }
    double EpochMs() const override { return emscripten_date_now(); }
};

class ApiTransport final : public Transport {
  public:
    explicit ApiTransport(ApiClient& api) : api_(api) {}
    int Send(ApiRequest request) override { return api_.Send(std::move(request)); }

  private:
    ApiClient& api_;
};

}  // namespace portal
