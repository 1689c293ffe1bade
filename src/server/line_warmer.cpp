// One background thread that loads queued customers' lines into the line cache.
#include "server/line_warmer.h"

#include <algorithm>
#include <cstdio>

namespace portal::server {
namespace {

// Each load holds a customer's decoded lines; many at once would only evict each other.
constexpr size_t kMaxQueued = 8;

}  // namespace

LineWarmer::LineWarmer(Storage& storage, LineCache& cache)
    : storage_(storage), cache_(cache), worker_([this] { Run(); }) {}

LineWarmer::~LineWarmer() {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping_ = true;
        queue_.clear();
    }
    wake_.notify_all();
    worker_.join();
}

void LineWarmer::Warm(const Customer& customer) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        const bool queued = std::any_of(queue_.begin(), queue_.end(),
                                        [&customer](const Customer& c) { return c.id == customer.id; });
        if (queued || queue_.size() >= kMaxQueued) return;
        queue_.push_back(customer);
    }
    std::fprintf(stderr, "lines: warm-up of customer %lld queued\n", static_cast<long long>(customer.id));
    wake_.notify_one();
}

void LineWarmer::Run() {
    std::unique_lock<std::mutex> lock(mutex_);
    while (true) {
        wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        Customer customer = std::move(queue_.front());
        queue_.pop_front();
        lock.unlock();
        cache_.Warm(storage_, customer);
        lock.lock();
    }
}

}  // namespace portal::server
