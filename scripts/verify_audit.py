#!/usr/bin/env python3
"""Checks a GroupGate tenant's audit log offline, sharing no code with the service.

    verify_audit.py --url https://gg.example.com --key gg_...   [--state audit-state.json]
    verify_audit.py --file export.json                            [--state audit-state.json]

From the API (GET /v1/audit/export) or an exported file it:

* recomputes every entry's leaf, SHA-256(0x00 || leafInput), after checking that the
  leafInput is the entry's canonical JSON (members index, at, actor, action, target,
  summary, in that order, no whitespace, json.dumps(ensure_ascii=False)) and that entry n
  sits at place n and says index n;
* recomputes the RFC 6962 root of the first `size` entries and compares it with the
  latest signed checkpoint's; when the export lists each entry's stored leaf hash, checks
  that those give the signed root and names the entry whose bytes no longer match its leaf;
* checks the checkpoint's note (origin, size, base64 root, each line ending in a newline)
  and its ECDSA P-256 / SHA-256 signature (DER) with the exported public key, and that the
  key ID is the first four bytes of SHA-256 of the key's SPKI;
* with --state, checks that the checkpoint extends the last one it saw: the entries give
  the old root again (and, with --url, the served consistency proof verifies as RFC 9162
  2.1.4.2 says), then records the new checkpoint there.

Prints OK, or FAIL and exactly which entry, checkpoint or proof fails; exits 0 or 1.
"""
import argparse
import base64
import hashlib
import json
import sys
import urllib.parse
import urllib.request

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

FIELDS = ["index", "at", "actor", "action", "target", "summary"]


class Failure(Exception):
    pass


def sha256(*parts):
    h = hashlib.sha256()
    for p in parts:
        h.update(p)
    return h.digest()


def leaf_hash(data):
    return sha256(b"\x00", data)


def node_hash(left, right):
    return sha256(b"\x01", left, right)


def split(n):
    k = 1
    while k * 2 < n:
        k *= 2
    return k


def root(leaves):
    """RFC 6962 MTH over leaf hashes."""
    if not leaves:
        return sha256()
    if len(leaves) == 1:
        return leaves[0]
    k = split(len(leaves))
    return node_hash(root(leaves[:k]), root(leaves[k:]))


