#!/usr/bin/env python3
"""make freshness: how long a scan takes to show in the stats API, and whether it shows right.

Needs `make run` up: GROUPGATE_URL if set, else http://127.0.0.1:$GROUPGATE_PORT (default
3000), as scripts/demo.py finds it, and the same keys. Creates a tenant, a group and
one code per channel, then scans them one at a time, each with its own User-Agent and
CloudFront viewer headers (trusted because the request carries X-Origin-Verify). After
each scan it polls `GET /v1/codes/{id}/stats` every 50 ms until the scan is counted and
records the delay. At the end every code's totals and breakdowns must equal what was
scanned, exactly; the tenant's `GET /v1/stats?groupBy=channel` and `GET /v1/usage` too.

Prints the delays (median, 95th percentile, max over GROUPGATE_FRESHNESS_SCANS scans,
default 20) and exits non-zero if a number is wrong or a scan took over 30 s to show.
"""
import datetime
import os
import statistics
import sys
import time

from demo import ADMIN_KEY, ApiError, ORIGIN_SECRET, call, must, path_of, wait_until_up

SCANS = int(os.environ.get("GROUPGATE_FRESHNESS_SCANS", "20"))
GIVE_UP_SECONDS = 30

# (channel, User-Agent, country, region, city, expected device, os, app)
VIEWERS = [
    ("poster", "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
               "Mobile/15E148 MicroMessenger/8.0.49(0x18003137) NetType/WIFI Language/zh_CN",
     "CN", "GD", "Shenzhen", "phone", "ios", "wechat"),
    # A plain browser is "other": the product asks which app scanners use, not which browser.
    ("menu", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
             "Chrome/124.0.0.0 Mobile Safari/537.36",
     "SG", None, "Singapore", "phone", "android", "other"),
    ("web", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            "Chrome/124.0.0.0 Safari/537.36",
     "US", "CA", "San Jose", "desktop", "windows", "other"),
]


def stats_of(key, code_id, start, end):
    query = f"?from={start}&to={end}&granularity=hour&tz=UTC"
    return must(call("GET", f"/v1/codes/{code_id}/stats{query}", key=key), 200)


def check(key, codes, scanned, start, end, now):
    """What the stats and usage APIs say that differs from what was scanned."""
    wrong = []
    for code, (channel, _, country, region, city, device, os_name, app) in codes:
        n = scanned.get(code["codeId"], 0)
        s = stats_of(key, code["codeId"], start, end)
        expect = {
            "totals.scans": (s["totals"]["scans"], n), "totals.accepted": (s["totals"]["accepted"], n),
            "totals.uniqueScanners": (s["totals"]["uniqueScanners"], n),
            "byCountry": (s["byCountry"], {country: n}),
            "byRegion": (s["byRegion"], {f"{country}-{region}" if region else "unknown": n}),
            "byCity": (s["byCity"], {city: n}), "byDevice": (s["byDevice"], {device: n}),
            "byOs": (s["byOs"], {os_name: n}), "byApp": (s["byApp"], {app: n}),
        }
        wrong += [f"{channel} {field}: {got} != {exp}" for field, (got, exp) in expect.items() if got != exp]
    by_channel, cursor = {}, ""
    while True:  # a page at a time, as the API hands them out
        page = must(call("GET", f"/v1/stats?groupBy=channel&from={start}&to={end}{cursor}", key=key), 200)
        by_channel.update({r["key"]: r["scans"] for r in page["rows"]})
        if not page["nextCursor"]:
            break
        cursor = f"&cursor={page['nextCursor']}"
    want_channels = {viewer[0]: scanned.get(code["codeId"], 0) for code, viewer in codes}
    if by_channel != want_channels:
        wrong.append(f"stats by channel: {by_channel} != {want_channels}")
    usage = must(call("GET", f"/v1/usage?month={now.strftime('%Y-%m')}", key=key), 200)
    if usage["scansVerified"] != SCANS or usage["codesIssued"] != len(codes):
        wrong.append(f"usage: {usage}")
    return wrong


def main():
    wait_until_up()
    now = datetime.datetime.now(datetime.timezone.utc).replace(minute=0, second=0, microsecond=0)
    start = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    end = (now + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    admin = must(call("POST", "/v1/tenants", {"name": "Freshness check"}, key=ADMIN_KEY), 201)
    key = admin["apiKey"]
    group = must(call("POST", "/v1/groups", {"name": "Freshness group", "capacity": 500}, key=key), 201)
    codes = []
    for viewer in VIEWERS:
        code = must(call("POST", f"/v1/groups/{group['groupId']}/codes", {"channel": viewer[0]}, key=key), 201)
        codes.append((code, viewer))

    delays = []
    scanned = {}
    for i in range(SCANS):
        code, (channel, agent, country, region, city, *_) = codes[i % len(codes)]
        headers = {"X-Origin-Verify": ORIGIN_SECRET, "User-Agent": agent, "CloudFront-Viewer-Country": country,
                   "CloudFront-Viewer-City": city,
                   # Documentation addresses (RFC 5737), one per scan: every scan a new scanner.
                   "CloudFront-Viewer-Address": f"203.0.113.{i % 250 + 1}:{40000 + i}"}
        if region:
            headers["CloudFront-Viewer-Country-Region"] = region
        must(call("GET", path_of(code["scanUrl"]), headers=headers), 200)
        scanned_at = time.monotonic()
        want = scanned.get(code["codeId"], 0) + 1
        while stats_of(key, code["codeId"], start, end)["totals"]["scans"] < want:
            if time.monotonic() - scanned_at > GIVE_UP_SECONDS:
                sys.exit(f"make freshness: scan {i + 1} did not show in {GIVE_UP_SECONDS} s")
            time.sleep(0.05)
        delays.append(time.monotonic() - scanned_at)
        scanned[code["codeId"]] = want

    # The items of one batch are written one after another, so the last scan's code may show
    # a moment before its group, channel and usage do: read until all agree, for up to 10 s.
    deadline = time.monotonic() + 10
    while True:
        wrong = check(key, codes, scanned, start, end, now)
        if not wrong or time.monotonic() > deadline:
            break
        time.sleep(0.2)

    delays.sort()
    p95 = delays[min(len(delays) - 1, int(round(0.95 * (len(delays) - 1))))]
    print(f"scan to stats over {len(delays)} scans: median {statistics.median(delays) * 1000:.0f} ms, "
          f"p95 {p95 * 1000:.0f} ms, max {delays[-1] * 1000:.0f} ms (polled every 50 ms)", flush=True)
    if wrong:
        sys.exit("make freshness: numbers differ from what was scanned:\n  " + "\n  ".join(wrong))
    print("every code's totals and breakdowns, the channel rows and usage equal what was scanned")


if __name__ == "__main__":
    try:
        main()
    except ApiError as e:
        sys.exit(f"make freshness: the API refused a step: {e}")
