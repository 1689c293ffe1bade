// Lines payload version 2 ("PLN2", docs/lines-payload.md): the columns of PLN1 as deltas,
// digit strings as numbers and repeated strings as dictionaries, in blocks of rows, the whole
// body compressed with brotli. About 12 bytes per line on the wire instead of 80, and it can be
// decoded while it arrives: every finished block of rows lands in the store at once.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model.h"
#include "engine/result.h"

namespace portal {

// The "version" parameter of the lines media type (kLinesBinaryMediaType) that names this form,
// in the client's Accept and in the Content-Type of the answer.
constexpr uint32_t kLinesV2Version = 2;
// Rows per block: a streaming reader shows progress and the first rows block by block.
constexpr size_t kLinesV2BlockRows = 65536;
// The encoder's first block is small, so a reader has a screenful of rows after a few kilobytes
// rather than after the first 65,536 lines (most of a 100,000-line payload).
constexpr size_t kLinesV2FirstBlockRows = 512;

// `rows` selects and orders the rows written; nullptr writes all rows in stored order.
// `quality` is brotli's 0 (fastest) … 11 (smallest). `first_block_rows` (1 … kLinesV2BlockRows)
// is for tests that need the layout of payloads stored before the small first block.
std::string EncodeLinesV2(const LineStore& store, const std::vector<uint32_t>* rows, int quality = 9,
                          size_t first_block_rows = kLinesV2FirstBlockRows);
Result<LineStore> DecodeLinesV2(std::string_view bytes);
// The end date of every line (kNoDate for none), in stored order, after the same checks as
// DecodeLinesV2 (the checksum included) except that the text columns are skipped by their
// lengths, not read: a summary of the lines (in service or not on a date) costs the payload's
// decompression and its number columns, not a store of every row.
Result<std::vector<DateKey>> DecodeLinesV2EndDates(std::string_view bytes);
// The row count a PLN2 payload's header declares, without decoding anything; false when the
// bytes do not start with a PLN2 header.
bool PeekLinesV2RowCount(std::string_view bytes, size_t& rows);
// The rows of a PLN2 payload's first block, decompressing only as far as its end; 0 when the
// payload is damaged or has no rows.
size_t LinesV2FirstBlockRows(std::string_view bytes);

// Decodes a PLN2 payload fed in pieces of any size (1 byte up). After the first error every
// later call fails with the same error, and the rows decoded so far are never handed out.
class LinesV2Reader {
  public:
    LinesV2Reader();
    ~LinesV2Reader();
    LinesV2Reader(const LinesV2Reader&) = delete;
    LinesV2Reader& operator=(const LinesV2Reader&) = delete;

    // False once the bytes so far are known to be bad; see error().
    bool Feed(std::string_view bytes);
    // The whole store once every byte has arrived; an error when the payload is incomplete.
    Result<LineStore> Finish();

    bool Failed() const { return failed_; }
    const Error& error() const { return error_; }
    bool HeaderRead() const { return header_.size() == kHeaderSize; }
    size_t RowCount() const { return row_count_; }               // from the header; 0 until it is read
    size_t RowsDecoded() const { return store_.Size(); }         // grows block by block
    size_t FirstBlockRows() const { return first_block_rows_; }  // 0 until it is decoded
    // A copy of at most `limit` of the rows decoded so far, in stored order, for a first view
    // while the rest arrives. They passed their block's checks but not yet the checksum: a caller
    // shows them as provisional and drops them when Finish() fails.
    LineStore FirstRows(size_t limit) const;

    static constexpr size_t kHeaderSize = 16;

  private:
    friend Result<std::vector<DateKey>> DecodeLinesV2EndDates(std::string_view bytes);
    bool Fail(const std::string& path, const std::string& detail);
    bool ReadHeader(std::string_view& bytes);
    bool Inflate(std::string_view bytes);
    bool DecodeReadyBlocks();
    bool ReadChecksum(std::string_view bytes);

    struct Brotli;
    std::unique_ptr<Brotli> brotli_;
    std::string header_;
    size_t row_count_ = 0;
    size_t body_bytes_ = 0;     // declared decompressed size
    size_t body_produced_ = 0;  // decompressed so far
    bool stream_ended_ = false;
    uint32_t crc_ = 0;      // CRC-32 of the bytes before the checksum, as they arrive
    std::string checksum_;  // the payload's last 4 bytes, once they arrive
    std::string pending_;   // decompressed bytes; those from pending_at_ on are not decoded yet
    size_t pending_at_ = 0;
    LineStore store_;
    size_t first_block_rows_ = 0;
    bool failed_ = false;
    bool finished_ = false;
    bool skip_text_ = false;  // the number columns only (DecodeLinesV2EndDates)
    Error error_;
};

}  // namespace portal
