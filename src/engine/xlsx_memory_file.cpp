// Named files (the zip package) are buffers in fixed-size chunks, so a growing file never copies
// what it already holds. Temporary files hold the worksheet's XML, about 60 bytes a cell: 700 MB
// for a million lines. libxlsxwriter only ever appends to them and then reads them once from the
// start, so each full chunk is deflated as soon as it is written (about a tenth of the size) and
// inflated again when read.
#include "engine/xlsx_memory_file.h"

#include <zlib.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <memory>
#include <mutex>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace portal {
namespace {

constexpr size_t kChunkBytes = 256 * 1024;
constexpr std::string_view kNamePrefix = "portal-memory:";

class MemoryFile {
  public:
    explicit MemoryFile(bool packed) : packed_(packed) {}

    size_t Size() const { return size_; }

    // False when out of memory, or when a packed file is written anywhere but at its end.
    bool Write(size_t at, const char* data, size_t length) {
        if (packed_) return Append(at, data, length);
        Reserve(at + length);
        for (size_t done = 0; done < length;) {
            const size_t offset = (at + done) % kChunkBytes;
            const size_t piece = std::min(length - done, kChunkBytes - offset);
            std::memcpy(chunks_[(at + done) / kChunkBytes].get() + offset, data + done, piece);
            done += piece;
        }
        size_ = std::max(size_, at + length);
        return true;
    }

    // Bytes read (0 at the end); -1 when a packed chunk cannot be inflated.
    long long Read(size_t at, char* data, size_t length) {
        if (at >= size_) return 0;
        length = std::min(length, size_ - at);
        for (size_t done = 0; done < length;) {
            const size_t index = (at + done) / kChunkBytes;
            const size_t offset = (at + done) % kChunkBytes;
            const size_t piece = std::min(length - done, kChunkBytes - offset);
            const char* chunk = packed_ ? PackedChunk(index) : chunks_[index].get();
            if (chunk == nullptr) return -1;
            std::memcpy(data + done, chunk + offset, piece);
            done += piece;
        }
        return static_cast<long long>(length);
    }

  private:
    void Reserve(size_t end) {
        while (chunks_.size() * kChunkBytes < end) chunks_.push_back(std::make_unique<char[]>(kChunkBytes));
    }

    bool Append(size_t at, const char* data, size_t length) {
        if (at != size_) return false;
        while (length > 0) {
            const size_t piece = std::min(length, kChunkBytes - tail_.size());
            tail_.append(data, piece);
            data += piece;
            length -= piece;
            size_ += piece;
            if (tail_.size() == kChunkBytes && !PackTail()) return false;
        }
        return true;
    }

    bool PackTail() {
        uLongf packed_size = compressBound(static_cast<uLong>(tail_.size()));
        std::string packed(packed_size, '\0');
        if (compress2(reinterpret_cast<Bytef*>(packed.data()), &packed_size,
                      reinterpret_cast<const Bytef*>(tail_.data()), static_cast<uLong>(tail_.size()),
                      Z_BEST_SPEED) != Z_OK)
            return false;
        packed.resize(packed_size);
        packed.shrink_to_fit();
        packed_chunks_.push_back(std::move(packed));
        tail_.clear();
        return true;
    }

    // The chunk's bytes: the unpacked tail, or a packed chunk inflated into the one-chunk cache.
    const char* PackedChunk(size_t index) {
        if (index == packed_chunks_.size()) return tail_.data();
        if (index != cached_index_) {
            cache_.resize(kChunkBytes);
            uLongf size = kChunkBytes;
            const std::string& packed = packed_chunks_[index];
            if (uncompress(reinterpret_cast<Bytef*>(cache_.data()), &size,
                           reinterpret_cast<const Bytef*>(packed.data()),
                           static_cast<uLong>(packed.size())) != Z_OK ||
                size != kChunkBytes)
                return nullptr;
            cached_index_ = index;
        }
        return cache_.data();
    }

