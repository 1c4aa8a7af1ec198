#!/usr/bin/env python3
"""make demo: a demo tenant with a believable week of data for the console (运营后台).

Needs `make run` up: GROUPGATE_URL if set, else http://127.0.0.1:$GROUPGATE_PORT (default
3000), the port `make run` serves on. Creates a tenant with the admin key
(GROUPGATE_ADMIN_KEY, default local-admin-key), groups (one of them an approval group),
group codes over several channels and a live code, the groups' entries (a WeChat group QR
picture, a WhatsApp link, Telegram links, one expiring within a day so the console warns),
and a referral campaign (裂变) on the freshers' group: five inviters, their friends (and
friends of a friend) joining through personal invites, so the console's #/campaigns page
has a leaderboard and a funnel.

What the data is, honestly. Two parts:

* The past week, as demo facts. The server's clock is real, so a scan through the public
  endpoints always happens now; a week cannot be made that way. So the demo writes the
  scan and join facts of the last seven days itself, the way the scan function writes a
  refusal's fact (com.groupgate.fact.FactTable: an item `pk=FACT#<id>, sk=FACT` whose
  `fact` map is what com.groupgate.fact.FactCodec encodes, with the fact's own `at`), into
  the main table of the local emulator, as its operator (`make run` writes the emulator's
  endpoint and operator keys to .run/operator.env; AWS_ENDPOINT_URL and the AWS_* keys in
  the environment win, GROUPGATE_OPERATOR_ENV names another file). The stream brings them
  to the real aggregate handler, which counts each by its own time: the hour-of-day
  heatmap and the 7-day chart show a week. Each such item also carries
  `demo = "scripts/demo.py"`, which the aggregate ignores: clearly demo data. They are
  facts only: they count in stats and usage, not as members of the groups. The script
  writes only to an emulator on this machine (a loopback endpoint), never to AWS.
* Now, through the real public API: scans and joins through GET /S/{token} and POST
  /S/{token}/join with varied User-Agents and CloudFront viewer headers (trusted because
  the requests carry X-Origin-Verify: GROUPGATE_ORIGIN_SECRET, default
  local-origin-secret, as CloudFront adds it; so the demo also runs against
  `GROUPGATE_REQUIRE_ORIGIN_VERIFY=true make run`), refusals among them (geo, daily cap,
  a revoked code), and join requests to the approval group left pending for the tenant.

Prints the console URL and the demo tenant's API key last, as `GROUPGATE_DEMO_KEY=<key>`.
Standard library only (the emulator's requests are signed with SigV4 here); the randomness
is seeded (GROUPGATE_DEMO_SEED) so runs are alike, but the week ends at the time it runs.
"""
import base64
import datetime
import hashlib
import hmac
import ipaddress
import json
import os
import random
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor


def base_url():
    """GROUPGATE_URL if set, else make run's own address: 127.0.0.1 and GROUPGATE_PORT (default 3000)."""
    url = os.environ.get("GROUPGATE_URL", "").strip()
    if url:
        return url.rstrip("/")
    port = os.environ.get("GROUPGATE_PORT", "").strip() or "3000"
    if not port.isdigit() or not 0 < int(port) < 65536:
        sys.exit(f"GROUPGATE_PORT: not a port number: {port}")
    return f"http://127.0.0.1:{int(port)}"


BASE = base_url()
ADMIN_KEY = os.environ.get("GROUPGATE_ADMIN_KEY", "local-admin-key")
ORIGIN_SECRET = os.environ.get("GROUPGATE_ORIGIN_SECRET", "local-origin-secret")
SEED = int(os.environ.get("GROUPGATE_DEMO_SEED", "7"))
THREADS = 8
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# A WeChat group QR made for the demo (its payload is weixin.qq.com/g/…, so it lasts 7 days).
WECHAT_QR = os.path.join(ROOT, "scripts", "demo-wechat-group-qr.png")
# The demo tenant's zone. China keeps no daylight saving time, so a fixed offset is exact.
TENANT_ZONE_NAME = "Asia/Shanghai"
TENANT_ZONE = datetime.timezone(datetime.timedelta(hours=8), TENANT_ZONE_NAME)
# Labels every fact item the demo writes itself; the aggregate reads only the `fact` map.
DEMO_LABEL = "scripts/demo.py"

