// The measured steps for one data size: payload decode, each filter, sorted first page, CSV and
// memory, each beside the JavaScript baseline where it has one.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "bench_report.h"
#include "engine/date.h"

namespace bench {

struct CaseOptions {
    size_t lines = 0;
    int runs = 7;
    uint64_t seed = 0x050050050ull;
    portal::DateKey as_of = portal::MakeDateKey(2026, 11, 25);
};

// Appends notes (checks that failed, fingerprints, payload sizes) to `notes`; `failures` counts
// functional errors (a payload that does not decode, results that disagree), not missed targets.
BenchSection RunLineBenchmarks(const CaseOptions& options, std::vector<std::string>& notes, int& failures);

}  // namespace bench
