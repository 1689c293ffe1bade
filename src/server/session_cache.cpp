// SessionCache: entries fresh for a moment (or until a notification says otherwise), pruned as
// often so memory stays flat.
#include "server/session_cache.h"

#include <mutex>

namespace portal::server {

std::optional<SessionCache::Entry> SessionCache::Get(const std::string& token_hash) {
    if (!Enabled()) return std::nullopt;
    if (sync_ && !sync_()) return std::nullopt;  // not known to be up to date: read the database
    std::shared_lock<std::shared_mutex> lock(mutex_);
    if (!trusted_) return std::nullopt;
    auto it = entries_.find(token_hash);
    if (it == entries_.end() || Clock::now() - it->second.fetched >= fresh_for_) return std::nullopt;
    return it->second.entry;
}

void SessionCache::Put(const Entry& entry, uint64_t epoch) {
    if (!Enabled()) return;
    const auto now = Clock::now();
    std::unique_lock<std::shared_mutex> lock(mutex_);
    if (!trusted_ || epoch != epoch_.load()) return;  // it may predate an invalidation
    if (now - last_prune_ >= fresh_for_) {
        for (auto it = entries_.begin(); it != entries_.end();)
            it = now - it->second.fetched >= fresh_for_ ? entries_.erase(it) : std::next(it);
        last_prune_ = now;
    }
    entries_[entry.session.token_hash] = Stored{entry, now};
}

void SessionCache::Erase(const std::string& token_hash) {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    entries_.erase(token_hash);
}

void SessionCache::FollowNotifications(std::function<bool()> sync) {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    sync_ = std::move(sync);
    follows_notifications_ = true;
    trusted_ = false;
    Invalidate();
}

void SessionCache::Invalidate() {
    entries_.clear();
    epoch_.fetch_add(1);
}

void SessionCache::Restart() {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    Invalidate();
    trusted_ = true;
}

void SessionCache::Suspend() {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    Invalidate();
    trusted_ = !follows_notifications_;
}

void SessionCache::SessionEnded(const std::string& token_hash) {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    entries_.erase(token_hash);
    epoch_.fetch_add(1);
}

void SessionCache::SessionTouched(const std::string& token_hash, Seconds last_seen_at) {
    // Not an invalidation: a stale last_seen_at only shortens the idle time left, and an expiry
    // is confirmed by the database before it is acted on (AuthService::Authenticate).
    std::unique_lock<std::shared_mutex> lock(mutex_);
    auto it = entries_.find(token_hash);
    if (it != entries_.end() && it->second.entry.session.last_seen_at < last_seen_at)
        it->second.entry.session.last_seen_at = last_seen_at;
}

void SessionCache::CustomerChanged(int64_t customer_id) {
    std::unique_lock<std::shared_mutex> lock(mutex_);
    for (auto it = entries_.begin(); it != entries_.end();)
        it = it->second.entry.session.customer_id == customer_id ? entries_.erase(it) : std::next(it);
    epoch_.fetch_add(1);
}

}  // namespace portal::server
