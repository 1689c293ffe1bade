// LRU cache of decoded line stores.
#include "server/line_cache.h"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <stdexcept>

#include "engine/codec.h"
#include "engine/lines_payload_v2.h"
#include "server/gzip.h"

namespace portal::server {

namespace {
// CPU time of the calling thread: on a loaded machine the wall-clock time of a load mostly
// measures waiting for a core, this what the load itself costs.
int64_t ThreadCpuMs() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<int64_t>(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

size_t RowCountOf(const std::shared_ptr<const std::string>& packed_v2) {
    size_t rows = 0;
    if (!packed_v2 || !PeekLinesV2RowCount(*packed_v2, rows))
        throw std::invalid_argument("not a PLN2 payload");
    return rows;
}
}  // namespace

CustomerLines::CustomerLines(Customer customer, LineStore store, std::shared_ptr<const std::string> packed_v2)
    : customer_(std::move(customer)),
      stored_v2_(std::move(packed_v2)),
      row_count_(store.Size()),
      store_ready_(true),
      store_bytes_(store.MemoryBytes()),
      store_(std::move(store)) {}

CustomerLines::CustomerLines(Customer customer, std::shared_ptr<const std::string> packed_v2)
    : customer_(std::move(customer)), stored_v2_(std::move(packed_v2)), row_count_(RowCountOf(stored_v2_)) {}

const LineStore& CustomerLines::Store() {
    std::lock_guard<std::mutex> lock(decode_mutex_);
    if (!store_ready_) {
        const auto started = std::chrono::steady_clock::now();
        const int64_t cpu_started = ThreadCpuMs();
        auto decoded = DecodeLinesV2(*stored_v2_);
        if (!decoded)
            throw std::runtime_error("lines: customer " + std::to_string(customer_.id) +
                                     ": the stored payload does not decode: " + decoded.error().message.en);
        store_ = decoded.take();
        store_ready_ = true;
        store_bytes_ = store_.MemoryBytes();
        std::fprintf(stderr, "lines: customer %lld decoded (%zu lines) in %lld ms (CPU %lld ms)\n",
                     static_cast<long long>(customer_.id), store_.Size(),
                     static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                std::chrono::steady_clock::now() - started)
                                                .count()),
                     static_cast<long long>(ThreadCpuMs() - cpu_started));
    }
    return store_;
}

const std::map<DateKey, int64_t>& CustomerLines::EndDateCounts() {
    std::lock_guard<std::mutex> lock(decode_mutex_);
    if (end_dates_ready_) return end_date_counts_;
    if (store_ready_) {
        for (size_t row = 0; row < store_.Size(); ++row) ++end_date_counts_[store_.EndDate(row)];
    } else {
        const auto started = std::chrono::steady_clock::now();
        const int64_t cpu_started = ThreadCpuMs();
        auto end_dates = DecodeLinesV2EndDates(*stored_v2_);
        if (!end_dates)
            throw std::runtime_error("lines: customer " + std::to_string(customer_.id) +
                                     ": the stored payload does not decode: " + end_dates.error().message.en);
        for (DateKey end : end_dates.value()) ++end_date_counts_[end];
        std::fprintf(stderr,
                     "lines: customer %lld counted (%zu lines) from the payload in %lld ms (CPU %lld ms)\n",
                     static_cast<long long>(customer_.id), end_dates.value().size(),
                     static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                std::chrono::steady_clock::now() - started)
                                                .count()),
                     static_cast<long long>(ThreadCpuMs() - cpu_started));
    }
    end_dates_ready_ = true;
    return end_date_counts_;
}

LineCounts CustomerLines::Counts(DateKey as_of) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (counts_as_of_ == as_of) return counts_;
    }
    LineCounts counts;
    counts.issued = static_cast<int64_t>(row_count_);
    for (const auto& [end, lines] : EndDateCounts())  // never changes once counted
        if (IsInService(end, as_of)) counts.active += lines;
    counts.cancelled = counts.issued - counts.active;
    std::lock_guard<std::mutex> lock(mutex_);
    counts_ = counts;
    counts_as_of_ = as_of;
    return counts_;
}

std::shared_ptr<const std::string> CustomerLines::ContractJson(DateKey as_of) {
    const Customer& c = customer_;
    const LineCounts counts = Counts(as_of);
    std::lock_guard<std::mutex> lock(mutex_);
    if (!contract_json_ || contract_as_of_ != as_of) {
        Contract contract;
        contract.contractor_name = c.contractor_name;
        contract.plan = c.plan;
        contract.as_of = as_of;
        contract.call_details_available = c.call_details;
        contract.summary = ContractSummary{c.service_name, c.customer_code, c.sip_proxy,      c.sip_domain,
                                           counts.issued,  counts.active,   counts.cancelled, c.charge_plan};
        contract_json_ = std::make_shared<const std::string>(EncodeContractJson(contract));
        contract_as_of_ = as_of;
    }
    return contract_json_;
}

std::vector<uint32_t> CustomerLines::Query(const LineFilter& filter, const LineSort& sort, DateKey as_of) {
    const LineStore& store = Store();
    std::lock_guard<std::mutex> lock(mutex_);
    return QueryLines(store, orders_, filter, sort, as_of);
}

std::shared_ptr<const std::string> CustomerLines::FullJson() {
    const LineStore& store = Store();
    std::lock_guard<std::mutex> lock(mutex_);
    if (!full_json_) full_json_ = std::make_shared<const std::string>(EncodeLinesJson(store, nullptr));
    return full_json_;
}