# Where scanners are: (country, region or None, city, weight).
PLACES = [
    ("CN", "GD", "Shenzhen", 22), ("CN", "GD", "Guangzhou", 14), ("CN", "BJ", "Beijing", 14),
    ("CN", "SH", "Shanghai", 12), ("CN", "ZJ", "Hangzhou", 9), ("CN", "JS", "Nanjing", 7),
    ("CN", "SC", "Chengdu", 6), ("CN", "HB", "Wuhan", 4), ("CN", "FJ", "Xiamen", 3),
    ("HK", None, "Hong Kong", 3), ("SG", None, "Singapore", 2), ("US", "CA", "San Jose", 2),
    ("JP", None, "Tokyo", 2),
]
# (User-Agent, weight, and what the scan function classifies it as: device, os, app).
AGENTS = [
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Mobile/15E148 MicroMessenger/8.0.49(0x18003137) NetType/WIFI Language/zh_CN", 30, "phone", "ios", "wechat"),
    ("Mozilla/5.0 (Linux; Android 14; V2309A Build/UP1A.231005.007; wv) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560"
     "(0x28002F30) WeChat/arm64 Weixin NetType/5G Language/zh_CN ABI/arm64", 28, "phone", "android", "wechat"),
    ("Mozilla/5.0 (Linux; Android 12; HarmonyOS; NOH-AN00; HMSCore 6.13.0.302) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/99.0.4844.88 HuaweiBrowser/14.0.5.302 Mobile Safari/537.36", 10, "phone", "harmonyos", "other"),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Mobile/15E148 QQ/9.0.8.608 V1_IPH_SQ_9.0.8_1_APP_A Pixel/1170 Core/WKWebView NetType/WIFI", 8,
     "phone", "ios", "qq"),
    ("Mozilla/5.0 (Linux; U; Android 13; zh-CN; M2012K11AC Build/TKQ1.220829.002) AppleWebKit/537.36 "
     "(KHTML, like Gecko) Version/4.0 Chrome/100.0.4896.58 Mobile Safari/537.36 AliApp(DingTalk/7.5.10) "
     "com.alibaba.android.rimet/36185411 Channel/700159 language/zh-CN", 6, "phone", "android", "dingtalk"),
    ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Mobile/15E148 AlipayClient/10.5.60.6000 Language/zh-Hans", 4, "phone", "ios", "alipay"),
    ("Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 "
     "Mobile/15E148 Safari/604.1", 4, "tablet", "ios", "other"),
    ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 "
     "Safari/537.36", 5, "desktop", "windows", "other"),
    ("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 "
     "Safari/537.36", 3, "desktop", "macos", "other"),
]
# channel -> (real scans now, share of accepted scanners who join, past scans a day):
# campus converts best, ads worst.
CHANNELS = {"campus-poster": (8, 0.55, 22), "store-counter": (6, 0.40, 18), "wechat-ad": (7, 0.15, 17),
            "newsletter": (6, 0.35, 8)}
# The store's code stops at 22 scans a day (tenant time): busy weekend days reach it.
STORE_DAILY_LIMIT = 22
# How busy each hour of the day is in the tenant's zone: lunch and the evening peak.
HOUR_WEIGHTS = [0.30, 0.15, 0.08, 0.05, 0.05, 0.08, 0.25, 0.60, 0.90, 0.80, 0.75, 0.90,
                1.30, 1.10, 0.80, 0.75, 0.80, 1.00, 1.20, 1.50, 1.70, 1.60, 1.10, 0.60]
# How busy each day of the week is (Monday first): the shop's weekend.
WEEKDAY_WEIGHTS = [0.85, 0.90, 0.95, 1.00, 1.15, 1.45, 1.30]


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


