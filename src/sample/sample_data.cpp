// Deterministic synthetic lines, usage and call details (see sample_data.h for the shape of the data).
#include "sample/sample_data.h"

#include <algorithm>
#include <string>
#include <vector>

namespace portal {
namespace {

constexpr DateKey kFirstSampleStart = MakeDateKey(2010, 1, 1);
constexpr DateKey kLastSampleStart = MakeDateKey(2026, 10, 31);
// Far more than any contract; keeps every 050 number unique (9,000 prefixes x 10,000 numbers).
constexpr size_t kMaxSampleLines = 50'000'000;

constexpr char kPasswordAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

// A run of consecutive numbers applied for on one day: one row per number.
struct SampleOrder {
    uint64_t first_number;  // the number without its leading 0: 5058051234 for 050-5805-1234
    uint32_t count;
    int32_t start_day;  // days since 1970-01-01
    uint8_t digits;     // digits after the leading 0: 10 for 050, 9 for 0AB-J
    bool has_caller_id;
    bool is_hunt_group;
};

// Writes `lead` (e.g. "0" or "81") then `value` as exactly `width` (at most 19) decimal digits
// into `out`, which must hold both; returns the length written.
size_t FormatNumber(char* out, std::string_view lead, uint64_t value, int width) {
    lead.copy(out, lead.size());
    char* digits = out + lead.size();
    for (int i = width - 1; i >= 0; --i) {
        digits[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
    return lead.size() + static_cast<size_t>(width);
}

void AppendNumber(std::string& out, std::string_view lead, uint64_t value, int width) {
    char text[32];
    out.append(text, FormatNumber(text, lead.substr(0, 8), value, std::min(width, 19)));
}

// Splits one allocated run into orders of realistic sizes (mostly a few lines, some hundreds).
void SplitRunIntoOrders(SampleRandom& rng, uint64_t first, uint32_t length, uint8_t digits, int32_t day_lo,
                        int32_t day_hi, std::vector<SampleOrder>& orders) {
    while (length > 0) {
        uint32_t size = rng.PerMille(700) ? rng.Between(1, 10) : rng.Between(10, 200);
        size = std::min(size, length);
        SampleOrder order{};
        order.first_number = first;
        order.count = size;
        order.start_day =
            static_cast<int32_t>(rng.Between(0, static_cast<uint32_t>(day_hi - day_lo))) + day_lo;
        order.digits = digits;
        order.has_caller_id = rng.PerMille(120);
        order.is_hunt_group = size > 1 && rng.PerMille(100);
        orders.push_back(order);
        first += size;
        length -= size;
    }
}

// 050 numbers: blocks of 1,000 (050-XXXX-Y000..Y999) inside randomly chosen 7-digit prefixes,
// each block holding one run of consecutive numbers at a random offset.
void Plan050Orders(SampleRandom& rng, size_t lines, int32_t day_lo, int32_t day_hi,
                   std::vector<SampleOrder>& orders) {
    if (lines == 0) return;
    const size_t wanted_prefixes = std::max<size_t>(16, (lines + 2999) / 3000);
    const size_t prefix_count = std::min<size_t>(9000, wanted_prefixes);
    // Partial Fisher-Yates over 050-1000 .. 050-9999 picks distinct prefixes.
    std::vector<uint32_t> pool(9000);
    for (uint32_t i = 0; i < 9000; ++i) pool[i] = 1000 + i;
    for (size_t i = 0; i < prefix_count; ++i) {
        std::swap(pool[i], pool[i + rng.Below(static_cast<uint32_t>(9000 - i))]);
    }
    size_t remaining = lines;
    size_t blocks_left = prefix_count * 10;
    for (size_t p = 0; p < prefix_count; ++p) {
        for (uint32_t block = 0; block < 10; ++block, --blocks_left) {
            if (remaining == 0) return;
            const size_t target = remaining / blocks_left;
            size_t length = target / 2 + rng.Below(static_cast<uint32_t>(target + 1));
            // Never leave more than the other blocks can hold, never exceed this block.
            const size_t others = (blocks_left - 1) * 1000;
            if (remaining > others) length = std::max(length, remaining - others);
            length = std::max<size_t>(1, std::min<size_t>({length, 1000, remaining}));
            const uint32_t offset = rng.Below(static_cast<uint32_t>(1000 - length + 1));
            const uint64_t first = 5000000000ull + uint64_t{pool[p]} * 10000 + block * 1000 + offset;
            SplitRunIntoOrders(rng, first, static_cast<uint32_t>(length), 10, day_lo, day_hi, orders);
            remaining -= length;
        }
    }
}

// 0AB-J numbers (10 digits with the leading 0): blocks of up to 100 direct-dial numbers, each
// area's blocks strictly ascending so no number repeats.
void Plan0abjOrders(SampleRandom& rng, size_t lines, int32_t day_lo, int32_t day_hi,
                    std::vector<SampleOrder>& orders) {
    // Tokyo 03, Osaka 06, Yokohama 045, Nagoya 052, Sapporo 011, Fukuoka 092 (number without the 0).
    uint64_t next_block[] = {352000000ull, 663000000ull, 452100000ull,
                             522000000ull, 112000000ull, 924000000ull};
    while (lines > 0) {
        uint64_t& base = next_block[rng.Below(6)];
        const uint32_t length = static_cast<uint32_t>(std::min<size_t>(lines, rng.Between(5, 100)));
        SplitRunIntoOrders(rng, base, length, 9, day_lo, day_hi, orders);
        base += 100 * uint64_t{rng.Between(1, 20)};
        lines -= length;
    }
}

void AppendPassword(SampleRandom& rng, StringColumn& column) {
    char text[6];
    for (char& c : text) c = kPasswordAlphabet[rng.Below(62)];
    column.Push(std::string_view(text, sizeof text));
}

uint64_t HashDigits(std::string_view text) {
    uint64_t h = 0xCBF29CE484222325ull;  // FNV-1a
    for (char c : text) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001B3ull;
    return h;
}

// The calls one number makes in one month, in generation order: the single source of truth for
// both the usage totals and the call-detail list. Totals skip building the destination text
// (the random draws stay the same, so both views still agree).
template <bool kWithDestination, class Visit>
void ForEachSampleCall(std::string_view phone, int year, int month, uint64_t seed, uint32_t mean,
                       Visit&& visit) {
    SampleRandom rng(seed ^ HashDigits(phone) ^ (uint64_t(year * 12 + month) * 0xD1B54A32D192ED03ull));
    rng.Next();
    // 30% of numbers stay silent in a month; the rest average mean / 0.7 calls.
    if (mean == 0 || rng.PerMille(300)) return;
    const uint32_t count = rng.Between(1, std::max<uint32_t>(1, mean * 20 / 7));
    const int days = DaysInMonth(year, month);
    const int64_t month_start = DaysFromDateKey(MakeDateKey(year, month, 1));
    static const char* const kLandlines[] = {"3", "6", "45", "52", "11", "92"};
    static const char* const kMobiles[] = {"90", "80", "70"};
    CallDetail call;
    for (uint32_t i = 0; i < count; ++i) {
        const int64_t day = month_start + rng.Below(static_cast<uint32_t>(days));
        // Offices call mostly in business hours, 09:00-18:00 JST.
        const uint32_t second = rng.PerMille(800) ? rng.Between(9 * 3600, 18 * 3600 - 1) : rng.Below(86400);
        call.start = day * 86400 + second - 9 * 3600;
        call.duration_seconds = rng.PerMille(600)   ? rng.Between(10, 180)
                                : rng.PerMille(900) ? rng.Between(181, 900)
                                                    : rng.Between(901, 3600);
        call.destination.clear();
        const uint32_t kind = rng.Below(100);
        if (kind < 55) {  // landline: 8.8 yen per 3 minutes
            const std::string_view area = kLandlines[rng.Below(6)];
            const bool short_area = area.size() == 1;  // 03-xxxx-xxxx vs 045-xxx-xxxx
            const uint32_t local = rng.Below(short_area ? 100000000 : 10000000);
            if (kWithDestination) {
                call.destination.append("0").append(area);
                AppendNumber(call.destination, "", local, short_area ? 8 : 7);
            }
            call.charge_yen = ((call.duration_seconds + 179) / 180 * 88 + 5) / 10;
        } else if (kind < 85) {  // mobile: 17.6 yen per minute
            const std::string_view mobile = kMobiles[rng.Below(3)];
            const uint32_t local = rng.Below(100000000);
            if (kWithDestination) AppendNumber(call.destination.append("0").append(mobile), "", local, 8);
            call.charge_yen = ((call.duration_seconds + 59) / 60 * 176 + 5) / 10;
        } else {  // another 050 number: same rate as a landline
            const uint32_t local = rng.Below(100000000);
            if (kWithDestination) AppendNumber(call.destination, "050", local, 8);
            call.charge_yen = ((call.duration_seconds + 179) / 180 * 88 + 5) / 10;
        }
        visit(call);
    }
}

// The store's columns, filled row by row.
struct SampleColumns {
    std::vector<uint32_t>& numbers;
    std::vector<DateKey>& start_dates;
    std::vector<DateKey>& end_dates;
    std::vector<uint16_t>& channels;
    StringColumn &phone, &account, &line_password, &service_password, &caller_id, &hunt_group, &mobile;
};

// One order's rows. Kept out of line and free of locals with destructors: under Emscripten's
// JavaScript exception handling every call made where a destructor may have to run goes
// through a JS "invoke" trampoline, which made this loop three times slower in WASM.
__attribute__((noinline)) void EmitOrderLines(const SampleOrder& order, std::string_view caller,
                                              DateKey as_of, int32_t as_of_day, SampleRandom& rng,
                                              SampleColumns& out) {
    char text[24];
    char hunt[24];
    const size_t hunt_size =
        order.is_hunt_group ? FormatNumber(hunt, "0", order.first_number, order.digits) : 0;
    const DateKey start = DateKeyFromDays(order.start_day);
    for (uint32_t i = 0; i < order.count; ++i) {
        const uint64_t number = order.first_number + i;
        out.numbers.push_back(static_cast<uint32_t>(out.numbers.size() + 1));
        out.phone.Push(std::string_view(text, FormatNumber(text, "0", number, order.digits)));
        out.account.Push(std::string_view(text, FormatNumber(text, "81", number, order.digits)));
        AppendPassword(rng, out.line_password);
        AppendPassword(rng, out.service_password);
        out.start_dates.push_back(start);

        DateKey end = kNoDate;
        if (rng.PerMille(150) && as_of != kNoDate && order.start_day < as_of_day) {  // cancelled before as_of
            const int32_t last = as_of_day - 1;
            const int32_t first = std::max(order.start_day, std::min(order.start_day + 30, last));
            end = DateKeyFromDays(first + rng.Below(static_cast<uint32_t>(last - first + 1)));
        } else if (as_of != kNoDate && rng.PerMille(12)) {  // cancellation still being processed
            end = DateKeyFromDays(as_of_day + rng.Below(61));
        }
        out.end_dates.push_back(end);

        const uint32_t c = rng.Below(100);
        out.channels.push_back(static_cast<uint16_t>(c < 30 ? 1 : c < 80 ? 2 : c < 90 ? 3 : 4));
        out.caller_id.Push(caller);
        out.hunt_group.Push(std::string_view(hunt, hunt_size));
        size_t mobile_size = 0;
        if (rng.PerMille(50)) {
            static const char* const kMobilePrefixes[] = {"090", "080", "070"};
            // Two statements: the order in which arguments are evaluated differs between g++ and
            // clang, and the draws must happen in one order everywhere.
            const char* const mobile_prefix = kMobilePrefixes[rng.Below(3)];
            mobile_size = FormatNumber(text, mobile_prefix, rng.Below(100000000), 8);
        }
        out.mobile.Push(std::string_view(text, mobile_size));
    }
}

}  // namespace

LineStore GenerateSampleLines(size_t count, uint64_t seed, DateKey as_of) {
    count = std::min(count, kMaxSampleLines);
    SampleRandom rng(seed);
    const int32_t first_day = static_cast<int32_t>(DaysFromDateKey(kFirstSampleStart));
    const int32_t last_day = static_cast<int32_t>(DaysFromDateKey(kLastSampleStart));
    const int32_t as_of_day = as_of == kNoDate ? INT32_MAX : static_cast<int32_t>(DaysFromDateKey(as_of));
    // Never a start after as_of; an as_of before 2010 moves the whole window back before it.
    const int32_t day_hi = std::min(last_day, as_of_day);
    const int32_t day_lo = day_hi >= first_day ? first_day : day_hi - (last_day - first_day);

    const size_t lines_0abj = count / 20;
    std::vector<SampleOrder> orders;
    orders.reserve(count / 16 + 64);
    Plan050Orders(rng, count - lines_0abj, day_lo, day_hi, orders);
    Plan0abjOrders(rng, lines_0abj, day_lo, day_hi, orders);
    // Line numbers follow the order of application; stable so every platform agrees on ties.
    std::stable_sort(orders.begin(), orders.end(),
                     [](const SampleOrder& a, const SampleOrder& b) { return a.start_day < b.start_day; });

    // The company's main numbers, shown as the caller ID on lines that hide their own number.
    std::vector<std::string> main_numbers;
    for (const SampleOrder& order : orders) {
        if (main_numbers.size() == 4) break;
        if (order.digits == 9 || (lines_0abj == 0 && main_numbers.empty())) {
            main_numbers.emplace_back();
            AppendNumber(main_numbers.back(), "0", order.first_number, order.digits);
        }
    }

    LineStore store;
    store.Reserve(count);
    SampleColumns columns{store.MutableNo(),
                          store.MutableStartDate(),
                          store.MutableEndDate(),
                          store.MutableChannels(),
                          store.MutableTextColumn(LineColumn::PhoneNumber),
                          store.MutableTextColumn(LineColumn::AccountId),
                          store.MutableTextColumn(LineColumn::LinePassword),
                          store.MutableTextColumn(LineColumn::ServicePassword),
                          store.MutableTextColumn(LineColumn::CallerIdNumber),
                          store.MutableTextColumn(LineColumn::HuntGroup),
                          store.MutableTextColumn(LineColumn::MobileChoice)};
    columns.phone.Reserve(count, count * 11);
    columns.account.Reserve(count, count * 12);
    columns.line_password.Reserve(count, count * 6);
    columns.service_password.Reserve(count, count * 6);
    columns.caller_id.Reserve(count, count * 2);
    columns.hunt_group.Reserve(count, count * 2);
    columns.mobile.Reserve(count, count);
    for (const SampleOrder& order : orders) {
        const std::string_view caller =
            order.has_caller_id ? std::string_view(main_numbers[rng.Below(4) % main_numbers.size()]) : "";
        EmitOrderLines(order, caller, as_of, as_of_day, rng, columns);
    }
    return store;
}

UsageReport GenerateSampleUsage(const LineStore& lines, int year, int month, uint64_t seed,
                                uint32_t mean_calls_per_month) {
    UsageReport report;
    if (month < 1 || month > 12 || year < 1900 || year > 2999) return report;
    std::string key = std::to_string(year) + "-";
    if (month < 10) key += '0';
    key += std::to_string(month);
    report.month = key;
    report.months = {key};
    const DateKey month_first = MakeDateKey(year, month, 1);
    const DateKey month_last = MakeDateKey(year, month, DaysInMonth(year, month));
    for (size_t row = 0; row < lines.Size(); ++row) {
        const DateKey end = lines.EndDate(row);
        if (lines.StartDate(row) > month_last || (end != kNoDate && end < month_first)) continue;
        UsageRow usage;
        usage.phone = std::string(lines.Phone(row));
        ForEachSampleCall<false>(usage.phone, year, month, seed, mean_calls_per_month,
                                 [&](const CallDetail& call) {
                                     usage.call_count += 1;
                                     usage.call_seconds += call.duration_seconds;
                                     usage.charge_yen += call.charge_yen;
                                 });
        report.rows.push_back(std::move(usage));
    }
    return report;
}

CallDetailReport GenerateSampleCalls(std::string_view phone, DateKey from, DateKey to, uint64_t seed,
                                     uint32_t mean_calls_per_month) {
    CallDetailReport report;
    report.phone = std::string(phone);
    report.from = from;
    report.to = to;
    if (from == kNoDate || to == kNoDate || from > to) return report;
    const int64_t first_second = DaysFromDateKey(from) * 86400 - 9 * 3600;
    const int64_t end_second = (DaysFromDateKey(to) + 1) * 86400 - 9 * 3600;
    int year = DateYear(from), month = DateMonth(from);
    while (MakeDateKey(year, month, 1) <= to) {
        ForEachSampleCall<true>(phone, year, month, seed, mean_calls_per_month, [&](const CallDetail& call) {
            if (call.start >= first_second && call.start < end_second) {
                report.calls.push_back(call);
                report.calls.back().phone = report.phone;
            }
        });
        if (++month == 13) month = 1, ++year;
    }
    std::stable_sort(report.calls.begin(), report.calls.end(),
                     [](const CallDetail& a, const CallDetail& b) { return a.start < b.start; });
    return report;
}

}  // namespace portal
