// PLN2 encoder: each block of rows column by column, then the whole body through brotli.
#include <brotli/encode.h>

#include <algorithm>
#include <cstring>
#include <unordered_map>

#include "engine/lines_payload_v2.h"
#include "engine/lines_v2_format.h"

namespace portal {
namespace {

using namespace lines_v2;

void PutU32(uint32_t value, std::string& out) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

bool AllDigits(std::string_view text) {
    if (text.size() > kMaxDigits) return false;
    for (char c : text)
        if (c < '0' || c > '9') return false;
    return true;
}

uint64_t DigitValue(std::string_view text) {
    uint64_t value = 0;
    for (char c : text) value = value * 10 + static_cast<uint64_t>(c - '0');
    return value;
}

// One block's rows, as indexes into the store.
struct Block {
    const LineStore& store;
    const std::vector<uint32_t>* rows;
    size_t first, count;
    uint32_t Row(size_t i) const {
        return rows != nullptr ? (*rows)[first + i] : static_cast<uint32_t>(first + i);
    }
};

int64_t NumberAt(const Block& b, LineColumn column, size_t i) {
    const uint32_t row = b.Row(i);
    switch (column) {
        case LineColumn::No:
            return b.store.No(row);
        case LineColumn::Channels:
            return b.store.Channels(row);
        case LineColumn::StartDate:
            return DateValue(b.store.StartDate(row));
        default:
            return DateValue(b.store.EndDate(row));
    }
}

Encoding EncodeNumbers(const Block& b, LineColumn column, std::string& out) {
    if (column == LineColumn::EndDate) {
        for (size_t i = 0; i < b.count; ++i) {
            const int64_t end = NumberAt(b, column, i);
            const int64_t start = NumberAt(b, LineColumn::StartDate, i);
            PutVarint(end == 0 ? 0 : ZigZag(end - start) + 1, out);
        }
        return kEndFromStart;
    }
    int64_t previous = 0;
    for (size_t i = 0; i < b.count; ++i) {
        const int64_t value = NumberAt(b, column, i);
        PutVarint(ZigZag(value - previous), out);
        previous = value;
    }
    return kDeltaInts;
}

// Few distinct values (caller ID, hunt group): a dictionary; all digit strings (phone, account
// ID): numbers as deltas; anything else: lengths and text.
Encoding EncodeText(const Block& b, LineColumn column, std::string& out) {
    const StringColumn& text = b.store.TextColumn(column);
    const size_t dictionary_limit = std::min<size_t>(4096, b.count / 4);
    std::unordered_map<std::string_view, uint32_t> index;
    std::vector<std::string_view> entries;
    bool digits = true;
    for (size_t i = 0; i < b.count && (entries.size() <= dictionary_limit || digits); ++i) {
        const std::string_view cell = text.Get(b.Row(i));
        if (digits && !AllDigits(cell)) digits = false;
        if (entries.size() <= dictionary_limit && index.emplace(cell, entries.size()).second)
            entries.push_back(cell);
    }
    if (entries.size() <= dictionary_limit) {
        PutVarint(entries.size(), out);
        for (std::string_view entry : entries) {
            PutVarint(entry.size(), out);
            out.append(entry);
        }
        for (size_t i = 0; i < b.count; ++i) PutVarint(index[text.Get(b.Row(i))], out);
        return kDictionaryText;
    }
    if (digits) {
        uint64_t previous = 0;
        for (size_t i = 0; i < b.count; ++i) {
            const std::string_view cell = text.Get(b.Row(i));
            PutVarint(cell.size(), out);
            if (cell.empty()) continue;
            const uint64_t value = DigitValue(cell);
            PutVarint(ZigZag(static_cast<int64_t>(value - previous)), out);
            previous = value;
        }
        return kDigitText;
    }
    for (size_t i = 0; i < b.count; ++i) PutVarint(text.Get(b.Row(i)).size(), out);
    for (size_t i = 0; i < b.count; ++i) out.append(text.Get(b.Row(i)));
    return kPlainText;
}

void EncodeBlock(const Block& b, std::string& body) {
    std::string columns, data;
    for (const LineColumnInfo& info : LineColumns()) {
        data.clear();
        const Encoding encoding = LinesColumnIsNumber(info.column) ? EncodeNumbers(b, info.column, data)
                                                                   : EncodeText(b, info.column, data);
        columns.push_back(static_cast<char>(info.column));
        columns.push_back(static_cast<char>(encoding));
        PutVarint(data.size(), columns);
        columns.append(data);
    }
    PutVarint(b.count, body);
    PutVarint(columns.size(), body);
    body.append(columns);
}

// Brotli with a flush after every block: a flush ends a meta-block, so a streaming reader gets
// each block out of the decoder as soon as its bytes have arrived (without it the decoder holds
// everything in its window until the end).
class BrotliWriter {
  public:
    BrotliWriter(int quality, size_t size_hint, std::string& out)
        : state_(BrotliEncoderCreateInstance(nullptr, nullptr, nullptr)), out_(out) {
        BrotliEncoderSetParameter(state_, BROTLI_PARAM_QUALITY, static_cast<uint32_t>(quality));
        BrotliEncoderSetParameter(state_, BROTLI_PARAM_LGWIN, 22);
        BrotliEncoderSetParameter(state_, BROTLI_PARAM_SIZE_HINT, static_cast<uint32_t>(size_hint));
    }
    ~BrotliWriter() { BrotliEncoderDestroyInstance(state_); }
    void Write(std::string_view bytes, BrotliEncoderOperation operation) {
        size_t in_left = bytes.size();
        const uint8_t* in = reinterpret_cast<const uint8_t*>(bytes.data());
        do {
            size_t out_left = 0;
            BrotliEncoderCompressStream(state_, operation, &in_left, &in, &out_left, nullptr, nullptr);
            size_t size = 0;
            const uint8_t* produced = BrotliEncoderTakeOutput(state_, &size);
            out_.append(reinterpret_cast<const char*>(produced), size);
        } while (in_left > 0 || BrotliEncoderHasMoreOutput(state_) ||
                 (operation == BROTLI_OPERATION_FINISH && !BrotliEncoderIsFinished(state_)));
    }

  private:
    BrotliEncoderState* state_;
    std::string& out_;
};

}  // namespace

std::string EncodeLinesV2(const LineStore& store, const std::vector<uint32_t>* rows, int quality,
                          size_t first_block_rows) {
    first_block_rows = std::clamp<size_t>(first_block_rows, 1, kLinesV2BlockRows);
    const size_t count = rows != nullptr ? rows->size() : store.Size();
    std::string out(kMagic, sizeof kMagic);
    PutU32(kVersion, out);
    PutU32(static_cast<uint32_t>(count), out);
    PutU32(0, out);  // the body's length, known at the end
    size_t body_bytes = 0;
    {
        BrotliWriter brotli(quality < 0 ? 0 : quality > 11 ? 11 : quality, count * 24, out);
        std::string block;
        for (size_t first = 0; first < count;) {
            const size_t block_rows =
                std::min(first == 0 ? first_block_rows : kLinesV2BlockRows, count - first);
            block.clear();
            EncodeBlock(Block{store, rows, first, block_rows}, block);
            first += block_rows;
            body_bytes += block.size();
            brotli.Write(block, BROTLI_OPERATION_FLUSH);
        }
        brotli.Write(std::string_view(), BROTLI_OPERATION_FINISH);
    }
    for (int i = 0; i < 4; ++i) out[12 + i] = static_cast<char>((body_bytes >> (8 * i)) & 0xFF);
    PutU32(PayloadCrc(0, out), out);
    return out;
}

}  // namespace portal