class Operator:
    """The local emulator's operator: signed DynamoDB calls (SigV4), standard library only."""

    def __init__(self, endpoint, region, access_key, secret_key):
        host = urllib.parse.urlsplit(endpoint).hostname or ""
        try:
            loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            sys.exit(f"make demo writes its past week only to an emulator on this machine, not to {endpoint}")
        self.endpoint = endpoint.rstrip("/") + "/"
        self.host = urllib.parse.urlsplit(endpoint).netloc
        self.region = region
        self.access_key = access_key
        self.secret_key = secret_key

    @classmethod
    def from_environment(cls):
        """AWS_ENDPOINT_URL and the AWS_* keys if set, else the file make run writes (.run/operator.env)."""
        values = {}
        if not os.environ.get("AWS_ENDPOINT_URL"):
            path = os.environ.get("GROUPGATE_OPERATOR_ENV") or os.path.join(ROOT, ".run", "operator.env")
            try:
                with open(path, encoding="utf-8") as f:
                    for line in f:
                        name, _, value = line.strip().removeprefix("export ").partition("=")
                        values[name] = value
            except OSError:
                sys.exit(f"make demo: no {path}; start GroupGate with `make run` first (it writes that file)")
        values.update({k: v for k, v in os.environ.items() if k.startswith("AWS_")})
        try:
            return cls(values["AWS_ENDPOINT_URL"], values.get("AWS_REGION") or values["AWS_DEFAULT_REGION"],
                       values["AWS_ACCESS_KEY_ID"], values["AWS_SECRET_ACCESS_KEY"])
        except KeyError as e:
            sys.exit(f"make demo: the emulator's operator settings lack {e}")

    def dynamo(self, operation, body):
        payload = json.dumps(body).encode()
        now = datetime.datetime.now(datetime.timezone.utc)
        amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
        headers = {"content-type": "application/x-amz-json-1.0", "host": self.host, "x-amz-date": amz_date,
                   "x-amz-target": "DynamoDB_20120810." + operation}
        signed = ";".join(sorted(headers))
        canonical = "\n".join(["POST", "/", "", "".join(f"{k}:{headers[k]}\n" for k in sorted(headers)), signed,
                               hashlib.sha256(payload).hexdigest()])
        scope = f"{day}/{self.region}/dynamodb/aws4_request"
        to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
        key = ("AWS4" + self.secret_key).encode()
        for part in (day, self.region, "dynamodb", "aws4_request"):
            key = hmac.new(key, part.encode(), hashlib.sha256).digest()
        signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
        req = urllib.request.Request(self.endpoint, data=payload, method="POST")
        for k, v in headers.items():
            if k != "host":
                req.add_header(k, v)
        req.add_header("Authorization", f"AWS4-HMAC-SHA256 Credential={self.access_key}/{scope}, "
                                        f"SignedHeaders={signed}, Signature={signature}")
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                return json.loads(r.read() or b"{}")
        except urllib.error.HTTPError as e:
            raise ApiError(e.code, f"emulator {operation}: {e.read().decode(errors='replace')}") from None

    def main_table(self):
        """GROUPGATE_MAIN_TABLE, else what make run wrote for the scan function, else the one MainTable."""
        named = os.environ.get("GROUPGATE_MAIN_TABLE")
        if named:
            return named
        try:
            with open(os.path.join(ROOT, ".run", "env.json"), encoding="utf-8") as f:
                return json.load(f)["ScanFunction"]["GROUPGATE_MAIN_TABLE"]
        except (OSError, KeyError, ValueError):
            pass
        tables = [t for t in self.dynamo("ListTables", {}).get("TableNames", []) if t.endswith("MainTable")]
        if len(tables) != 1:
            sys.exit(f"make demo: set GROUPGATE_MAIN_TABLE, the emulator has main tables {tables}")
        return tables[0]

    def put_all(self, table, items):
        """BatchWriteItem, 25 at a time, until nothing is left unprocessed."""
        for start in range(0, len(items), 25):
            pending = {table: [{"PutRequest": {"Item": item}} for item in items[start:start + 25]]}
            for _ in range(20):
                pending = self.dynamo("BatchWriteItem", {"RequestItems": pending}).get("UnprocessedItems") or {}
                if not pending:
                    break
                time.sleep(0.2)
            else:
                raise ApiError(503, "emulator BatchWriteItem: items left unprocessed")


