#!/usr/bin/env python3
"""Writes an import file (docs/server.md's JSON) of one large customer: LINES lines and CALLS call
records spread over 13 months, for the import figures of docs/scaling.md."""
import json
import random
import sys

lines_count, calls_count, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 1
rng = random.Random(seed)
with open(path, 'w') as out:
    out.write('{"customers": [{"selfcare_id": "big-1", "password": "Import-pass-2026", '
              '"email": "big@example.jp", "contractor_name": "大口 試験", "plan": "standard", '
              '"service_name": "IP電話サービス", "customer_code": "BIG1", "call_details": true, "lines": [\n')
    for n in range(1, lines_count + 1):
        phone = '050%08d' % n
        row = {"no": n, "phone": phone, "account_id": '81' + phone[1:], "line_password": 'pw%04d' % (n % 10000),
               "service_password": 'sv%04d' % (seed % 10000), "start_date": "2024-04-01", "end_date": "",
               "channels": 2, "caller_id": "", "hunt_group": "", "mobile_choice": ""}
        out.write(('' if n == 1 else ',\n') + json.dumps(row))
    out.write('\n], "calls": [\n')
    for i in range(calls_count):
        month = 1 + i % 12
        call = {"phone": '050%08d' % (1 + rng.randrange(lines_count)),
                "start": "2026-%02d-%02d %02d:%02d:%02d" % (month, 1 + rng.randrange(28), rng.randrange(24),
                                                           rng.randrange(60), rng.randrange(60)),
                "destination": "03%08d" % rng.randrange(10**8), "duration_seconds": rng.randrange(1, 3600),
                "charge_yen": rng.randrange(1, 500)}
        out.write(('' if i == 0 else ',\n') + json.dumps(call))
    out.write('\n]}]}\n')
