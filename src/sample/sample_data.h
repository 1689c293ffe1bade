// Deterministic synthetic contract data for benchmarks, tests and the server's demo customers:
// the same seed gives byte-identical data natively and in WASM (own PRNG, integer arithmetic only).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/date.h"
#include "engine/model.h"

namespace portal {

// Small, fast PRNG (splitmix64). std::mt19937 and the std distributions are not specified
// bit-for-bit across standard libraries, so native and WASM could disagree; this cannot.
class SampleRandom {
  public:
    explicit SampleRandom(uint64_t seed) : state_(seed) {}
    uint64_t Next() {
        uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, n) for n < 2^32 (multiply-shift: no modulo, bias below 2^-32).
    uint32_t Below(uint32_t n) { return static_cast<uint32_t>(((Next() >> 32) * n) >> 32); }
    // Uniform in [lo, hi], both inclusive.
    uint32_t Between(uint32_t lo, uint32_t hi) { return lo + Below(hi - lo + 1); }
    // True with probability per_mille / 1000.
    bool PerMille(uint32_t per_mille) { return Below(1000) < per_mille; }

  private:
    uint64_t state_;
};

// `count` lines of one large company, numbered 1..count in application order (start date
// ascending), as a real 050 contract looks:
//  - about 95% 11-digit 050 numbers, unique, handed out in runs inside blocks of 1,000 numbers
//    spread over several 7-digit prefixes (050XXXX), so a 7-digit prefix selects a realistic
//    subset (about 0.3% of the lines at 1,000,000 lines, a few percent at 10,000);
//  - the rest 10-digit 0AB-J numbers (03, 06, 045, 052 ...) in blocks of 100;
//  - account ID "81" + the number without its leading 0 (as the manual's sample shows);
//  - two random 6-character [A-Za-z0-9] passwords per line; channels 1-4;
//  - start dates spread over 2010-01-01 .. 2026-10-31, never after `as_of` (an as_of before 2010
//    moves the window back before it); kNoDate as_of = no cancellations;
//  - about 15% cancelled (end date before `as_of`), about 1% with a cancellation being processed
//    (end date on/after `as_of`, so still in service);
//  - caller-ID number, hunt group and mobile-choice number (090/080/070) on some lines.
// 1,000,000 lines take well under a second natively.
LineStore GenerateSampleLines(size_t count, uint64_t seed, DateKey as_of);

// Average calls per number and month used by the usage and call generators (the two agree).
constexpr uint32_t kSampleMeanCallsPerMonth = 12;

// One month (year, month 1-12) of usage for every line in service at some point of that month.
// Each number's totals are exactly the sums of GenerateSampleCalls for that number and month,
// so the usage and call-detail screens tell the same story. `report.months` holds only `month`;
// the caller lists the months it keeps.
UsageReport GenerateSampleUsage(const LineStore& lines, int year, int month, uint64_t seed,
                                uint32_t mean_calls_per_month = kSampleMeanCallsPerMonth);

// The calls of one number from `from` to `to` (inclusive JST dates), sorted by start time.
// Depends only on (phone, month, seed), not on the store, so any range agrees with the usage.
CallDetailReport GenerateSampleCalls(std::string_view phone, DateKey from, DateKey to, uint64_t seed,
                                     uint32_t mean_calls_per_month = kSampleMeanCallsPerMonth);

}  // namespace portal