class Scanner:
    """One person with a phone: a place, a browser and an address of their own."""

    def __init__(self, rnd, n):
        country, region, city, _ = rnd.choices(PLACES, weights=[p[3] for p in PLACES])[0]
        agent, _, self.device, self.os, self.app = rnd.choices(AGENTS, weights=[a[1] for a in AGENTS])[0]
        self.country, self.region, self.city = country, f"{country}-{region}" if region else None, city
        self.headers = {
            "X-Origin-Verify": ORIGIN_SECRET,
            "User-Agent": agent,
            "CloudFront-Viewer-Country": country,
            "CloudFront-Viewer-City": city,
            # Documentation address ranges (RFC 5737): only ever a header value here.
            "CloudFront-Viewer-Address": f"{rnd.choice(['198.51.100', '203.0.113'])}.{n % 250 + 1}:{40000 + n}",
        }
        if region:
            self.headers["CloudFront-Viewer-Country-Region"] = region
        self.member = f"demo-member-{n}"
        # What a keyed address hash looks like (ClientIpHash: 16 bytes, base64url); made up, never an address's.
        self.ip_hash = base64.urlsafe_b64encode(hashlib.sha256(f"demo-scanner-{SEED}-{n}".encode()).digest()[:16]
                                                ).decode().rstrip("=")


def fact_id():
    """Two ids' worth of fresh randomness, as RecordedFact makes them (never seeded: a rerun adds, not overwrites)."""
    return base64.b32encode(os.urandom(16)).decode().lower().rstrip("=")


def fact_item(kind, at, outcome, tenant, scanner, channel, code_id=None, live_code_id=None, group_id=None,
              retention_days=90):
    """A fact item as FactTable writes one: pk=FACT#<id>, the FactCodec map, ttl at + the tenant's retention."""
    fact = {"id": fact_id(), "type": kind, "at": int(at.timestamp() * 1000), "outcome": outcome,
            "tenantId": tenant, "codeId": code_id, "groupId": group_id, "liveCodeId": live_code_id,
            "channel": channel, "country": scanner.country, "region": scanner.region, "city": scanner.city,
            "device": scanner.device, "os": scanner.os, "app": scanner.app, "ipHash": scanner.ip_hash}
    encoded = {k: ({"N": str(v)} if isinstance(v, int) else {"S": v}) for k, v in fact.items() if v is not None}
    return {"pk": {"S": "FACT#" + fact["id"]}, "sk": {"S": "FACT"}, "fact": {"M": encoded},
            "ttl": {"N": str(int(at.timestamp()) + retention_days * 86400)}, "demo": {"S": DEMO_LABEL}}


def week_times(rnd, per_day, now, skip_today=False):
    """Scan times over the last 7 days (a rolling window ending at the next full hour),
    as many a day as `per_day` on an average day, shaped by the hour of day and the day of the week
    in the tenant's zone; never within the last 10 minutes (those are the real scans')."""
    end = now - datetime.timedelta(minutes=10)
    start = now.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=1) - datetime.timedelta(days=7)
    start += datetime.timedelta(minutes=10)
    today = now.astimezone(TENANT_ZONE).date()
    out = []
    hour = start.replace(minute=0, second=0, microsecond=0)
    while hour < end:
        local = hour.astimezone(TENANT_ZONE)
        if not (skip_today and local.date() == today):
            mean = per_day * HOUR_WEIGHTS[local.hour] / sum(HOUR_WEIGHTS) * WEEKDAY_WEIGHTS[local.weekday()] \
                / (sum(WEEKDAY_WEIGHTS) / 7)
            for _ in range(int(mean) + (1 if rnd.random() < mean - int(mean) else 0)):
                at = hour + datetime.timedelta(seconds=rnd.uniform(0, 3600))
                if start <= at < end:
                    out.append(at)
        hour += datetime.timedelta(hours=1)
    return sorted(out)