    const bool packed_;
    size_t size_ = 0;
    std::vector<std::unique_ptr<char[]>> chunks_;  // unpacked files
    std::vector<std::string> packed_chunks_;       // packed files: every full chunk, deflated
    std::string tail_;                             // packed files: the chunk being filled
    std::string cache_;                            // packed files: the last chunk inflated
    size_t cached_index_ = static_cast<size_t>(-1);
};

// One open stream: a file and a position. Anonymous temporary files are owned by their stream
// alone and vanish when it closes, as tmpfile()'s do.
struct Stream {
    std::shared_ptr<MemoryFile> file;
    size_t position = 0;
};

// Named files outlive their streams until the engine takes or forgets them. Workbooks are
// written on several server threads at once, each under its own name.
std::mutex registry_mutex;
std::unordered_map<std::string, std::shared_ptr<MemoryFile>> registry;
std::atomic<uint64_t> next_name{1};

ssize_t ReadStream(void* cookie, char* data, size_t length) {
    auto* stream = static_cast<Stream*>(cookie);
    const long long read = stream->file->Read(stream->position, data, length);
    if (read < 0) return errno = EIO, -1;
    stream->position += static_cast<size_t>(read);
    return static_cast<ssize_t>(read);
}

ssize_t WriteStream(void* cookie, const char* data, size_t length) {
    auto* stream = static_cast<Stream*>(cookie);
    // A failed write is reported by the library as a write error, and the workbook fails cleanly.
    try {
        if (!stream->file->Write(stream->position, data, length)) return errno = EIO, -1;
    } catch (const std::bad_alloc&) {
        return errno = ENOMEM, -1;
    }
    stream->position += length;
    return static_cast<ssize_t>(length);
}

// glibc passes the offset as off64_t, musl (Emscripten) as off_t: one template serves both.
template <typename Offset>
int SeekStream(void* cookie, Offset* offset, int whence) {
    auto* stream = static_cast<Stream*>(cookie);
    long long base = 0;
    if (whence == SEEK_CUR)
        base = static_cast<long long>(stream->position);
    else if (whence == SEEK_END)
        base = static_cast<long long>(stream->file->Size());
    else if (whence != SEEK_SET)
        return errno = EINVAL, -1;
    const long long target = base + static_cast<long long>(*offset);
    if (target < 0) return errno = EINVAL, -1;
    stream->position = static_cast<size_t>(target);
    *offset = static_cast<Offset>(target);
    return 0;
}

int CloseStream(void* cookie) {
    delete static_cast<Stream*>(cookie);
    return 0;
}

FILE* Open(std::shared_ptr<MemoryFile> file, const char* mode) {
    cookie_io_functions_t functions{};
    functions.read = ReadStream;
    functions.write = WriteStream;
    functions.seek = SeekStream;
    functions.close = CloseStream;
    auto* stream = new Stream{std::move(file), 0};
    FILE* handle = fopencookie(stream, mode, functions);
    if (handle == nullptr) delete stream;
    return handle;
}

}  // namespace

std::string NewXlsxMemoryName() {
    return std::string(kNamePrefix) + std::to_string(next_name.fetch_add(1));
}

bool TakeXlsxMemoryFile(const std::string& name, std::string& bytes) {
    std::shared_ptr<MemoryFile> file;
    {
        std::lock_guard<std::mutex> lock(registry_mutex);
        auto found = registry.find(name);
        if (found == registry.end()) return false;
        file = std::move(found->second);
        registry.erase(found);
    }
    bytes.resize(file->Size());
    return file->Read(0, bytes.data(), bytes.size()) == static_cast<long long>(bytes.size());
}

void ForgetXlsxMemoryFile(const std::string& name) {
    std::lock_guard<std::mutex> lock(registry_mutex);
    registry.erase(name);
}

size_t XlsxMemoryFilesHeld() {
    std::lock_guard<std::mutex> lock(registry_mutex);
    return registry.size();
}

}  // namespace portal

using portal::MemoryFile;

extern "C" FILE* portal_xlsx_memory_fopen(const char* name, const char* mode) {
    if (name == nullptr || mode == nullptr ||
        std::string_view(name).substr(0, portal::kNamePrefix.size()) != portal::kNamePrefix) {
        errno = EACCES;  // a real path: the engine never touches the file system
        return nullptr;
    }
    const bool create = mode[0] == 'w';
    if (!create && mode[0] != 'r') {
        errno = EINVAL;
        return nullptr;
    }
    std::shared_ptr<MemoryFile> file;
    {
        std::lock_guard<std::mutex> lock(portal::registry_mutex);
        auto& slot = portal::registry[name];
        if (create || slot == nullptr) {
            if (!create) {
                portal::registry.erase(name);
                errno = ENOENT;
                return nullptr;
            }
            slot = std::make_shared<MemoryFile>(false);
        }
        file = slot;
    }
    return portal::Open(std::move(file), mode);
}

extern "C" FILE* portal_xlsx_memory_tmpfile(void) {
    return portal::Open(std::make_shared<MemoryFile>(true), "w+");
}
