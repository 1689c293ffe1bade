// PLN2 reader: brotli's streaming decoder feeds a buffer that holds at most one block; each
// complete block is checked in full and appended to the store, so a reader can show progress.
#include <brotli/decode.h>

#include <algorithm>
#include <cstring>

#include "engine/lines_payload_v2.h"
#include "engine/lines_v2_format.h"
#include "engine/payload_error.h"
#include "engine/utf8.h"

namespace portal {
namespace {

using namespace lines_v2;

uint32_t GetU32(const char* p) {
    uint32_t value = 0;
    for (int i = 0; i < 4; ++i) value |= static_cast<uint32_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    return value;
}

// Reads one column's data; every method returns false at the first problem, with `why` set.
class ColumnReader {
  public:
    ColumnReader(const unsigned char* p, const unsigned char* end) : p_(p), end_(end) {}
    bool Varint(uint64_t& v) { return GetVarint(p_, end_, v) || Why("a number is cut off"); }
    bool Bytes(size_t n, std::string_view& out) {
        if (static_cast<size_t>(end_ - p_) < n) return Why("text is cut off");
        out = std::string_view(reinterpret_cast<const char*>(p_), n);
        p_ += n;
        return true;
    }
    bool AtEnd() { return p_ == end_ || Why(std::to_string(end_ - p_) + " unexpected bytes at the end"); }
    bool Why(std::string reason) {
        why = std::move(reason);
        return false;
    }
    std::string why;