def past_week(rnd, tenant, codes, live, pool, retention_days):
    """The demo facts of the last seven days: scans by their own time, their refusals, the joins that followed."""
    now = datetime.datetime.now(datetime.timezone.utc)
    items, by_day, refused = [], {}, {}
    n = 100000  # past scanners' numbers, apart from the real scans'
    regulars = []  # people who scan again on another day: unique scanners stay below scans
    for channel, (_, join_share, per_day) in CHANNELS.items():
        # The store's counter today is the real scans', so its daily cap counts them alone.
        daily = {}
        for at in week_times(rnd, per_day, now, skip_today=channel == "store-counter"):
            if regulars and rnd.random() < 0.12:
                scanner = rnd.choice(regulars)
            else:
                n += 1
                scanner = Scanner(rnd, n)
                regulars.append(scanner)
            day = at.astimezone(TENANT_ZONE).date()
            ids = {"live_code_id": live["liveCodeId"], "group_id": pool[0]["groupId"] if day.day % 3 else
                   pool[1]["groupId"]} if channel == "wechat-ad" else {
                "code_id": codes[channel]["codeId"], "group_id": codes[channel]["groupId"]}
            outcome = "accepted"
            if channel == "newsletter" and scanner.region == "CN-SH":
                outcome = "geo_blocked"
            elif channel == "store-counter":
                daily[day] = daily.get(day, 0) + 1
                if daily[day] > STORE_DAILY_LIMIT:
                    outcome = "daily_limit"
            items.append(fact_item("SCAN", at, outcome, tenant, scanner, channel, retention_days=retention_days,
                                   **ids))
            by_day[day] = by_day.get(day, 0) + 1
            if outcome != "accepted":
                refused[outcome] = refused.get(outcome, 0) + 1
            elif rnd.random() < join_share:
                joined = min(at + datetime.timedelta(seconds=rnd.uniform(20, 480)), now - datetime.timedelta(minutes=5))
                items.append(fact_item("JOIN", joined, "joined", tenant, scanner, channel,
                                       retention_days=retention_days, **ids))
    items.sort(key=lambda item: int(item["fact"]["M"]["at"]["N"]))  # written as they happened
    return items, by_day, refused


def scan_and_maybe_join(task):
    scan_path, scanner, join_share, roll = task
    status, body = call("GET", scan_path, headers=scanner.headers)
    if status != 200:
        return "refused", (body or {}).get("error", {}).get("code", str(status))
    if roll >= join_share:
        return "accepted", None
    status, body = call("POST", scan_path + "/join",
                        {"joinTicket": body["joinTicket"], "memberRef": scanner.member}, headers=scanner.headers)
    if status == 202:
        return "join_pending", None
    return ("joined" if status == 200 else "join_refused"), (body or {}).get("status")


# The referral campaign's inviters: how many friends each brings in (the goal is 3), and
# the one friend of the first inviter who invites friends of their own (a second generation).
REFERRALS = [("demo-inviter-lin", 4), ("demo-inviter-wang", 3), ("demo-inviter-chen", 3),
             ("demo-inviter-zhao", 2), ("demo-inviter-li", 1)]
SECOND_GENERATION = 2


def join_as(scan_path, scanner, member):
    """A scan (counted in the stats like any) and a join through the public endpoints as `member`; the join's answer."""
    status, body = call("GET", scan_path, headers=scanner.headers)
    if status != 200:
        raise ApiError(status, body)
    return must(call("POST", scan_path + "/join", {"joinTicket": body["joinTicket"], "memberRef": member},
                     headers=scanner.headers), 200)


