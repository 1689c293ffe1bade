// Fixed-window counter per address; stale windows are pruned once a minute so memory stays flat.
#include "server/rate_limiter.h"

namespace portal::server {

int64_t RateLimiter::Take(const std::string& address, Seconds now) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (now - last_prune_ >= 60) {
        for (auto it = windows_.begin(); it != windows_.end();)
            it = now - it->second.start >= 60 ? windows_.erase(it) : std::next(it);
        last_prune_ = now;
    }
    Window& window = windows_[address];
    if (now - window.start >= 60) window = Window{now, 0};
    if (window.count >= per_minute_) return window.start + 60 - now;
    ++window.count;
    return 0;
}

}  // namespace portal::server