  private:
    const unsigned char* p_;
    const unsigned char* end_;
};

// A day number back to a date; false for a day no calendar date has in years 1 … 9999.
bool DateFromValue(int64_t value, DateKey& date) {
    if (value == 0) return date = kNoDate, true;
    constexpr int64_t kFirst = -719162 + 1, kLast = 2932896 + 1;  // 0001-01-01, 9999-12-31
    if (value < kFirst || value > kLast) return false;
    date = DateKeyFromDays(value - 1);
    return IsValidCalendarDate(DateYear(date), DateMonth(date), DateDay(date));
}

bool ReadNumbers(ColumnReader& in, LineColumn column, uint8_t encoding, size_t rows, LineStore& store,
                 size_t first_row) {
    const bool is_end = column == LineColumn::EndDate;
    if (encoding != (is_end ? kEndFromStart : kDeltaInts)) return in.Why("wrong encoding for this column");
    int64_t previous = 0;
    for (size_t i = 0; i < rows; ++i) {
        uint64_t raw;
        if (!in.Varint(raw)) return false;
        int64_t value;
        if (is_end) {
            const int64_t start = DateValue(store.StartDate(first_row + i));
            value = raw == 0 ? 0 : start + UnZigZag(raw - 1);
        } else {
            value = previous + UnZigZag(raw);  // wraps like the encoder: any 64-bit pattern is fine
            previous = value;
        }
        switch (column) {
            case LineColumn::No:
                if (value < 0 || value > 0xFFFFFFFFll)
                    return in.Why("No " + std::to_string(value) + " out of range");
                store.MutableNo().push_back(static_cast<uint32_t>(value));
                break;
            case LineColumn::Channels:
                if (value < 0 || value > 0xFFFF)
                    return in.Why("channels " + std::to_string(value) + " out of range");
                store.MutableChannels().push_back(static_cast<uint16_t>(value));
                break;
            default: {
                DateKey date;
                if (!DateFromValue(value, date))
                    return in.Why("day " + std::to_string(value) + " is no date");
                (is_end ? store.MutableEndDate() : store.MutableStartDate()).push_back(date);
            }
        }
    }
    return in.AtEnd();
}

bool Utf8(ColumnReader& in, std::string_view text) {
    return IsValidUtf8(text) || in.Why("text is not valid UTF-8");
}

// What one text column of one block needs besides the column it is appended to, kept for the whole
// payload so a million rows allocate it once.
struct TextScratch {
    std::vector<uint32_t> lengths;
    std::vector<std::string_view> entries;
    std::vector<uint32_t> indices;  // a dictionary column's entry per row
    std::vector<uint64_t> values;   // a digit column's number per row
};

// A block's column of text expanded from a dictionary may be larger than the block itself, but
// not without bound: past this the payload is refused rather than allocated.
constexpr size_t kMaxExpandedTextBytes = 4 * kMaxBlockBytes;

// 10^0 … 10^19: a number of `length` digits is below kPowersOfTen[length] (10^19 < 2^64).
constexpr uint64_t kPowersOfTen[kMaxDigits + 1] = {1ull,
                                                   10ull,
                                                   100ull,
                                                   1000ull,
                                                   10000ull,
                                                   100000ull,
                                                   1000000ull,
                                                   10000000ull,
                                                   100000000ull,
                                                   1000000000ull,
                                                   10000000000ull,
                                                   100000000000ull,
                                                   1000000000000ull,
                                                   10000000000000ull,
                                                   100000000000000ull,
                                                   1000000000000000ull,
                                                   10000000000000000ull,
                                                   100000000000000000ull,
                                                   1000000000000000000ull,
                                                   10000000000000000000ull};

// The digits of `value`, `length` of them with leading zeros, written backwards from `end`.
inline void WriteDigits(char* end, size_t length, uint64_t value) {
    for (size_t d = 0; d < length; ++d, value /= 10) *--end = static_cast<char>('0' + value % 10);
}

// Appends the block's `rows` cells of one text column straight to `out`: each encoding reads and
// checks the whole column first, then writes every cell's text in place. A failure leaves `out`
// as it was or with part of the block: the reader then drops the whole store.
bool ReadText(ColumnReader& in, uint8_t encoding, size_t rows, StringColumn& out, TextScratch& scratch) {
    uint64_t n;
    if (encoding == kPlainText) {
        uint64_t total = 0;
        scratch.lengths.resize(rows);
        for (size_t i = 0; i < rows; ++i) {
            if (!in.Varint(n)) return false;
            if (n > kMaxBlockBytes) return in.Why("a text length is too large");
            scratch.lengths[i] = static_cast<uint32_t>(n);
            total += n;
        }
        std::string_view text;
        if (total > kMaxBlockBytes) return in.Why("the text is too long");
        if (!in.Bytes(total, text) || !Utf8(in, text)) return false;
        out.PushMany(text, scratch.lengths);
        return in.AtEnd();
    }
    if (encoding == kDictionaryText) {
        if (!in.Varint(n)) return false;
        if (n > rows) return in.Why("more dictionary entries than rows");
        std::vector<std::string_view>& entries = scratch.entries;
        entries.resize(n);
        for (auto& entry : entries) {
            uint64_t length;
            if (!in.Varint(length) || !in.Bytes(length, entry) || !Utf8(in, entry)) return false;
        }
        scratch.lengths.resize(rows);
        scratch.indices.resize(rows);
        size_t total = 0;
        for (size_t i = 0; i < rows; ++i) {
            if (!in.Varint(n)) return false;
            if (n >= entries.size()) return in.Why("dictionary index " + std::to_string(n) + " out of range");
            scratch.indices[i] = static_cast<uint32_t>(n);
            scratch.lengths[i] = static_cast<uint32_t>(entries[n].size());
            total += entries[n].size();
        }
        if (total > kMaxExpandedTextBytes) return in.Why("the text is too long");
        if (!in.AtEnd()) return false;
        char* at = out.AppendUnwritten(scratch.lengths, total);
        for (size_t i = 0; i < rows; ++i) {
            const std::string_view entry = entries[scratch.indices[i]];
            if (!entry.empty()) std::memcpy(at, entry.data(), entry.size());
            at += entry.size();
        }
        return true;
    }
    if (encoding != kDigitText) return in.Why("unknown text encoding " + std::to_string(encoding));
    uint64_t previous = 0;
    scratch.lengths.resize(rows);
    scratch.values.resize(rows);
    size_t total = 0;
    for (size_t i = 0; i < rows; ++i) {
        uint64_t length, delta;
        if (!in.Varint(length)) return false;
        if (length > kMaxDigits) return in.Why("more than 19 digits");
        scratch.lengths[i] = static_cast<uint32_t>(length);
        scratch.values[i] = 0;
        if (length == 0) continue;  // an empty cell; the next number is still a delta from `previous`
        if (!in.Varint(delta)) return false;
        const uint64_t value = previous + static_cast<uint64_t>(UnZigZag(delta));
        previous = value;
        if (value >= kPowersOfTen[length]) return in.Why("a number has more digits than its length");
        scratch.values[i] = value;
        total += length;
    }
    if (!in.AtEnd()) return false;
    char* at = out.AppendUnwritten(scratch.lengths, total);
    for (size_t i = 0; i < rows; ++i) {
        at += scratch.lengths[i];
        WriteDigits(at, scratch.lengths[i], scratch.values[i]);
    }
    return true;
}

// Sizes every column once for the header's row count, its text as the first block suggests:
// growing a million rows by doubling cost more in page faults than the decoding itself. The
// count comes from the payload, so the reservation is capped and growth takes over beyond it.
void ReserveLikeFirstBlock(LineStore& store, size_t block_rows, size_t row_count, bool text) {
    constexpr size_t kMaxReservedRows = size_t{1} << 22;
    const size_t rows = std::min(row_count, kMaxReservedRows);
    store.MutableNo().reserve(rows);
    store.MutableStartDate().reserve(rows);
    store.MutableEndDate().reserve(rows);
    store.MutableChannels().reserve(rows);
    for (const LineColumnInfo& info : LineColumns()) {
        if (!text || LinesColumnIsNumber(info.column)) continue;
        StringColumn& column = store.MutableTextColumn(info.column);
        column.Reserve(rows, static_cast<size_t>(uint64_t{column.TextBytes()} * rows / block_rows) + 64);
    }
}

}  // namespace

// Brotli's state, and what a text column of a block needs beside its column: kept for the whole
// payload, because buffers this large come from mmap each time they are allocated and every page
// of a fresh one costs a fault.
struct LinesV2Reader::Brotli {
    BrotliDecoderState* state = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
    TextScratch text;
    ~Brotli() { BrotliDecoderDestroyInstance(state); }
};

LinesV2Reader::LinesV2Reader() : brotli_(std::make_unique<Brotli>()) {}
LinesV2Reader::~LinesV2Reader() = default;

bool LinesV2Reader::Fail(const std::string& path, const std::string& detail) {
    if (!failed_) error_ = PayloadError(path, detail);
    failed_ = true;
    store_ = LineStore();
    pending_.clear();
    pending_at_ = 0;
    return false;
}

bool LinesV2Reader::ReadHeader(std::string_view& bytes) {
    const size_t take = std::min(kHeaderSize - header_.size(), bytes.size());
    header_.append(bytes.data(), take);
    crc_ = PayloadCrc(crc_, bytes.substr(0, take));
    bytes.remove_prefix(take);
    const size_t magic = std::min<size_t>(header_.size(), 4);
    if (std::memcmp(header_.data(), kMagic, magic) != 0) return Fail("", "not a PLN2 lines payload");
    if (header_.size() >= 8 && GetU32(&header_[4]) != kVersion)
        return Fail("version",
                    "unsupported version " + std::to_string(GetU32(&header_[4])) + " (this reader knows 2)");
    if (header_.size() < kHeaderSize) return true;
    row_count_ = GetU32(&header_[8]);
    body_bytes_ = GetU32(&header_[12]);
    if (body_bytes_ > kMaxBodyBytes)
        return Fail("", "body of " + std::to_string(body_bytes_) + " bytes is too large");
    // Every row takes at least one byte in each of its four number columns.
    if (row_count_ > body_bytes_ / 4)
        return Fail("count", "count " + std::to_string(row_count_) + " exceeds the payload");
    return true;
}

bool LinesV2Reader::Feed(std::string_view bytes) {
    if (failed_) return false;
    if (finished_) return Fail("", "bytes fed after the end");
    if (!HeaderRead() && !ReadHeader(bytes)) return false;
    if (bytes.empty()) return true;
    return Inflate(bytes);
}

bool LinesV2Reader::Inflate(std::string_view bytes) {
    const uint8_t* in = reinterpret_cast<const uint8_t*>(bytes.data());
    size_t in_left = bytes.size();
    while (!stream_ended_) {
        uint8_t buffer[65536];
        uint8_t* out = buffer;
        size_t out_left = sizeof buffer;
        const BrotliDecoderResult result =
            BrotliDecoderDecompressStream(brotli_->state, &in_left, &in, &out_left, &out, nullptr);
        if (result == BROTLI_DECODER_RESULT_ERROR)
            return Fail("", std::string("the compressed body is damaged (") +
                                BrotliDecoderErrorString(BrotliDecoderGetErrorCode(brotli_->state)) + ")");
        const size_t produced = sizeof buffer - out_left;
        body_produced_ += produced;
        if (body_produced_ > body_bytes_) return Fail("", "the body is longer than its header says");
        pending_.append(reinterpret_cast<const char*>(buffer), produced);
        if (!DecodeReadyBlocks()) return false;
        if (result == BROTLI_DECODER_RESULT_SUCCESS) stream_ended_ = true;
        // A full buffer may leave decoded bytes behind even when brotli asks for input.
        if (result == BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT && out_left != 0) break;
    }
    const size_t consumed = bytes.size() - in_left;
    crc_ = PayloadCrc(crc_, bytes.substr(0, consumed));
    return in_left == 0 || ReadChecksum(bytes.substr(consumed));
}

// What follows the compressed body: the CRC-32 of everything before it, and nothing more.
bool LinesV2Reader::ReadChecksum(std::string_view bytes) {
    if (checksum_.size() + bytes.size() > kChecksumSize)
        return Fail("", "bytes after the end of the payload's checksum");
    checksum_.append(bytes.data(), bytes.size());
    if (checksum_.size() == kChecksumSize && GetU32(checksum_.data()) != crc_)
        return Fail("checksum", "the payload is damaged: its CRC-32 does not match");
    return true;
}

bool LinesV2Reader::DecodeReadyBlocks() {
    size_t at = pending_at_;
    TextScratch& scratch = brotli_->text;
    while (at < pending_.size()) {
        const auto* start = reinterpret_cast<const unsigned char*>(pending_.data()) + at;
        const auto* end = reinterpret_cast<const unsigned char*>(pending_.data()) + pending_.size();
        const auto* p = start;
        uint64_t rows, length;
        const std::string where = "block at row " + std::to_string(store_.Size());
        if (!GetVarint(p, end, rows) || !GetVarint(p, end, length)) {
            if (end - start >= 20) return Fail(where, "bad block header");
            break;  // the block header has not fully arrived
        }
        if (rows == 0 || rows > kLinesV2BlockRows)
            return Fail(where, "a block holds 1 to 65536 rows, not " + std::to_string(rows));
        if (rows > row_count_ - store_.Size()) return Fail(where, "more rows than the header's count");
        if (length > kMaxBlockBytes)
            return Fail(where, "block of " + std::to_string(length) + " bytes is too large");
        if (static_cast<size_t>(end - p) < length) break;  // wait for the rest of the block
        const size_t first_row = store_.Size();
        const auto* block_end = p + length;
        for (const LineColumnInfo& info : LineColumns()) {
            const std::string path = IndexPath(std::string("columns.") + info.key, first_row);
            uint64_t size;
            if (block_end - p < 2) return Fail(path, "column header cut off");
            const uint8_t id = p[0], encoding = p[1];
            p += 2;
            if (id != static_cast<uint8_t>(info.column))
                return Fail(path, "column " + std::to_string(id) + " out of place");
            if (!GetVarint(p, block_end, size) || size > static_cast<size_t>(block_end - p))
                return Fail(path, "column length cut off");
            ColumnReader column(p, p + size);
            p += size;
            if (LinesColumnIsNumber(info.column)) {
                if (!ReadNumbers(column, info.column, encoding, rows, store_, first_row))
                    return Fail(path, column.why);
            } else if (!skip_text_) {
                if (!ReadText(column, encoding, rows, store_.MutableTextColumn(info.column), scratch))
                    return Fail(path, column.why);
            }
        }
        if (p != block_end) return Fail(where, "unexpected bytes after the last column");
        if (first_row == 0) {
            first_block_rows_ = rows;
            ReserveLikeFirstBlock(store_, rows, row_count_, !skip_text_);
        }
        at = static_cast<size_t>(block_end - reinterpret_cast<const unsigned char*>(pending_.data()));
    }
    // Decoded bytes are dropped once they are most of the buffer, so moving the rest is cheap.
    pending_at_ = at;
    if (pending_at_ > pending_.size() / 2) {
        pending_.erase(0, pending_at_);
        pending_at_ = 0;
    }
    return true;
}

Result<LineStore> LinesV2Reader::Finish() {
    if (!failed_ && !HeaderRead()) Fail("", "truncated: the header is incomplete");
    if (!failed_ && !stream_ended_) Fail("", "truncated: the compressed body ends early");
    if (!failed_ && (body_produced_ != body_bytes_ || pending_at_ != pending_.size()))
        Fail("", "truncated: the body ends inside a block");
    if (!failed_ && checksum_.size() != kChecksumSize) Fail("", "truncated: the checksum is cut off");
    if (!failed_ && store_.Size() != row_count_)
        Fail("count", std::to_string(store_.Size()) + " rows, the header says " + std::to_string(row_count_));
    if (failed_) return error_;
    finished_ = true;
    return std::move(store_);
}

LineStore LinesV2Reader::FirstRows(size_t limit) const {
    LineStore first;
    const size_t rows = std::min(limit, store_.Size());
    first.Reserve(rows);
    for (size_t row = 0; row < rows; ++row) first.Append(store_.Record(row));
    return first;
}

Result<std::vector<DateKey>> DecodeLinesV2EndDates(std::string_view bytes) {
    LinesV2Reader reader;
    reader.skip_text_ = true;
    reader.Feed(bytes);
    Result<LineStore> numbers = reader.Finish();  // every check but the text columns'
    if (!numbers.ok()) return numbers.error();
    return std::move(numbers.take().MutableEndDate());
}

bool PeekLinesV2RowCount(std::string_view bytes, size_t& rows) {
    if (bytes.size() < LinesV2Reader::kHeaderSize || std::memcmp(bytes.data(), kMagic, 4) != 0 ||
        GetU32(bytes.data() + 4) != kVersion)
        return false;
    rows = GetU32(bytes.data() + 8);
    return true;
}

size_t LinesV2FirstBlockRows(std::string_view bytes) {
    constexpr size_t kPiece = 16384;  // a first block of 512 rows is a few kilobytes in
    LinesV2Reader reader;
    for (size_t at = 0; at < bytes.size() && reader.FirstBlockRows() == 0; at += kPiece) {
        if (!reader.Feed(bytes.substr(at, kPiece))) return 0;
    }
    return reader.FirstBlockRows();
}

Result<LineStore> DecodeLinesV2(std::string_view bytes) {
    LinesV2Reader reader;
    reader.Feed(bytes);
    return reader.Finish();
}

}  // namespace portal
