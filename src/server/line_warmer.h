// Loads a customer's lines into the line cache in the background once their password is right,
// so the first /lines after the e-mailed code is answered from memory.
#pragma once
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "server/line_cache.h"
#include "server/storage.h"

namespace portal::server {

class LineWarmer {
  public:
    LineWarmer(Storage& storage, LineCache& cache);
    ~LineWarmer();  // drops what is still queued and waits for the load under way
    LineWarmer(const LineWarmer&) = delete;
    LineWarmer& operator=(const LineWarmer&) = delete;

    // Queues a load and returns at once. A customer already queued is not queued twice, and
    // beyond a few pending customers the request is dropped: their /lines then loads on demand.
    void Warm(const Customer& customer);

  private:
    void Run();

    Storage& storage_;
    LineCache& cache_;
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Customer> queue_;
    bool stopping_ = false;
    std::thread worker_;  // last: starts once the members above exist
};

}  // namespace portal::server
