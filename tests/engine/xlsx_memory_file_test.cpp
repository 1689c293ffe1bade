// The memory streams libxlsxwriter writes through: stdio semantics across chunk boundaries, real
// paths refused, and nothing left behind by a workbook, finished or abandoned.
#include "engine/xlsx_memory_file.h"

#include <doctest/doctest.h>

#include <cerrno>
#include <cstdlib>
#include <string>

#include "engine/xlsx.h"
#include "engine/xlsx_sheet.h"
#include "sample_lines.h"

using namespace portal;

namespace {

std::string Pattern(size_t size) {
    std::string text(size, '\0');
    for (size_t i = 0; i < size; ++i) text[i] = static_cast<char>('a' + (i * 7) % 26);
    return text;
}

}  // namespace

TEST_CASE("a named memory file keeps what was written, seeks and overwrites across chunks") {
    const std::string name = NewXlsxMemoryName();
    FILE* file = portal_xlsx_memory_fopen(name.c_str(), "wb");
    REQUIRE(file != nullptr);
    std::string expected = Pattern(700 * 1024);  // several 256 KiB chunks
    CHECK(std::fwrite(expected.data(), 1, expected.size(), file) == expected.size());
    // minizip goes back to fill in a local header once the part's size is known.
    REQUIRE(std::fseek(file, 262140, SEEK_SET) == 0);
    CHECK(std::fwrite("HEADER!!", 1, 8, file) == 8);
    expected.replace(262140, 8, "HEADER!!");
    REQUIRE(std::fseek(file, 0, SEEK_END) == 0);
    CHECK(std::ftell(file) == static_cast<long>(expected.size()));
    CHECK(std::fclose(file) == 0);

    FILE* again = portal_xlsx_memory_fopen(name.c_str(), "rb");
    REQUIRE(again != nullptr);
    std::string head(16, '\0');
    CHECK(std::fread(head.data(), 1, head.size(), again) == head.size());
    CHECK(head == expected.substr(0, 16));
    std::fclose(again);

    std::string bytes;
    REQUIRE(TakeXlsxMemoryFile(name, bytes));
    CHECK(bytes == expected);
    CHECK_FALSE(TakeXlsxMemoryFile(name, bytes));  // taken once
}

TEST_CASE("a temporary memory file (packed as it grows) reads back after rewind and vanishes on close") {
    const size_t held = XlsxMemoryFilesHeld();
    FILE* file = portal_xlsx_memory_tmpfile();
    REQUIRE(file != nullptr);
    const std::string text = Pattern(1300 * 1024);  // five packed chunks and a tail
    std::fwrite(text.data(), 1, text.size(), file);
    std::fflush(file);
    std::rewind(file);
    std::string back(text.size(), '\0');
    CHECK(std::fread(back.data(), 1, back.size(), file) == back.size());
    CHECK(back == text);
    CHECK(std::fread(back.data(), 1, 1, file) == 0);  // end of file
    // Read from the middle of a packed chunk, as a seek would.
    REQUIRE(std::fseek(file, 600000, SEEK_SET) == 0);
    std::string middle(1000, '\0');
    CHECK(std::fread(middle.data(), 1, middle.size(), file) == middle.size());
    CHECK(middle == text.substr(600000, 1000));
    // Packed files are append-only: a write in the middle fails instead of corrupting the file.
    REQUIRE(std::fseek(file, 10, SEEK_SET) == 0);
    std::fwrite("x", 1, 1, file);
    CHECK(std::fflush(file) != 0);
    std::fclose(file);
    CHECK(XlsxMemoryFilesHeld() == held);
}

TEST_CASE("real paths and unknown names are refused") {
    errno = 0;
    CHECK(portal_xlsx_memory_fopen("/tmp/portal-should-not-exist.xlsx", "wb") == nullptr);
    CHECK(errno == EACCES);
    errno = 0;
    CHECK(portal_xlsx_memory_fopen(NewXlsxMemoryName().c_str(), "rb") == nullptr);
    CHECK(errno == ENOENT);
    CHECK(portal_xlsx_memory_fopen(NewXlsxMemoryName().c_str(), "ab") == nullptr);
}

TEST_CASE("a workbook needs no temporary directory and leaves no buffer behind") {
    const size_t held = XlsxMemoryFilesHeld();
    const char* saved = std::getenv("TMPDIR");
    const std::string restore = saved != nullptr ? saved : "";
    setenv("TMPDIR", "/nonexistent-portal-tmp", 1);
    const LineStore store = test::MixedLines(300, 3);
    std::vector<uint32_t> rows(store.Size());
    for (uint32_t i = 0; i < rows.size(); ++i) rows[i] = i;
    const XlsxOutput output = WriteLinesXlsx(store, rows, PlanKind::Standard, {"C0012345", test::kAsOf});
    if (saved != nullptr)
        setenv("TMPDIR", restore.c_str(), 1);
    else
        unsetenv("TMPDIR");
    REQUIRE(output.ok());
    CHECK(output.bytes.substr(0, 2) == "PK");
    CHECK(XlsxMemoryFilesHeld() == held);

    {  // abandoned halfway: the destructor frees what the library wrote
        XlsxSheet sheet("回線一覧", {{"電話番号", XlsxKind::Text}}, {"C0012345", test::kAsOf});
        sheet.BeginRow();
        sheet.Text("05012345678");
    }
    CHECK(XlsxMemoryFilesHeld() == held);
}
