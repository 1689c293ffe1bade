// Buffers in fixed-size chunks, so a growing worksheet never copies what it already holds (a
// doubling string would, and would briefly need twice a million-line sheet's XML).
#include "engine/xlsx_memory_file.h"

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

struct MemoryFile {
    std::vector<std::unique_ptr<char[]>> chunks;
    size_t size = 0;

    void Reserve(size_t end) {
        while (chunks.size() * kChunkBytes < end) chunks.push_back(std::make_unique<char[]>(kChunkBytes));
    }
    void Write(size_t at, const char* data, size_t length) {
        Reserve(at + length);
        for (size_t done = 0; done < length;) {
            const size_t offset = (at + done) % kChunkBytes;
            const size_t piece = std::min(length - done, kChunkBytes - offset);
            std::memcpy(chunks[(at + done) / kChunkBytes].get() + offset, data + done, piece);
            done += piece;
        }
        size = std::max(size, at + length);
    }
    size_t Read(size_t at, char* data, size_t length) const {
        if (at >= size) return 0;
        length = std::min(length, size - at);
        for (size_t done = 0; done < length;) {
            const size_t offset = (at + done) % kChunkBytes;
            const size_t piece = std::min(length - done, kChunkBytes - offset);
            std::memcpy(data + done, chunks[(at + done) / kChunkBytes].get() + offset, piece);
            done += piece;
        }
        return length;
    }
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
    const size_t read = stream->file->Read(stream->position, data, length);
    stream->position += read;
    return static_cast<ssize_t>(read);
}

ssize_t WriteStream(void* cookie, const char* data, size_t length) {
    auto* stream = static_cast<Stream*>(cookie);
    try {
        stream->file->Write(stream->position, data, length);
    } catch (const std::bad_alloc&) {
        errno = ENOMEM;
        return -1;  // the library reports it as a write error and the workbook fails cleanly
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
        base = static_cast<long long>(stream->file->size);
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
    bytes.resize(file->size);
    file->Read(0, bytes.data(), bytes.size());
    return true;
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
            slot = std::make_shared<MemoryFile>();
        }
        file = slot;
    }
    return portal::Open(std::move(file), mode);
}

extern "C" FILE* portal_xlsx_memory_tmpfile(void) {
    return portal::Open(std::make_shared<MemoryFile>(), "w+");
}
