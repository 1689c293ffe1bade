// SqliteStorage keeps each customer's lines twice: as rows (queryable, passwords sealed) and as
// one sealed payload that a cold cache loads at once. These cases check that the two never
// disagree: written together or not at all, and the rows win when the payload is missing or
// damaged.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>
#include <sodium.h>

#include <cstdlib>
#include <filesystem>

#include "engine/codec.h"
#include "engine/lines_payload_v2.h"
#include "sample/sample_data.h"
#include "server/sqlite_storage.h"

using namespace portal;
using namespace portal::server;

namespace {

constexpr const char* kKey = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
constexpr const char* kOtherKey = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";

struct TempDatabase {
    std::filesystem::path dir;
    TempDatabase() {
        char pattern[] = "/tmp/portal-line-store-XXXXXX";
        REQUIRE(mkdtemp(pattern) != nullptr);
        dir = pattern;
    }
    ~TempDatabase() { std::filesystem::remove_all(dir); }
    std::string Path() const { return (dir / "portal.db").string(); }
};

Secrets KeyOf(const char* hex) {
    REQUIRE(sodium_init() >= 0);
    Secrets secrets;
    std::string error;
    REQUIRE(Secrets::Load(hex, "", secrets, error));
    return secrets;
}

CustomerData OneCustomer(LineStore lines) {
    CustomerData data;
    data.customer.selfcare_id = "store-test";
    data.customer.password_hash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA";
    data.customer.email = "store@example.jp";
    data.customer.contractor_name = "試験";
    data.customer.service_name = "IP電話サービス";
    data.customer.customer_code = "C1";
    data.customer.sip_proxy = "192.0.2.1";
    data.customer.sip_domain = "sip.example.jp";
    data.customer.charge_plan = "3分課金プラン";
    data.lines = std::move(lines);
    return data;
}

// The payload bytes of a store: what "the same lines" means here.
std::string Bytes(const LineStore& lines) {
    return EncodeLinesBinary(lines, nullptr);
}

struct Loaded {
    bool ok = false;
    bool as_stored = false;  // the payload came back as kept, no row read or decoded
    LineStore lines;
    std::string packed_v2, error;
};

// What the line cache does with a load: the stored payload as it is, decoded when rows are needed.
Loaded Load(SqliteStorage& storage, int64_t customer_id) {
    Loaded out;
    out.ok = storage.LoadLinesPacked(customer_id, out.lines, out.packed_v2, out.error);
    if (out.ok && out.lines.Size() == 0 && !out.packed_v2.empty()) {
        out.as_stored = true;
        Result<LineStore> decoded = DecodeLinesV2(out.packed_v2);
        REQUIRE(decoded.ok());
        out.lines = decoded.take();
    }
    return out;
}

// Changes the payload table behind the storage's back, as a damaged or older database would.
void RunSql(const TempDatabase& db, const char* sql) {
    SqliteDatabase other(db.Path());
    other.Exec(sql);
}

int64_t PayloadRows(const TempDatabase& db) {
    SqliteDatabase other(db.Path());
    return SqliteStatement(other.Handle(), "SELECT count(*) FROM line_payloads")
        .FirstRow([](SqliteStatement& row) { return row.Int(0); })
        .value_or(-1);
}

}  // namespace

TEST_CASE("the stored payload holds exactly the rows, and loads back to the same lines") {
    TempDatabase db;
    const Secrets secrets = KeyOf(kKey);
    SqliteStorage storage(db.Path(), secrets);
    std::vector<CustomerData> customers{OneCustomer(GenerateSampleLines(5000, 7, MakeDateKey(2026, 10, 1)))};
    const std::string expected = Bytes(customers[0].lines);
    std::string error;
    REQUIRE(storage.ReplaceCustomers(customers, error));
    const int64_t id = customers[0].customer.id;

    Loaded loaded = Load(storage, id);
    REQUIRE(loaded.ok);
    CHECK(loaded.as_stored);
    CHECK(Bytes(loaded.lines) == expected);
    std::string error_unused;
    LineStore rows_api;
    REQUIRE(storage.LoadLines(id, rows_api, error_unused));
    CHECK(Bytes(rows_api) == expected);
    // What /lines sends to a version 2 client, as it was stored.
    const Result<LineStore> stored = DecodeLinesV2(loaded.packed_v2);
    REQUIRE(stored.ok());
    CHECK(Bytes(stored.value()) == expected);

    SUBCASE("without the payload (a database from before it) the rows are read and it is written") {
        RunSql(db, "DELETE FROM line_payloads");
        Loaded again = Load(storage, id);
        REQUIRE(again.ok);
        CHECK_FALSE(again.as_stored);
        CHECK(Bytes(again.lines) == expected);
        CHECK(again.packed_v2 == loaded.packed_v2);
        CHECK(PayloadRows(db) == 1);
        CHECK(Load(storage, id).as_stored);
    }
    SUBCASE("a damaged payload is never used: the rows are read and it is rewritten") {
        RunSql(db, "UPDATE line_payloads SET sealed_payload = substr(sealed_payload, 1, 200) || x'00'");
        Loaded again = Load(storage, id);
        REQUIRE(again.ok);
        CHECK_FALSE(again.as_stored);
        CHECK(Bytes(again.lines) == expected);
        Loaded rewritten = Load(storage, id);
        CHECK(rewritten.as_stored);
        CHECK(Bytes(rewritten.lines) == expected);
    }
    SUBCASE("a payload of another format (PLN2 before its checksum) is not read: it is rewritten") {
        RunSql(db, "UPDATE line_payloads SET format = 'PLN2'");
        Loaded again = Load(storage, id);
        REQUIRE(again.ok);
        CHECK_FALSE(again.as_stored);
        CHECK(Bytes(again.lines) == expected);
        CHECK(Load(storage, id).as_stored);
    }
    SUBCASE("with another key neither the payload nor the rows open: an error, no lines") {
        const Secrets other_key = KeyOf(kOtherKey);
        SqliteStorage other(db.Path(), other_key);
        Loaded wrong = Load(other, id);
        CHECK_FALSE(wrong.ok);
        CHECK(wrong.error.find("decrypt") != std::string::npos);
    }
}

