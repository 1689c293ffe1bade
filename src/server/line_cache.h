// Decoded line stores kept in memory per customer, so /lines and /contract do not read and
// decrypt 100,000 rows per request. Entries are keyed by the customer's lines revision (an
// import invalidates them) and evicted least-recently-used beyond a byte budget, so memory
// stays flat however many customers log in.
#pragma once
#include <atomic>
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "engine/model.h"
#include "engine/sort.h"
#include "server/storage.h"

namespace portal::server {

struct LineCounts {
    int64_t issued = 0, active = 0, cancelled = 0;
};

class CustomerLines {
  public:
    // Lines read as rows; `packed_v2`, when not null, is FullV2() as the storage kept it.
    CustomerLines(Customer customer, LineStore store, std::shared_ptr<const std::string> packed_v2 = nullptr);
    // Lines kept only as the stored version 2 payload: /lines sends it as it is, and the store is
    // decoded from it the first time something needs rows (counts, filters, CSV, version 1).
    CustomerLines(Customer customer, std::shared_ptr<const std::string> packed_v2);
    // The decoded lines. Throws std::runtime_error if a stored payload does not decode (the
    // request then gets 503 and the server log says why).
    const LineStore& Store();
    size_t RowCount() const { return row_count_; }  // without decoding
    // Lines issued, in service and cancelled on `as_of`. Before anything decoded the rows, they are
    // counted from the stored payload's date columns alone (no store of every row is built).
    LineCounts Counts(DateKey as_of);
    // GET /contract's body on `as_of`, encoded once per day: the customer's fields only change
    // with an import, which bumps the revision and so makes a new entry.
    std::shared_ptr<const std::string> ContractJson(DateKey as_of);
    // Filtered and sorted rows (the order cache is shared, so this takes the entry's lock).
    std::vector<uint32_t> Query(const LineFilter& filter, const LineSort& sort, DateKey as_of);
    // The unfiltered payloads are what the client asks for most: encode once, serve many times.
    std::shared_ptr<const std::string> FullJson();
    std::shared_ptr<const std::string> FullBinary();
    // The same, gzip-compressed once (level 6) for clients that accept it; nullptr if it failed.
    std::shared_ptr<const std::string> FullJsonGzip();
    std::shared_ptr<const std::string> FullBinaryGzip();
    // The version 2 payload (brotli inside), as stored at import or encoded once here.
    std::shared_ptr<const std::string> FullV2();
    size_t MemoryBytes();

  private:
    // How many lines end on each date (kNoDate: no end date), from the store or the payload.
    const std::map<DateKey, int64_t>& EndDateCounts();

    const Customer customer_;                             // as it was when the lines were loaded
    const std::shared_ptr<const std::string> stored_v2_;  // never changes: read without a lock
    const size_t row_count_;
    std::mutex decode_mutex_;  // taken after mutex_ when both are needed, never before
    bool store_ready_ = false;
    std::atomic<size_t> store_bytes_{0};
    LineStore store_;
    bool end_dates_ready_ = false;  // under decode_mutex_, like the store
    std::map<DateKey, int64_t> end_date_counts_;
    std::mutex mutex_;
    LineOrderCache orders_;
    DateKey counts_as_of_ = kNoDate;
    LineCounts counts_;
    DateKey contract_as_of_ = kNoDate;
    std::shared_ptr<const std::string> contract_json_;
    std::shared_ptr<const std::string> full_v2_;
    std::shared_ptr<const std::string> full_binary_gzip_;
    std::shared_ptr<const std::string> full_json_, full_binary_, full_json_gzip_;
};

class LineCache {
  public:
    explicit LineCache(size_t budget_bytes) : budget_bytes_(budget_bytes) {}
    // nullptr with `error` when the lines cannot be loaded. An entry newer than `customer` (a
    // session remembered from before an import) is used as it is.
    std::shared_ptr<CustomerLines> Get(Storage& storage, const Customer& customer, std::string& error);
    // Loads the customer's lines unless they are cached already, and decodes them, so that
    // /contract, filters and CSV are answered from memory too (the warm-up at login).
    void Warm(Storage& storage, const Customer& customer);

  private:
    struct Entry {
        int64_t revision;
        std::shared_ptr<CustomerLines> lines;
        std::list<int64_t>::iterator recent;
    };
    void EvictOverBudget(int64_t keep);

    size_t budget_bytes_;
    std::mutex mutex_;
    std::mutex load_mutex_;  // one load at a time: two requests for a cold customer load it once
    std::unordered_map<int64_t, Entry> entries_;
    std::list<int64_t> recent_;  // front = most recently used
};

}  // namespace portal::server