def canonical(entry):
    ordered = {name: entry[name] for name in FIELDS}
    return json.dumps(ordered, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def check_entries(entries):
    """The leaf hashes, in order; Failure naming the first entry that is not what it says."""
    leaves = []
    for place, listed in enumerate(entries):
        if listed.get("index") != place:
            raise Failure(f"entry {place}: listed as index {listed.get('index')} at place {place} "
                          "(entries reordered or missing)")
        try:
            raw = base64.b64decode(listed["leafInput"], validate=True)
            entry = json.loads(raw.decode("utf-8"))
        except (KeyError, ValueError, UnicodeDecodeError) as e:
            raise Failure(f"entry {place}: leafInput is not base64 of UTF-8 JSON ({e})")
        if not isinstance(entry, dict) or list(entry) != FIELDS:
            raise Failure(f"entry {place}: leafInput's members are not {FIELDS}")
        if canonical(entry) != raw:
            raise Failure(f"entry {place}: leafInput is not the canonical JSON of its entry")
        if entry["index"] != place:
            raise Failure(f"entry {place}: its leafInput says index {entry['index']} (entries reordered)")
        for name in FIELDS[1:]:
            if name in listed and listed[name] != entry[name]:
                raise Failure(f"entry {place}: listed {name} differs from the hashed leafInput")
        leaves.append(leaf_hash(raw))
    return leaves


def check_signature(export):
    cp = export.get("checkpoint")
    if cp is None:
        raise Failure("no signed checkpoint in the export: sign one (POST /v1/audit/checkpoint) first")
    key = export["publicKey"]
    public_key = serialization.load_pem_public_key(key["publicKeyPem"].encode("ascii"))
    if not isinstance(public_key, ec.EllipticCurvePublicKey) or public_key.curve.name != "secp256r1":
        raise Failure("public key: not an ECDSA P-256 key")
    spki = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    if hashlib.sha256(spki).digest()[:4].hex() != key["keyId"]:
        raise Failure(f"public key: key ID {key['keyId']} is not SHA-256(SPKI)[:4]")
    note = f"{cp['origin']}\n{cp['size']}\n{cp['rootHash']}\n"
    if cp["note"] != note:
        raise Failure(f"checkpoint {cp['size']}: note is not origin, size and root hash")
    if cp["origin"] != export["origin"]:
        raise Failure(f"checkpoint {cp['size']}: origin {cp['origin']} is not the log's {export['origin']}")
    try:
        public_key.verify(base64.b64decode(cp["signature"]), note.encode("utf-8"), ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise Failure(f"checkpoint {cp['size']}: the signature does not verify with the public key")
    return cp


def verify_consistency(first, second, proof, first_hash, second_hash):
    """RFC 9162 2.1.4.2."""
    if first == second:
        return not proof and first_hash == second_hash
    if first == 0 or first > second:
        return False
    path = list(proof)
    if first & (first - 1) == 0:
        path.insert(0, first_hash)
    if not path:
        return False
    fn, sn = first - 1, second - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            return False
        if fn & 1 or fn == sn:
            fr = node_hash(c, fr)
            sr = node_hash(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = node_hash(sr, c)
        fn >>= 1
        sn >>= 1
    return fr == first_hash and sr == second_hash and sn == 0


def fetch(url, key, path, query=None):
    full = url.rstrip("/") + path + ("?" + urllib.parse.urlencode(query) if query else "")
    request = urllib.request.Request(full, headers={"Authorization": "Bearer " + key, "Accept": "application/json"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read().decode("utf-8"))


def verify(export, state, url=None, key=None):
    leaves = check_entries(export["entries"])
    cp = check_signature(export)
    size = cp["size"]
    if size > len(leaves):
        raise Failure(f"log truncated: checkpoint {size} is signed over {size} entries, the log lists {len(leaves)}")
    stored = [e.get("leafHash") for e in export["entries"][:size]]
    if all(stored):
        # The leaf hashes stored at each append are covered by the signed root; an entry
        # whose bytes no longer hash to its stored leaf was changed after it was signed.
        stored = [base64.b64decode(h) for h in stored]
        if base64.b64encode(root(stored)).decode("ascii") != cp["rootHash"]:
            raise Failure(f"checkpoint {size}: the stored leaf hashes do not give its signed root")
        for place in range(size):
            if leaves[place] != stored[place]:
                raise Failure(f"entry {place}: its leafInput does not hash to the leaf checkpoint {size} signed "
                              "(entry changed)")
    if base64.b64encode(root(leaves[:size])).decode("ascii") != cp["rootHash"]:
        raise Failure(f"checkpoint {size}: its root is not the root of entries 0..{size - 1}")
    seen = state.get(cp["origin"])
    if seen:
        old_size, old_root = seen["size"], seen["rootHash"]
        if old_size > size:
            raise Failure(f"log rolled back: checkpoint {old_size} was seen before, the latest is {size}")
        if old_size > len(leaves) or base64.b64encode(root(leaves[:old_size])).decode("ascii") != old_root:
            raise Failure(f"consistency {old_size} -> {size}: the entries no longer give the root of checkpoint "
                          f"{old_size} seen before")
        if url and old_size < size:
            proof = fetch(url, key, "/v1/audit/consistency", {"from": old_size, "to": size})
            if not verify_consistency(old_size, size, [base64.b64decode(h) for h in proof["hashes"]],
                                      base64.b64decode(old_root), base64.b64decode(cp["rootHash"])):
                raise Failure(f"consistency proof {old_size} -> {size} does not verify")
    state[cp["origin"]] = {"size": size, "rootHash": cp["rootHash"]}
    return cp


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--url", help="the API's base URL, e.g. http://127.0.0.1:3000")
    source.add_argument("--file", help="an export (GET /v1/audit/export) saved as JSON")
    parser.add_argument("--key", help="an API key of the tenant (with --url)")
    parser.add_argument("--state", help="a JSON file keeping the last checkpoint seen per log")
    args = parser.parse_args(argv)
    if args.url and not args.key:
        parser.error("--url needs --key")
    state = {}
    if args.state:
        try:
            with open(args.state, encoding="utf-8") as f:
                state = json.load(f)
        except FileNotFoundError:
            state = {}
    try:
        if args.url:
            export = fetch(args.url, args.key, "/v1/audit/export")
        else:
            with open(args.file, encoding="utf-8") as f:
                export = json.load(f)
        cp = verify(export, state, args.url, args.key)
    except Failure as failure:
        print(f"FAIL {failure}")
        return 1
    except (KeyError, TypeError, ValueError) as e:
        print(f"FAIL export is malformed: {e!r}")
        return 1
    if args.state:
        with open(args.state, "w", encoding="utf-8") as f:
            json.dump(state, f, indent=2)
    print(f"OK {cp['origin']}: {len(export['entries'])} entries, checkpoint {cp['size']} signed by key {export['publicKey']['keyId']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
