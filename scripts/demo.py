#!/usr/bin/env python3
"""make demo: a demo tenant with data for the dashboard, through the real public API.

Needs `make run` up (GROUPGATE_URL, default http://127.0.0.1:3000). Creates a tenant with
the admin key (GROUPGATE_ADMIN_KEY, default local-admin-key), groups, group codes over
several channels and a live code, the groups' entries (a WeChat group QR picture, a
WhatsApp link, Telegram links, one expiring within a day so the dashboard warns), then
scans and joins through GET /S/{token} and POST /S/{token}/join with varied User-Agents
and CloudFront viewer headers (trusted because the requests carry X-Origin-Verify:
GROUPGATE_ORIGIN_SECRET, default local-origin-secret, as CloudFront adds it to every
request; so the demo also runs against `GROUPGATE_REQUIRE_ORIGIN_VERIFY=true make run`).
The facts flow through the stream to the real aggregate handler; no rollup is written here.

What the data is, honestly: the server's clock is real, so every scan happens now. The
demo cannot make a past week; it makes a few hundred scans today, spread over channels,
regions, devices and refusal reasons (geo, daily cap, revoked, a full live-code pool).
The dashboard's default range, the last 7 days, includes them.

Prints the dashboard URL and the demo tenant's API key last, as `GROUPGATE_DEMO_KEY=<key>`.
Standard library only; the randomness is seeded (GROUPGATE_DEMO_SEED) so runs are alike.
"""
import hashlib
import json
import os
import random
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

BASE = os.environ.get("GROUPGATE_URL", "http://127.0.0.1:3000").rstrip("/")
ADMIN_KEY = os.environ.get("GROUPGATE_ADMIN_KEY", "local-admin-key")
ORIGIN_SECRET = os.environ.get("GROUPGATE_ORIGIN_SECRET", "local-origin-secret")
SEED = int(os.environ.get("GROUPGATE_DEMO_SEED", "7"))
THREADS = 8
# A WeChat group QR made for the demo (its payload is weixin.qq.com/g/…, so it lasts 7 days).
WECHAT_QR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "demo-wechat-group-qr.png")

# Where scanners are: (country, region or None, city, weight).
PLACES = [
    ("CN", "GD", "Shenzhen", 22), ("CN", "GD", "Guangzhou", 14), ("CN", "BJ", "Beijing", 14),
    ("CN", "SH", "Shanghai", 12), ("CN", "ZJ", "Hangzhou", 9), ("CN", "JS", "Nanjing", 7),
    ("CN", "SC", "Chengdu", 6), ("CN", "HB", "Wuhan", 4), ("CN", "FJ", "Xiamen", 3),
    ("HK", None, "Hong Kong", 3), ("SG", None, "Singapore", 2), ("US", "CA", "San Jose", 2),
    ("JP", None, "Tokyo", 2),
]
AGENTS = [
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Mobile/15E148 MicroMessenger/8.0.49(0x18003137) NetType/WIFI Language/zh_CN", 30),
    ("Mozilla/5.0 (Linux; Android 14; V2309A Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560"
     "(0x28002F30) WeChat/arm64 Weixin NetType/5G Language/zh_CN ABI/arm64", 28),
    ("Mozilla/5.0 (Linux; Android 12; HarmonyOS; NOH-AN00; HMSCore 6.13.0.302) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/99.0.4844.88 HuaweiBrowser/14.0.5.302 Mobile Safari/537.36", 10),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Mobile/15E148 QQ/9.0.8.608 V1_IPH_SQ_9.0.8_1_APP_A Pixel/1170 Core/WKWebView NetType/WIFI", 8),
    ("Mozilla/5.0 (Linux; U; Android 13; zh-CN; M2012K11AC Build/TKQ1.220829.002) AppleWebKit/537.36 "
     "(KHTML, like Gecko) Version/4.0 Chrome/100.0.4896.58 Mobile Safari/537.36 AliApp(DingTalk/7.5.10) "
     "com.alibaba.android.rimet/36185411 Channel/700159 language/zh-CN", 6),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Mobile/15E148 AlipayClient/10.5.60.6000 Language/zh-Hans", 4),
    ("Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 "
     "Mobile/15E148 Safari/604.1", 4),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 "
     "Safari/537.36", 5),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 "
     "Safari/537.36", 3),
]
# channel -> (scans, share of accepted scanners who join): campus converts best, ads worst.
CHANNELS = {"campus-poster": (110, 0.55), "store-counter": (80, 0.40), "wechat-ad": (90, 0.15),
            "newsletter": (30, 0.35)}


class ApiError(Exception):
    def __init__(self, status, body):
        super().__init__(f"{status}: {body}")
        self.status = status


def call(method, path, body=None, key=None, headers=None, content_type="application/json"):
    """One API call; `body` is JSON unless it is bytes, sent as `content_type`."""
    data = body if isinstance(body, bytes) else None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(BASE + path, data=data, method=method)
    req.add_header("Accept", "application/json")
    req.add_header("X-Origin-Verify", ORIGIN_SECRET)
    if data is not None:
        req.add_header("Content-Type", content_type)
        # Through the edge, a POST to the scan function's URL is signed by CloudFront with the
        # hash the viewer declares (origin access control); without it Lambda answers 403.
        req.add_header("x-amz-content-sha256", hashlib.sha256(data).hexdigest())
    if key:
        req.add_header("Authorization", "Bearer " + key)
    for k, v in (headers or {}).items():
        req.add_header(k, v)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def must(status_body, *ok):
    status, body = status_body
    if status not in ok:
        raise ApiError(status, body)
    return body


