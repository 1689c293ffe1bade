// Internal: memory-backed stdio streams for libxlsxwriter.
//
// Debian 12's libxlsxwriter (1.1.4) writes every part of a workbook to a temporary file and
// zips them into a named file; its in-memory output came in a later release. The engine builds
// that library from source with `tmpfile` and `fopen` mapped to the two functions below, so
// every stream it opens is a buffer in this process: no file system is touched, in the server
// or in the browser. Only names made by NewXlsxMemoryName() can be opened; any other path is
// refused, so the library cannot reach a real file either.
#pragma once
#include <cstdio>
#include <string>

extern "C" {
FILE* portal_xlsx_memory_fopen(const char* name, const char* mode);
FILE* portal_xlsx_memory_tmpfile(void);
}

namespace portal {

// A fresh name for one workbook's output ("portal-memory:<n>"), unique in this process.
std::string NewXlsxMemoryName();

// Moves the named buffer's bytes into `bytes` and forgets the name; false if nothing was
// written under it. Call after the library has closed the stream.
bool TakeXlsxMemoryFile(const std::string& name, std::string& bytes);

// Forgets the name and frees its buffer (a workbook abandoned before it was finished).
void ForgetXlsxMemoryFile(const std::string& name);

// How many named buffers are held: a leak check for tests.
size_t XlsxMemoryFilesHeld();

}  // namespace portal
