// Test helper: reads and rewrites a customer's sealed line payload (the line_payloads row) as the
// server keeps it, so a test can put a database into the layout an older server wrote and see
// the server mend it. The sealed payload travels as hex on stdin and stdout.
// Usage: portal-payload-helper KEY_FILE old-layout   < HEX  > HEX (every row in one first block)
//        portal-payload-helper KEY_FILE first-block  < HEX        (prints the first block's rows)
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>

#include "engine/lines_payload_v2.h"
#include "server/secrets.h"

int main(int argc, char** argv) {
    using namespace portal;
    using namespace portal::server;
    const std::string mode = argc == 3 ? argv[2] : "";
    if (mode != "old-layout" && mode != "first-block") {
        std::cerr << "usage: " << argv[0] << " KEY_FILE old-layout|first-block < SEALED_HEX\n";
        return 64;
    }
    if (!std::ifstream(argv[1])) return std::cerr << "no key file " << argv[1] << "\n", 1;  // never a new key
    Secrets secrets;
    std::string error;
    if (!Secrets::Load("", argv[1], secrets, error)) return std::cerr << "key: " << error << "\n", 1;
    std::string hex(std::istreambuf_iterator<char>(std::cin), {});
    while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r')) hex.pop_back();
    std::string sealed, packed;
    if (!FromHex(hex, sealed)) return std::cerr << "the input is not hex\n", 1;
    if (!secrets.Open(sealed, packed)) return std::cerr << "the payload does not open with this key\n", 1;
    if (mode == "first-block") return std::cout << LinesV2FirstBlockRows(packed) << "\n", 0;
    Result<LineStore> lines = DecodeLinesV2(packed);
    if (!lines.ok()) return std::cerr << "decode: " << lines.error().message.en << "\n", 1;
    // As servers wrote it before the small first block: up to a whole block of rows first.
    const std::string old_layout = EncodeLinesV2(lines.value(), nullptr, 5, kLinesV2BlockRows);
    std::cout << ToHex(secrets.Seal(old_layout)) << "\n";
    return 0;
}
