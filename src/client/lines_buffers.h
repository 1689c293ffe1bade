// The lines decoded in the decode worker on their way to the app: the order in which a LineStore's
// columns cross as plain buffers, and what the app receives for each step of the decode.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/model.h"
#include "engine/result.h"

namespace portal {

// Buffer i of a store, as both sides number them: 0 No (uint32 per row), 1 start date, 2 end date
// (DateKey per row), 3 channels (uint16 per row), then for each text column in the engine's column
// order its offsets (uint32, rows + 1) and its text.
constexpr int kLinesNumberBuffers = 4;
const std::vector<LineColumn>& LinesTextColumns();
int LinesBufferCount();
// Where buffer `index` of `store` lies, and its size in bytes; {nullptr, 0} past the last one.
struct LinesBufferView {
    const void* data = nullptr;
    size_t bytes = 0;
};
LinesBufferView LinesBuffer(const LineStore& store, int index);

// A store being filled buffer by buffer from outside (JavaScript copies each buffer the worker
// sent straight into the memory returned by Buffer), then checked and taken whole by Take.
class LinesBufferSink {
  public:
    explicit LinesBufferSink(size_t rows);
    // Room for `bytes` of buffer `index`; nullptr when the size does not fit the rows or the index
    // is unknown (then Take fails).
    void* Buffer(int index, size_t bytes);
    // The store, once every buffer was given and the text offsets index their text; else an error.
    Result<LineStore> Take();

  private:
    size_t rows_;
    bool bad_ = false;
    std::vector<bool> given_;
    LineStore store_;
    std::vector<std::vector<uint32_t>> offsets_;
    std::vector<std::string> texts_;
};

// One step of the worker's decode as the app receives it: rows decoded of rows expected; the
// first rows (once) or every line (at the end) as a store; or the payload's error.
struct DecodedLines {
    size_t rows_decoded = 0, rows_expected = 0;
    double decode_ms = 0.0;  // the worker's decoding so far
    double adopt_ms = 0.0;   // copying the columns into the app's memory
    std::shared_ptr<LineStore> store;
    bool complete = false;
    bool failed = false;
    Error error;
};

}  // namespace portal
