// Per-address limit on authentication calls: a fixed one-minute window per IP, in memory.
// (Per-account throttling lives in Storage so it holds across restarts and servers.)
#pragma once
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "server/storage.h"

namespace portal::server {

class RateLimiter {
  public:
    explicit RateLimiter(int64_t per_minute) : per_minute_(per_minute) {}
    // Counts one call from `address`; returns 0 when allowed, else the seconds until the
    // address may try again.
    int64_t Take(const std::string& address, Seconds now);

  private:
    struct Window {
        Seconds start = 0;
        int64_t count = 0;
    };
    int64_t per_minute_;
    std::mutex mutex_;
    std::unordered_map<std::string, Window> windows_;
    Seconds last_prune_ = 0;
};

}  // namespace portal::server
