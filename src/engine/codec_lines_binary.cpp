// The binary columnar lines payload "PLN1" (docs/lines-payload.md): little-endian arrays that
// decode with a few bounds checks and memcpy instead of parsing text.
#include <cstring>

#include "engine/codec.h"
#include "engine/payload_error.h"
#include "engine/utf8.h"

namespace portal {
namespace {

constexpr char kMagic[4] = {'P', 'L', 'N', '1'};
constexpr uint32_t kVersion = 1;
enum ColumnKind : uint32_t { kUint32 = 1, kUint16 = 2, kText = 3 };

ColumnKind KindOf(LineColumn column) {
    switch (column) {
        case LineColumn::No:
        case LineColumn::StartDate:
        case LineColumn::EndDate:
            return kUint32;
        case LineColumn::Channels:
            return kUint16;
        default:
            return kText;
    }
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
constexpr bool kHostIsLittleEndian = true;
#else
constexpr bool kHostIsLittleEndian = false;
#endif

template <class T>
void PutLittle(T value, std::string& out) {
    for (size_t i = 0; i < sizeof(T); ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

template <class T>
T GetLittle(const char* p) {
    T value = 0;
    for (size_t i = 0; i < sizeof(T); ++i)
        value |= static_cast<T>(static_cast<unsigned char>(p[i])) << (8 * i);
    return value;
}

// Copies `count` little-endian values; memcpy on little-endian hosts (x86, WebAssembly).
template <class T>
void ReadArray(const char* p, size_t count, std::vector<T>& out) {
    out.resize(count);
    if (kHostIsLittleEndian) {
        if (count != 0) std::memcpy(out.data(), p, count * sizeof(T));
    } else {
        for (size_t i = 0; i < count; ++i) out[i] = GetLittle<T>(p + i * sizeof(T));
    }
}

// A bounds-checked reader over the payload.
class Reader {
  public:
    explicit Reader(std::string_view bytes) : bytes_(bytes) {}
    bool Has(size_t n) const { return bytes_.size() - pos_ >= n; }
    const char* Take(size_t n) {
        const char* p = bytes_.data() + pos_;
        pos_ += n;
        return p;
    }
    uint32_t TakeU32() { return GetLittle<uint32_t>(Take(4)); }
    size_t Remaining() const { return bytes_.size() - pos_; }
    size_t Position() const { return pos_; }

  private:
    std::string_view bytes_;
    size_t pos_ = 0;
};

Error Bad(const std::string& path, const std::string& detail) {
    return PayloadError(path, detail);
}

}  // namespace

// Appends `count` values of `value_at(i)` as little-endian T: the bytes are sized once and
// stored through a pointer (a push_back per byte cost ~100 ms at 1,000,000 lines).
template <class T, class ValueAt>
void PutArray(size_t count, ValueAt&& value_at, std::string& out) {
    const size_t at = out.size();
    out.resize(at + count * sizeof(T));
    char* p = &out[at];
    for (size_t i = 0; i < count; ++i, p += sizeof(T)) {
        const T value = value_at(i);
        if (kHostIsLittleEndian) {
            std::memcpy(p, &value, sizeof(T));
        } else {
            for (size_t b = 0; b < sizeof(T); ++b) p[b] = static_cast<char>((value >> (8 * b)) & 0xFF);
        }
    }
}

std::string EncodeLinesBinary(const LineStore& store, const std::vector<uint32_t>* rows) {
    const size_t count = rows != nullptr ? rows->size() : store.Size();
    const auto row_at = [&](size_t i) { return rows != nullptr ? (*rows)[i] : static_cast<uint32_t>(i); };
    std::string out;
    out.reserve(16 + count * (kLineColumnCount * 4 + 8) + store.TextBytes());
    out.append(kMagic, sizeof kMagic);
    PutLittle<uint32_t>(kVersion, out);
    PutLittle<uint32_t>(static_cast<uint32_t>(count), out);
    PutLittle<uint32_t>(static_cast<uint32_t>(kLineColumnCount), out);
    for (const LineColumnInfo& info : LineColumns()) {
        const ColumnKind kind = KindOf(info.column);
        PutLittle<uint32_t>(static_cast<uint32_t>(info.column), out);
        PutLittle<uint32_t>(kind, out);
        switch (info.column) {
            case LineColumn::No:
                PutArray<uint32_t>(
                    count, [&](size_t i) { return store.No(row_at(i)); }, out);
                break;
            case LineColumn::StartDate:
                PutArray<uint32_t>(
                    count, [&](size_t i) { return store.StartDate(row_at(i)); }, out);
                break;
            case LineColumn::EndDate:
                PutArray<uint32_t>(
                    count, [&](size_t i) { return store.EndDate(row_at(i)); }, out);
                break;
            case LineColumn::Channels:
                PutArray<uint16_t>(
                    count, [&](size_t i) { return store.Channels(row_at(i)); }, out);
                break;
            default: {
                const StringColumn& text = store.TextColumn(info.column);
                size_t arena = 0;
                for (size_t i = 0; i < count; ++i) arena += text.Get(row_at(i)).size();
                PutLittle<uint32_t>(static_cast<uint32_t>(arena), out);
                PutLittle<uint32_t>(0, out);
                uint32_t offset = 0;
                PutArray<uint32_t>(
                    count,
                    [&](size_t i) { return offset += static_cast<uint32_t>(text.Get(row_at(i)).size()); },
                    out);
                const size_t at = out.size();
                out.resize(at + arena);
                char* p = &out[at];
                for (size_t i = 0; i < count; ++i) {
                    const std::string_view cell = text.Get(row_at(i));
                    if (!cell.empty()) std::memcpy(p, cell.data(), cell.size());
                    p += cell.size();
                }
            }
        }
    }
    return out;
}

Result<LineStore> DecodeLinesBinary(std::string_view bytes) {
    Reader in(bytes);
    if (!in.Has(16) || std::memcmp(in.Take(4), kMagic, 4) != 0) return Bad("", "not a PLN1 lines payload");
    const uint32_t version = in.TakeU32();
    if (version != kVersion) {
        return Bad("version", "unsupported version " + std::to_string(version) + " (this reader knows 1)");
    }
    const size_t count = in.TakeU32();
    // Every row takes at least 4 bytes (its No), so a larger count is a lie; checking it first
    // also keeps count + 1 from wrapping where size_t is 32 bits (WebAssembly).
    if (count > bytes.size() / 4)
        return Bad("count", "count " + std::to_string(count) + " exceeds the payload");
    const uint32_t columns = in.TakeU32();
    if (columns != kLineColumnCount)
        return Bad("columns", "expected 11 columns, got " + std::to_string(columns));
    LineStore store;
    for (const LineColumnInfo& info : LineColumns()) {
        const std::string path = std::string("columns.") + info.key;
        if (!in.Has(8)) return Bad(path, "truncated before the column header");
        const uint32_t id = in.TakeU32(), kind = in.TakeU32();
        if (id != static_cast<uint32_t>(info.column) || kind != KindOf(info.column)) {
            return Bad(path,
                       "column header " + std::to_string(id) + "/" + std::to_string(kind) + " out of place");
        }
        if (kind == kUint32 || kind == kUint16) {
            const size_t width = kind == kUint32 ? 4 : 2;
            if (in.Remaining() / width < count) return Bad(path, "truncated: fewer than count values");
            const char* data = in.Take(count * width);
            if (kind == kUint16) {
                ReadArray(data, count, store.MutableChannels());
                continue;
            }
            std::vector<uint32_t>& target = info.column == LineColumn::No          ? store.MutableNo()
                                            : info.column == LineColumn::StartDate ? store.MutableStartDate()
                                                                                   : store.MutableEndDate();
            ReadArray(data, count, target);
            if (info.column == LineColumn::No) continue;
            for (size_t i = 0; i < count; ++i) {
                const DateKey d = target[i];
                if (d != kNoDate && !IsValidCalendarDate(DateYear(d), DateMonth(d), DateDay(d)))
                    return Bad(IndexPath(path, i), "impossible date " + std::to_string(d));
            }
            continue;
        }
        if (!in.Has(4)) return Bad(path, "truncated before the text length");
        const size_t arena = in.TakeU32();
        if (in.Remaining() / 4 < count + 1) return Bad(path, "truncated offsets");
        std::vector<uint32_t> offsets;
        ReadArray(in.Take((count + 1) * 4), count + 1, offsets);
        if (!in.Has(arena)) return Bad(path, "truncated text");
        std::string text(in.Take(arena), arena);
        if (!IsValidUtf8(text)) return Bad(path, "text is not valid UTF-8");
        if (!store.MutableTextColumn(info.column).Assign(std::move(offsets), std::move(text)))
            return Bad(path, "offsets are not an increasing index into the text");
    }
    if (in.Remaining() != 0) {
        return Bad("", std::to_string(in.Remaining()) + " unexpected bytes after the last column (at byte " +
                           std::to_string(in.Position()) + ")");
    }
    return store;
}

}  // namespace portal