def referral_campaign(rnd, key, campaign_id, code_path, first_n):
    """Inviters join through the group's code and get personal invites; friends (each from a phone and
    address of their own, so none is a self-invite) join through them. The campaign qualifies at once
    (qualifyAfterMinutes 0): the qualification run (every minute, as template.yaml schedules it) settles
    them, and the leaderboard then shows qualified friends and the rewards of those who reached the goal."""
    n = first_n

    def scanner():
        nonlocal n
        n += 1
        return Scanner(rnd, n)

    joins = 0
    scans = len(REFERRALS)  # each inviter's own scan of the code; each friend's scan of an invite below
    for inviter, friends in REFERRALS:
        invite = path_of(join_as(code_path, scanner(), inviter)["invite"]["inviteUrl"])
        for i in range(friends):
            friend = f"{inviter}-friend-{i + 1}"
            answer = join_as(invite, scanner(), friend)
            joins += 1
            scans += 1
            if inviter == REFERRALS[0][0] and i == 0:
                second = path_of(answer["invite"]["inviteUrl"])
                for j in range(SECOND_GENERATION):
                    join_as(second, scanner(), f"{friend}-friend-{j + 1}")
                    joins += 1
                    scans += 1
    # Reads only read: wait (up to three runs of the minute's qualification job) until no credit is pending.
    deadline = time.monotonic() + 200
    while True:
        status, board = call("GET", f"/v1/campaigns/{campaign_id}/leaderboard?limit=10", key=key)
        if status == 200 and board["items"] and all(item["pending"] == 0 for item in board["items"]):
            return joins, scans, board["items"]
        if (status != 200 and status < 500) or time.monotonic() > deadline:
            raise ApiError(status, board)
        time.sleep(2)


