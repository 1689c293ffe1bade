// What the generated data looks like (printed under the table) and the checks that keep the
// generator honest: unique numbers of the right lengths, ~85% in service, dates in range.
#pragma once
#include <string>
#include <vector>

#include "engine/model.h"

namespace bench {

struct DataProfile {
    std::string summary;                // one line for the notes
    std::vector<std::string> problems;  // empty when the data is as sample_data.h promises
};

DataProfile ProfileLines(const portal::LineStore& store, portal::DateKey as_of);

}  // namespace bench