std::shared_ptr<const std::string> CustomerLines::FullBinary() {
    const LineStore& store = Store();
    std::lock_guard<std::mutex> lock(mutex_);
    if (!full_binary_) full_binary_ = std::make_shared<const std::string>(EncodeLinesBinary(store, nullptr));
    return full_binary_;
}

namespace {
std::shared_ptr<const std::string> Compressed(const std::shared_ptr<const std::string>& plain) {
    std::string packed = Gzip(*plain);
    return packed.empty() ? nullptr : std::make_shared<const std::string>(std::move(packed));
}
}  // namespace

std::shared_ptr<const std::string> CustomerLines::FullJsonGzip() {
    auto plain = FullJson();
    std::lock_guard<std::mutex> lock(mutex_);
    if (!full_json_gzip_) full_json_gzip_ = Compressed(plain);
    return full_json_gzip_;
}

std::shared_ptr<const std::string> CustomerLines::FullBinaryGzip() {
    auto plain = FullBinary();
    std::lock_guard<std::mutex> lock(mutex_);
    if (!full_binary_gzip_) full_binary_gzip_ = Compressed(plain);
    return full_binary_gzip_;
}

std::shared_ptr<const std::string> CustomerLines::FullV2() {
    if (stored_v2_) return stored_v2_;
    const LineStore& store = Store();
    std::lock_guard<std::mutex> lock(mutex_);
    if (!full_v2_) full_v2_ = std::make_shared<const std::string>(EncodeLinesV2(store, nullptr));
    return full_v2_;
}

size_t CustomerLines::MemoryBytes() {
    std::lock_guard<std::mutex> lock(mutex_);
    return store_bytes_ + orders_.MemoryBytes() + (stored_v2_ ? stored_v2_->capacity() : 0) +
           (full_json_ ? full_json_->capacity() : 0) + (full_binary_ ? full_binary_->capacity() : 0) +
           (full_json_gzip_ ? full_json_gzip_->capacity() : 0) +
           (full_binary_gzip_ ? full_binary_gzip_->capacity() : 0) + (full_v2_ ? full_v2_->capacity() : 0);
}

std::shared_ptr<CustomerLines> LineCache::Get(Storage& storage, const Customer& customer,
                                              std::string& error) {
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto it = entries_.find(customer.id);
        if (it != entries_.end() && it->second.revision >= customer.lines_revision) {
            recent_.splice(recent_.begin(), recent_, it->second.recent);
            return it->second.lines;
        }
    }
    std::lock_guard<std::mutex> loading(load_mutex_);
    {
        std::lock_guard<std::mutex> lock(mutex_);  // another request may have loaded it meanwhile
        auto it = entries_.find(customer.id);
        if (it != entries_.end() && it->second.revision >= customer.lines_revision) return it->second.lines;
    }
    const auto started = std::chrono::steady_clock::now();
    const int64_t cpu_started = ThreadCpuMs();
    LineStore store;
    std::string packed_v2;
    if (!storage.LoadLinesPacked(customer.id, store, packed_v2, error)) return nullptr;
    auto packed = packed_v2.empty() ? nullptr : std::make_shared<const std::string>(std::move(packed_v2));
    // A payload served as it was stored: its rows are decoded only when something needs them.
    size_t stored_rows = 0;
    const bool as_stored = packed && store.Size() == 0 && PeekLinesV2RowCount(*packed, stored_rows);
    auto lines = as_stored ? std::make_shared<CustomerLines>(customer, std::move(packed))
                           : std::make_shared<CustomerLines>(customer, std::move(store), std::move(packed));
    const size_t count = lines->RowCount();
    // One line per load: operators see what a cold customer costs, tests see that a load happened.
    std::fprintf(stderr, "lines: customer %lld loaded (%zu lines, revision %lld) in %lld ms (CPU %lld ms)\n",
                 static_cast<long long>(customer.id), count, static_cast<long long>(customer.lines_revision),
                 static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                            std::chrono::steady_clock::now() - started)
                                            .count()),
                 static_cast<long long>(ThreadCpuMs() - cpu_started));
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = entries_.find(customer.id);
    if (it != entries_.end()) {
        recent_.erase(it->second.recent);
        entries_.erase(it);
    }
    recent_.push_front(customer.id);
    entries_[customer.id] = Entry{customer.lines_revision, lines, recent_.begin()};
    EvictOverBudget(customer.id);
    return lines;
}

void LineCache::Warm(Storage& storage, const Customer& customer) {
    std::string error;
    auto lines = Get(storage, customer, error);
    try {
        if (lines) lines->Store();
    } catch (const std::exception& e) {
        error = e.what();
        lines = nullptr;
    }
    if (!lines)
        std::fprintf(stderr, "lines: warm-up of customer %lld failed: %s\n",
                     static_cast<long long>(customer.id), error.c_str());
}

void LineCache::EvictOverBudget(int64_t keep) {
    size_t total = 0;
    for (auto& [id, entry] : entries_) total += entry.lines->MemoryBytes();
    while (total > budget_bytes_ && recent_.size() > 1 && recent_.back() != keep) {
        auto it = entries_.find(recent_.back());
        total -= it->second.lines->MemoryBytes();
        entries_.erase(it);
        recent_.pop_back();
    }
}

}  // namespace portal::server
