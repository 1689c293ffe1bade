// Demo customers: one like the manual's sample, a basic-plan one, a 100,000-line company and one
// with the call-detail option. Lines, usage and calls come from the engine's deterministic sample
// generator, so every start with the same as-of date seeds the same data.
#include "server/demo_data.h"

#include "sample/sample_data.h"

namespace portal::server {
namespace {

std::string RandomPassword(SampleRandom& random, size_t length) {
    static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    std::string out;
    for (size_t i = 0; i < length; ++i) out.push_back(alphabet[random.Below(sizeof alphabet - 1)]);
    return out;
}

Customer BaseCustomer(PasswordHasher& hasher, const std::string& id, const std::string& name,
                      const std::string& code) {
    Customer c;
    c.selfcare_id = id;
    c.password_hash = hasher.Hash(kDemoPassword);
    c.email = id + "@example.jp";
    c.contractor_name = name;
    c.service_name = "IP電話サービス";
    c.customer_code = code;
    c.sip_proxy = "192.0.2.15";  // RFC 5737 documentation address
    c.sip_domain = "f01.sip.example.jp";
    c.charge_plan = "3分課金プラン";
    return c;
}

// Like the manual's sample: 10 lines from 2022-08-17 with 2 channels, numbers under 0505805.
CustomerData StandardCustomer(PasswordHasher& hasher) {
    CustomerData data;
    data.customer = BaseCustomer(hasher, "demo-standard", "見本 太郎", "C9001");
    SampleRandom random(2022);
    for (uint32_t i = 1; i <= 10; ++i) {
        LineRecord line;
        line.no = i;
        line.phone = "050580510" + std::string(i < 10 ? "0" : "") + std::to_string(i);
        line.account_id = "81" + line.phone.substr(1);
        line.line_password = RandomPassword(random, 6);
        line.service_password = RandomPassword(random, 6);
        line.start_date = MakeDateKey(2022, 8, 17);
        line.channels = 2;
        data.lines.Append(line);
    }
    return data;
}

CustomerData BasicCustomer(PasswordHasher& hasher) {
    CustomerData data;
    data.customer = BaseCustomer(hasher, "demo-basic", "試用 花子", "C9002");
    data.customer.plan = PlanKind::Basic;
    data.customer.service_name = "モバイルチョイス“050”";
    data.customer.sip_proxy.clear();
    data.customer.sip_domain.clear();
    data.customer.charge_plan = "ベーシックプラン";
    const char* mobiles[] = {"09012340001", "08012340002", "07012340003"};
    for (uint32_t i = 1; i <= 3; ++i) {
        LineRecord line;
        line.no = i;
        line.phone = "0506120000" + std::to_string(i);
        line.start_date = MakeDateKey(2023, 4, static_cast<int>(i));
        line.mobile_choice = mobiles[i - 1];
        data.lines.Append(line);
    }
    return data;
}

CustomerData LargeCustomer(PasswordHasher& hasher, DateKey as_of, size_t lines) {
    CustomerData data;
    data.customer = BaseCustomer(hasher, "demo-large", "株式会社見本大規模通信", "C9003");
    data.customer.sip_proxy = "192.0.2.16";
    data.customer.sip_domain = "f02.sip.example.jp";
    data.lines = GenerateSampleLines(lines, 50050, as_of);
    return data;
}

// 13 whole months before as_of, oldest first.
std::vector<std::pair<int, int>> PastMonths(DateKey as_of, int count) {
    std::vector<std::pair<int, int>> months;
    int year = DateYear(as_of), month = DateMonth(as_of);
    for (int i = 0; i < count; ++i) {
        if (--month == 0) month = 12, --year;
        months.insert(months.begin(), {year, month});
    }
    return months;
}

CustomerData DetailsCustomer(PasswordHasher& hasher, DateKey as_of) {
    CustomerData data;
    data.customer = BaseCustomer(hasher, "demo-details", "明細 次郎", "C9004");
    data.customer.call_details = true;
    SampleRandom random(4004);
    for (uint32_t i = 1; i <= 5; ++i) {
        LineRecord line;
        line.no = i;
        line.phone = "0505820200" + std::to_string(i);
        line.account_id = "81" + line.phone.substr(1);
        line.line_password = RandomPassword(random, 6);
        line.service_password = RandomPassword(random, 6);
        line.start_date = MakeDateKey(2021, 1, 10);
        line.channels = 2;
        data.lines.Append(line);
    }
    const uint64_t seed = 7007;
    auto months = PastMonths(as_of, 13);
    for (auto [year, month] : months) {
        UsageReport report = GenerateSampleUsage(data.lines, year, month, seed);
        char key[8];
        std::snprintf(key, sizeof key, "%04d-%02d", year, month);
        report.month = key;
        data.usage.push_back(std::move(report));
    }
    DateKey from = MakeDateKey(months.front().first, months.front().second, 1);
    DateKey to = DateKeyFromDays(DaysFromDateKey(MakeDateKey(DateYear(as_of), DateMonth(as_of), 1)) - 1);
    for (size_t row = 0; row < data.lines.Size(); ++row) {
        auto calls = GenerateSampleCalls(data.lines.Phone(row), from, to, seed);
        for (auto& call : calls.calls) data.calls.push_back(std::move(call));
    }
    return data;
}

}  // namespace

std::vector<DemoLogin> DemoLogins() {
    return {
        {"demo-standard", "マニュアルの見本と同じ 10 回線 / 10 lines like the manual's sample"},
        {"demo-basic", "ベーシックプラン / basic plan"},
        {"demo-large", "大規模 (既定 100,000 回線) / large company (100,000 lines by default)"},
        {"demo-details", "明細照会あり、13 か月の利用状況 / call-detail option, 13 months of usage"},
    };
}

std::vector<CustomerData> BuildDemoCustomers(PasswordHasher& hasher, DateKey as_of, size_t large_lines) {
    std::vector<CustomerData> customers;
    customers.push_back(StandardCustomer(hasher));
    customers.push_back(BasicCustomer(hasher));
    customers.push_back(LargeCustomer(hasher, as_of, large_lines));
    customers.push_back(DetailsCustomer(hasher, as_of));
    return customers;
}

bool SeedDemoDataIfEmpty(Storage& storage, PasswordHasher& hasher, DateKey as_of, size_t large_lines,
                         std::string& error) {
    if (storage.CountCustomers() > 0) return true;
    auto customers = BuildDemoCustomers(hasher, as_of, large_lines);
    return storage.ReplaceCustomers(customers, error);
}

}  // namespace portal::server