TEST_CASE("replacing lines writes rows and payload together, or neither") {
    TempDatabase db;
    const Secrets secrets = KeyOf(kKey);
    SqliteStorage storage(db.Path(), secrets);
    std::vector<CustomerData> customers{OneCustomer(GenerateSampleLines(300, 1, MakeDateKey(2026, 10, 1)))};
    std::string error;
    REQUIRE(storage.ReplaceCustomers(customers, error));
    const int64_t id = customers[0].customer.id;
    const std::string before = Bytes(customers[0].lines);

    SUBCASE("a failure halfway (a repeated No) leaves the old rows and the old payload") {
        LineStore bad = GenerateSampleLines(400, 2, MakeDateKey(2026, 10, 1));
        bad.MutableNo()[399] = bad.No(10);
        CHECK_FALSE(storage.ReplaceLines(id, bad, error));
        CHECK_FALSE(error.empty());
        CHECK(Bytes(Load(storage, id).lines) == before);
        RunSql(db, "DELETE FROM line_payloads");  // the rows alone say the same
        CHECK(Bytes(Load(storage, id).lines) == before);
    }
    SUBCASE("lines given out of No order are stored, and loaded, in No order like the rows") {
        LineStore reversed;
        const LineStore source = GenerateSampleLines(200, 3, MakeDateKey(2026, 10, 1));
        for (size_t row = source.Size(); row-- > 0;) reversed.Append(source.Record(row));
        REQUIRE(storage.ReplaceLines(id, reversed, error));
        const std::string from_payload = Bytes(Load(storage, id).lines);
        CHECK(from_payload == Bytes(source));
        RunSql(db, "DELETE FROM line_payloads");
        CHECK(Bytes(Load(storage, id).lines) == from_payload);
    }
}

TEST_CASE("a payload stored with one large first block is re-encoded once, whole, with the same rows") {
    TempDatabase db;
    const Secrets secrets = KeyOf(kKey);
    SqliteStorage storage(db.Path(), secrets);
    std::vector<CustomerData> customers{OneCustomer(GenerateSampleLines(3000, 9, MakeDateKey(2026, 10, 1)))};
    const std::string expected = Bytes(customers[0].lines);
    std::string error;
    REQUIRE(storage.ReplaceCustomers(customers, error));
    const int64_t id = customers[0].customer.id;
    const auto stored_sealed = [&db] {
        SqliteDatabase other(db.Path());
        return SqliteStatement(other.Handle(), "SELECT sealed_payload FROM line_payloads")
            .FirstRow([](SqliteStatement& row) { return std::string(row.TextView(0)); })
            .value_or("");
    };
    const auto stored_first_block = [&] {
        std::string packed;
        REQUIRE(secrets.Open(stored_sealed(), packed));
        return LinesV2FirstBlockRows(packed);
    };
    CHECK(stored_first_block() == kLinesV2FirstBlockRows);  // written in today's layout at import

    // As a database written before the small first block holds it: all 3,000 rows in one block.
    const std::string old_layout = EncodeLinesV2(customers[0].lines, nullptr, 5, kLinesV2BlockRows);
    {
        SqliteDatabase other(db.Path());
        SqliteStatement(other.Handle(), "UPDATE line_payloads SET sealed_payload = ?")
            .Execute(SqliteBlob{secrets.Seal(old_layout)});
    }
    REQUIRE(stored_first_block() == 3000);

    Loaded first = Load(storage, id);
    REQUIRE(first.ok);
    CHECK(first.as_stored);  // from the payload, not from the rows
    CHECK(LinesV2FirstBlockRows(first.packed_v2) == kLinesV2FirstBlockRows);
    CHECK(Bytes(first.lines) == expected);
    CHECK(stored_first_block() == kLinesV2FirstBlockRows);  // and kept
    const std::string kept = stored_sealed();

    Loaded second = Load(storage, id);
    REQUIRE(second.ok);
    CHECK(second.as_stored);
    CHECK(second.packed_v2 == first.packed_v2);
    CHECK(stored_sealed() == kept);  // once: a payload in today's layout is not written again
    std::string rows_error;
    LineStore rows;
    REQUIRE(storage.LoadLines(id, rows, rows_error));
    CHECK(Bytes(rows) == expected);
}