def main():
    rnd = random.Random(SEED)
    operator = Operator.from_environment()
    wait_until_up()
    table = operator.main_table()
    tenant = must(call("POST", "/v1/tenants", {"name": "Demo Campus Shop 演示", "timezone": TENANT_ZONE_NAME},
                       key=ADMIN_KEY), 201)
    key = tenant["apiKey"]

    def group(name, capacity, **extra):
        return must(call("POST", "/v1/groups", dict(name=name, capacity=capacity, **extra), key=key), 201)

    def link(g, url, **extra):
        must(call("PATCH", f"/v1/groups/{g['groupId']}", {"entry": dict(type="link", url=url, **extra)}, key=key), 200)

    main_group = group("新生交流群 Freshers", 2000, welcomeMessage="欢迎! Welcome to the freshers group.")
    shop_group = group("门店会员群 Store members", 500, welcomeMessage="Show this at the counter for 5% off.")
    pool = [group("福利群 1 Deals #1", 40), group("福利群 2 Deals #2", 30)]
    vip_group = group("VIP 会员群 VIP members", 200, joinPolicy="approval",
                      welcomeMessage="欢迎加入 VIP 群 Welcome, VIP.")

    # The real groups behind the codes: what an accepted joiner receives.
    with open(WECHAT_QR, "rb") as picture:
        must(call("PUT", f"/v1/groups/{main_group['groupId']}/entry-image", picture.read(), key=key,
                  content_type="image/png"), 200)
    link(shop_group, "https://chat.whatsapp.com/GroupGateDemoStore")
    soon = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 20 * 3600))
    link(pool[0], "https://t.me/+GroupGateDemoDeals1", expiresAt=soon)  # the console warns about this one
    link(pool[1], "https://t.me/+GroupGateDemoDeals2")
    link(vip_group, "https://t.me/+GroupGateDemoVip")

    def code(g, channel, **extra):
        made = must(call("POST", f"/v1/groups/{g['groupId']}/codes", dict(channel=channel, **extra), key=key), 201)
        return dict(made, groupId=g["groupId"])

    codes = {
        "campus-poster": code(main_group, "campus-poster"),
        "store-counter": code(shop_group, "store-counter", dailyScanLimit=STORE_DAILY_LIMIT),
        "newsletter": code(main_group, "newsletter", geo={"denyRegions": ["CN-SH"]}),
    }
    retired = code(shop_group, "store-counter")
    must(call("POST", f"/v1/codes/{retired['codeId']}/revoke", key=key), 200)
    vip = code(vip_group, "vip-invite")
    live = must(call("POST", "/v1/live-codes", {"name": "公众号活码 Deals live code", "channel": "wechat-ad",
                                                "groupIds": [g["groupId"] for g in pool]}, key=key), 201)

    # A referral campaign (裂变) on the freshers' group: its joiners get personal invites.
    campaign = must(call("POST", "/v1/campaigns", {"name": "邀请 3 位新生 Invite 3 freshers",
                                                   "groupId": main_group["groupId"], "goal": 3,
                                                   "reward": "校园咖啡券 A campus coffee voucher",
                                                   "qualifyAfterMinutes": 0}, key=key), 201)

    # The past week: demo facts with their own times, counted by the aggregate like any other.
    items, by_day, past_refused = past_week(rnd, tenant["tenantId"], codes, live, pool,
                                            tenant.get("factRetentionDays", 90))
    operator.put_all(table, items)

    # Now: real scans and joins through the public endpoints.
    paths = {name: path_of(c["scanUrl"]) for name, c in codes.items()}
    paths["wechat-ad"] = path_of(live["scanUrl"])
    tasks = []
    n = 0
    for channel, (count, join_share, _) in CHANNELS.items():
        for _ in range(count):
            n += 1
            tasks.append((paths[channel], Scanner(rnd, n), join_share, rnd.random()))
    for _ in range(3):  # people scanning the poster that was taken down
        n += 1
        tasks.append((path_of(retired["scanUrl"]), Scanner(rnd, n), 0.0, 1.0))
    for _ in range(4):  # people asking to join the VIP group: requests the tenant approves or not
        n += 1
        tasks.append((path_of(vip["scanUrl"]), Scanner(rnd, n), 1.0, 0.0))
    rnd.shuffle(tasks)

    outcomes = {}
    with ThreadPoolExecutor(THREADS) as pool_exec:
        for outcome, detail in pool_exec.map(scan_and_maybe_join, tasks):
            label = outcome if detail is None or outcome == "joined" else f"{outcome}:{detail}"
            outcomes[label] = outcomes.get(label, 0) + 1

    referral_joins, referral_scans, board = referral_campaign(rnd, key, campaign["campaignId"],
                                                              paths["campus-poster"], 10_000)

    print(f"Demo tenant {tenant['tenantId']} ({tenant['name']}, {tenant['timezone']})")
    print(f"The past week, as demo facts labelled demo={DEMO_LABEL} ({len(items)} scans and joins): scans by day "
          + ", ".join(f"{d:%m-%d} {by_day[d]}" for d in sorted(by_day)) + "; refused "
          + ", ".join(f"{k} {v}" for k, v in sorted(past_refused.items())))
    print(f"Now, through the public endpoints ({len(tasks)} scans): "
          + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    print(f"Join requests waiting for approval: GET {BASE}/v1/groups/{vip_group['groupId']}/join-requests")
    print(f"Referral campaign {campaign['campaignId']}: {referral_joins} friends joined through invites; leaderboard "
          + ", ".join(f"{row['memberRef']} {row['qualified']}" for row in board))
    print(f"GROUPGATE_DEMO_CAMPAIGN={campaign['campaignId']}")
    print("The stream brings every fact to the aggregate; on a busy machine the week's rollups take a minute"
          " or two to catch up. Scans in all (the week's and now's), what the stats count once caught up:")
    print(f"GROUPGATE_DEMO_SCANS={sum(by_day.values()) + len(tasks) + referral_scans}")
    print(f"Console: {BASE}/console   (sign in with the key below; it stays in the browser tab)")
    print(f"GROUPGATE_DEMO_KEY={key}")


if __name__ == "__main__":
    try:
        main()
    except ApiError as e:
        sys.exit(f"make demo: the API refused a step: {e}")
