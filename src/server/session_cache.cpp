// SessionCache: entries fresh for a moment, pruned as often so memory stays flat.
#include "server/session_cache.h"

#include <mutex>

namespace portal::server {

std::optional<SessionCache::Entry> SessionCache::Get(const std::string& token_hash) {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    auto it = entries_.find(token_hash);
    if (it == entries_.end() || Clock::now() - it->second.fetched >= fresh_for_) return std::nullopt;
    return it->second.entry;
}

void SessionCache::Put(const Entry& entry) {
    if (fresh_for_.count() <= 0) return;
    const auto now = Clock::now();
    std::unique_lock<std::shared_mutex> lock(mutex_);
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

}  // namespace portal::server
