// memcpy, memmove and memset for the WebAssembly builds.
//
// The C library of the Emscripten release we build with copies 512 bytes or more through a call
// into JavaScript (HEAPU8.copyWithin); a large lines payload makes that call, and the library's
// byte loop below it, the heaviest functions of a profile in Chromium. These strong definitions
// replace the library's weak ones for every caller, the prebuilt C and C++ libraries included:
// short copies (a cell's text) stay a loop of 8-byte words here, longer ones are one
// memory.copy or memory.fill instruction. The file is compiled with -mbulk-memory, which turns
// the builtins below into those instructions rather than calls back into these functions.
#include <cstddef>
#include <cstdint>

namespace {

constexpr size_t kShortCopy = 32;  // below this, a word loop beats the instruction's own call

inline void CopyShort(unsigned char* destination, const unsigned char* source, size_t size) {
    for (; size >= 8; size -= 8, destination += 8, source += 8) {
        uint64_t word;
        __builtin_memcpy(&word, source, 8);  // a single 8-byte load and store
        __builtin_memcpy(destination, &word, 8);
    }
    for (; size > 0; --size) *destination++ = *source++;
}

}  // namespace

extern "C" {

void* memcpy(void* __restrict destination, const void* __restrict source, size_t size) {
    if (size < kShortCopy) {
        CopyShort(static_cast<unsigned char*>(destination), static_cast<const unsigned char*>(source), size);
    } else {
        __builtin_memcpy(destination, source, size);
    }
    return destination;
}

void* memmove(void* destination, const void* source, size_t size) {
    __builtin_memmove(destination, source, size);
    return destination;
}

void* memset(void* destination, int value, size_t size) {
    __builtin_memset(destination, value, size);
    return destination;
}

}  // extern "C"