def wait_until_up():
    deadline = time.monotonic() + 60
    while True:
        try:
            if call("GET", "/health")[0] == 200:
                return
        except OSError:
            pass
        if time.monotonic() > deadline:
            sys.exit(f"GroupGate is not answering at {BASE}; start it with `make run` first")
        time.sleep(0.5)


def path_of(scan_url):
    """The scan URL's path: its base is the server's own (uppercase) URL."""
    return "/S/" + scan_url.rsplit("/S/", 1)[1]


class Scanner:
    """One person with a phone: a place, a browser and an address of their own."""

    def __init__(self, rnd, n):
        country, region, city, _ = rnd.choices(PLACES, weights=[p[3] for p in PLACES])[0]
        self.headers = {
            "X-Origin-Verify": ORIGIN_SECRET,
            "User-Agent": rnd.choices(AGENTS, weights=[a[1] for a in AGENTS])[0][0],
            "CloudFront-Viewer-Country": country,
            "CloudFront-Viewer-City": city,
            # Documentation address ranges (RFC 5737): only ever a header value here.
            "CloudFront-Viewer-Address": f"{rnd.choice(['198.51.100', '203.0.113'])}.{n % 250 + 1}:{40000 + n}",
        }
        if region:
            self.headers["CloudFront-Viewer-Country-Region"] = region
        self.member = f"demo-member-{n}"


def scan_and_maybe_join(task):
    scan_path, scanner, join_share, roll = task
    status, body = call("GET", scan_path, headers=scanner.headers)
    if status != 200:
        return "refused", (body or {}).get("error", {}).get("code", str(status))
    if roll >= join_share:
        return "accepted", None
    status, body = call("POST", scan_path + "/join",
                        {"joinTicket": body["joinTicket"], "memberRef": scanner.member}, headers=scanner.headers)
    return ("joined" if status in (200, 202) else "join_refused"), (body or {}).get("status")


def main():
    rnd = random.Random(SEED)
    wait_until_up()
    tenant = must(call("POST", "/v1/tenants", {"name": "Demo Campus Shop 演示", "timezone": "Asia/Shanghai"},
                       key=ADMIN_KEY), 201)
    key = tenant["apiKey"]

    def group(name, capacity, **extra):
        return must(call("POST", "/v1/groups", dict(name=name, capacity=capacity, **extra), key=key), 201)

    def link(g, url, **extra):
        must(call("PATCH", f"/v1/groups/{g['groupId']}", {"entry": dict(type="link", url=url, **extra)}, key=key), 200)

    main_group = group("新生交流群 Freshers", 2000, welcomeMessage="欢迎! Welcome to the freshers group.")
    shop_group = group("门店会员群 Store members", 500, welcomeMessage="Show this at the counter for 5% off.")
    pool = [group("福利群 1 Deals #1", 40), group("福利群 2 Deals #2", 30)]

    # The real groups behind the codes: what an accepted joiner receives.
    with open(WECHAT_QR, "rb") as picture:
        must(call("PUT", f"/v1/groups/{main_group['groupId']}/entry-image", picture.read(), key=key,
                  content_type="image/png"), 200)
    link(shop_group, "https://chat.whatsapp.com/GroupGateDemoStore")
    soon = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 20 * 3600))
    link(pool[0], "https://t.me/+GroupGateDemoDeals1", expiresAt=soon)  # the dashboard warns about this one
    link(pool[1], "https://t.me/+GroupGateDemoDeals2")

    def code(group_id, channel, **extra):
        return must(call("POST", f"/v1/groups/{group_id}/codes", dict(channel=channel, **extra), key=key), 201)

    codes = {
        "campus-poster": code(main_group["groupId"], "campus-poster"),
        "store-counter": code(shop_group["groupId"], "store-counter", dailyScanLimit=60),
        "newsletter": code(main_group["groupId"], "newsletter", geo={"denyRegions": ["CN-SH"]}),
    }
    retired = code(shop_group["groupId"], "store-counter")
    must(call("POST", f"/v1/codes/{retired['codeId']}/revoke", key=key), 200)
    live = must(call("POST", "/v1/live-codes", {"name": "公众号活码 Deals live code", "channel": "wechat-ad",
                                                "groupIds": [g["groupId"] for g in pool]}, key=key), 201)

    paths = {name: path_of(c["scanUrl"]) for name, c in codes.items()}
    paths["wechat-ad"] = path_of(live["scanUrl"])
    tasks = []
    n = 0
    for channel, (count, join_share) in CHANNELS.items():
        for _ in range(count):
            n += 1
            tasks.append((paths[channel], Scanner(rnd, n), join_share, rnd.random()))
    for _ in range(12):  # people scanning the poster that was taken down
        n += 1
        tasks.append((path_of(retired["scanUrl"]), Scanner(rnd, n), 0.0, 1.0))
    rnd.shuffle(tasks)

    outcomes = {}
    with ThreadPoolExecutor(THREADS) as pool_exec:
        for outcome, detail in pool_exec.map(scan_and_maybe_join, tasks):
            label = outcome if detail is None or outcome == "joined" else f"{outcome}:{detail}"
            outcomes[label] = outcomes.get(label, 0) + 1

    print(f"Demo tenant {tenant['tenantId']} ({tenant['name']}, {tenant['timezone']}): "
          f"{len(tasks)} scans today: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    print("The server's clock is real, so every scan is from today; the dashboard's default range"
          " (last 7 days) includes them. Rollups follow within a few seconds.")
    print(f"Dashboard: {BASE}/dashboard   (paste the key below; it stays in the browser tab)")
    print(f"GROUPGATE_DEMO_KEY={key}")


if __name__ == "__main__":
    try:
        main()
    except ApiError as e:
        sys.exit(f"make demo: the API refused a step: {e}")
