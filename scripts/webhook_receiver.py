#!/usr/bin/env python3
"""A tiny webhook receiver for `make run`: prints each delivery and verifies it.

GroupGate signs every delivery the Standard Webhooks way: headers `webhook-id`,
`webhook-timestamp` (Unix seconds) and `webhook-signature` (`v1,<base64>` entries,
space-separated: two for a day after a secret rotation), the signature being
HMAC-SHA256 over "<id>.<timestamp>.<body>" keyed by the base64-decoded part of the
endpoint's `whsec_` secret. This receiver accepts a delivery when one of the signatures
matches one of the secrets it was given and the timestamp is within 5 minutes of now; it
answers 204 then, 401 otherwise. It remembers the ids it has seen and says so when an
event comes again (deliveries are at least once).

    python3 scripts/webhook_receiver.py --secret whsec_... [--secret whsec_...] [--port 9000]

Standard library only. For local use: it listens on 127.0.0.1.
"""
import argparse
import base64
import hashlib
import hmac
import json
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

TOLERANCE_SECONDS = 5 * 60


def key_of(secret):
    if not secret.startswith("whsec_"):
        raise ValueError("a secret starts with whsec_")
    return base64.b64decode(secret[len("whsec_"):])


def verify(keys, msg_id, timestamp, signature_header, body, now=None):
    """None when the delivery verifies, else why not."""
    if not msg_id or not timestamp or not signature_header:
        return "missing webhook-id, webhook-timestamp or webhook-signature"
    try:
        ts = int(timestamp)
    except ValueError:
        return "webhook-timestamp is not a number"
    now = time.time() if now is None else now
    if abs(now - ts) > TOLERANCE_SECONDS:
        return "webhook-timestamp is more than 5 minutes away from now"
    signed = f"{msg_id}.{timestamp}.".encode() + body
    for key in keys:
        expected = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()
        for entry in signature_header.split(" "):
            version, _, sig = entry.partition(",")
            if version == "v1" and hmac.compare_digest(sig, expected):
                return None
    return "no signature matches"


def handler_class(keys, seen):
    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("content-length") or 0))
            msg_id = self.headers.get("webhook-id")
            problem = verify(keys, msg_id, self.headers.get("webhook-timestamp"),
                             self.headers.get("webhook-signature"), body)
            if problem:
                print(f"REFUSED {msg_id}: {problem}", flush=True)
                self.send_response(401)
                self.end_headers()
                return
            again = " (again: seen before)" if msg_id in seen else ""
            seen.add(msg_id)
            try:
                event = json.loads(body)
                summary = f"{event.get('type')} at {event.get('timestamp')}: {json.dumps(event.get('data'), ensure_ascii=False)}"
            except ValueError:
                summary = body.decode(errors="replace")
            print(f"verified {msg_id}{again} {summary}", flush=True)
            self.send_response(204)
            self.end_headers()

        def log_message(self, format, *args):  # one line per delivery is printed above
            pass

    return Receiver


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--secret", action="append", required=True,
                        help="the endpoint's whsec_ secret (repeat it to accept an old one during a rotation)")
    parser.add_argument("--port", type=int, default=9000)
    args = parser.parse_args(argv)
    keys = [key_of(s) for s in args.secret]
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler_class(keys, set()))
    print(f"listening on http://127.0.0.1:{server.server_port}/ (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
