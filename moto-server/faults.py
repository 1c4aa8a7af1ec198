"""Faults between the AWS SDK and AWS, on request.

AWS answers some requests with throttling or internal errors, answers late, drops
connections, and leaves parts of batches unprocessed; the AWS SDKs retry some of these,
and code must cope with the rest (and with a write that happened although its answer was
lost). moto never does any of it.

The emulator injects such faults by rule. Control API (JSON):
    POST   /_groupgate/faults   a rule or a list of rules -> {"ids": [...]}
    GET    /_groupgate/faults   -> {"rules": [rule + "id", "matched", "fired"]}
    DELETE /_groupgate/faults   clears all rules -> {"cleared": n}
A rule: service ("dynamodb" | "kms" | "s3" | "sqs" | "*", from the SigV4 credential scope;
DynamoDB Streams is "dynamodb"), operation (X-Amz-Target's operation, e.g. "UpdateItem",
"GetRecords", "Decrypt"; for S3 derived from method and path-style path: "GetObject",
"PutObject", "HeadObject", "DeleteObject", ...; "*"), principal (the IAM role whose
assumed-role credentials signed the request, "operator" for the operator user, "*" by
default), table (a TableName of the DynamoDB request; any by default), fault, phase
("before": the request never reaches moto; "after": moto applies it, then the fault
replaces the answer; default "before"), times (how many matching requests get the fault;
default 1; -1 until cleared), skip (let the first N matching requests through; default 0),
delayMs (timeout only), keep (unprocessed only; default 1).
Faults, answered as the service answers them:
    throughput_exceeded  DynamoDB: 400 ProvisionedThroughputExceededException
    throttling           DynamoDB: 400 ThrottlingException; KMS: 400 ThrottlingException;
                         S3: 503 SlowDown; SQS: 400 RequestThrottled
    error500             DynamoDB: 500 InternalServerError; KMS: 500 KMSInternalException;
                         S3: 500 InternalError; SQS: 500 InternalFailure
    timeout              holds the connection delayMs, outside the lock that serializes
                         requests (others go on), then answers: with phase "after" moto's
                         answer (the request was applied), with "before" as error500 does
                         (it was not)
    reset                closes the connection with a TCP RST (SO_LINGER 0), no answer
    unprocessed          BatchGetItem / BatchWriteItem: only the first `keep` keys or
                         writes per table are performed, the rest come back in
                         UnprocessedKeys / UnprocessedItems as DynamoDB returns them
Rules are tried in the order added; a request meets at most one rule. Only AWS requests
are faulted, never /_groupgate/* or /moto-api/*.
"""
import http
import io
import itertools
import json
import socket
import struct
import threading
import time
import zlib
from urllib.parse import parse_qs, urlsplit

from moto.core import DEFAULT_ACCOUNT_ID
from moto.server import MotoRequestHandler
from moto.sts.models import sts_backends

from iam_authorization import SIGNED_BODY, SIGNED_CONTENT_LENGTH

CONTROL_PATH = "/_groupgate/faults"
SERVICES = ("dynamodb", "kms", "s3", "sqs")
_RESET = "groupgate.reset_connection"

_DYNAMODB_JSON = "application/x-amz-json-1.0"
_ERRORS = {  # (service, fault) -> (status, error code, message)
    ("dynamodb", "throughput_exceeded"): (
        400, "com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException",
        "The level of configured provisioned throughput for the table was exceeded. "
        "Consider increasing your provisioning level with the UpdateTable API."),
    ("dynamodb", "throttling"): (
        400, "com.amazon.coral.availability#ThrottlingException", "Rate of requests exceeds the allowed throughput."),
    ("dynamodb", "error500"): (500, "com.amazon.coral.service#InternalServerError", "Internal server error"),
    ("kms", "throttling"): (400, "ThrottlingException", "Rate exceeded"),
    ("kms", "error500"): (500, "KMSInternalException", "An internal error occurred."),
    ("s3", "throttling"): (503, "SlowDown", "Please reduce your request rate."),
    ("s3", "error500"): (500, "InternalError", "We encountered an internal error. Please try again."),
    ("sqs", "throttling"): (400, "RequestThrottled", "Request is throttled."),
    ("sqs", "error500"): (500, "InternalFailure", "The request processing has failed because of an unknown error."),
}
_ERROR_FAULTS = {fault for _, fault in _ERRORS}
_FAULTS = _ERROR_FAULTS | {"timeout", "reset", "unprocessed"}
_BATCHES = ("BatchGetItem", "BatchWriteItem")


class Rule:
    _ids = itertools.count(1)

    def __init__(self, spec):
        if not isinstance(spec, dict):
            raise ValueError("a rule is a JSON object")
        self.spec = spec
        self.service = spec.get("service", "*")
        self.operation = spec.get("operation", "*")
        self.principal = spec.get("principal", "*")
        self.table = spec.get("table")
        self.fault = spec.get("fault")
        self.phase = spec.get("phase", "before")
        self.times = spec.get("times", 1)
        self.skip = spec.get("skip", 0)
        self.delay = spec.get("delayMs", 0) / 1000
        self.keep = spec.get("keep", 1)
        if self.fault not in _FAULTS:
            raise ValueError(f"fault must be one of {sorted(_FAULTS)}")
        if self.service not in SERVICES + ("*",):
            raise ValueError("service must be dynamodb, kms, s3, sqs or *")
        if self.fault == "throughput_exceeded" and self.service != "dynamodb":
            raise ValueError("throughput_exceeded is a DynamoDB fault")
        if self.fault in _ERROR_FAULTS and self.service != "*" and (self.service, self.fault) not in _ERRORS:
            raise ValueError(f"{self.service} has no {self.fault} fault")
        if self.fault == "unprocessed" and (self.service != "dynamodb" or self.operation not in _BATCHES):
            raise ValueError("unprocessed applies to dynamodb BatchGetItem or BatchWriteItem")
        if self.phase not in ("before", "after"):
            raise ValueError("phase must be before or after")
        if not (self.times == -1 or (isinstance(self.times, int) and self.times > 0)):
            raise ValueError("times must be -1 or a positive number")
        if not (isinstance(self.skip, int) and self.skip >= 0 and self.delay >= 0):
            raise ValueError("skip and delayMs must not be negative")
        if not (isinstance(self.keep, int) and self.keep >= 1):
            raise ValueError("keep must be at least 1")
        self.id = next(Rule._ids)
        self.matched = 0
        self.fired = 0

    def applies_to(self, request):
        if self.times != -1 and self.fired >= self.times:
            return False
        if self.fault in _ERROR_FAULTS and (request.service, self.fault) not in _ERRORS:
            return False
        return (request.service in SERVICES and self.service in ("*", request.service)
                and self.operation in ("*", request.operation)
                and (self.table is None or self.table in request.tables)
                and (self.principal == "*" or self.principal == request.principal()))

    def describe(self):
        return {**self.spec, "id": self.id, "matched": self.matched, "fired": self.fired}


class _Request:
    """What a rule can match: service, operation, tables and signer of an AWS request."""

    def __init__(self, environ, access_key, service, body, principal_of):
        self.access_key, self.service, self.method = access_key, service, environ["REQUEST_METHOD"]
        self._principal_of = principal_of
        self.body = body
        document = {}
        if body and environ.get("CONTENT_TYPE", "").startswith("application/x-amz-json"):
            try:
                document = json.loads(body)
            except ValueError:
                pass
        self.document = document if isinstance(document, dict) else {}
        target = environ.get("HTTP_X_AMZ_TARGET")
        if target:
            self.operation = target.rpartition(".")[2]
        elif self.service == "s3":
            self.operation = _s3_operation(environ, parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True))
        else:
            self.operation = parse_qs(body.decode("utf-8", "replace")).get("Action", [None])[0]
        self.tables = {self.document["TableName"]} if isinstance(self.document.get("TableName"), str) else set()
        self.tables |= set(self.document.get("RequestItems") or {})
        for item in self.document.get("TransactItems") or []:
            self.tables |= {operation.get("TableName") for operation in item.values() if isinstance(operation, dict)}

    def principal(self):
        if not hasattr(self, "_principal"):
            self._principal = self._principal_of(self.access_key)
        return self._principal


def _signing_scope(environ):
    """(access key id, service) from the SigV4 credential, in the header or the query string."""
    credential = environ.get("HTTP_AUTHORIZATION", "").partition("Credential=")[2].partition(",")[0]
    credential = credential or parse_qs(environ.get("QUERY_STRING", "")).get("X-Amz-Credential", [""])[0]
    parts = credential.split("/")
    return parts[0], (parts[3] if len(parts) > 3 else None)


def _s3_operation(environ, query):
    method = environ["REQUEST_METHOD"]
    bucket, _, key = environ.get("PATH_INFO", "/").lstrip("/").partition("/")
    if key:
        if method == "PUT":
            return "CopyObject" if "HTTP_X_AMZ_COPY_SOURCE" in environ else (
                "UploadPart" if "partNumber" in query else "PutObject")
        return {"GET": "GetObject", "HEAD": "HeadObject", "DELETE": "DeleteObject"}.get(method, method)
    if bucket:
        if method == "POST" and "delete" in query:
            return "DeleteObjects"
        if method == "GET":
            return "ListObjectsV2" if query.get("list-type") == ["2"] else "ListObjects"
        return {"PUT": "CreateBucket", "HEAD": "HeadBucket", "DELETE": "DeleteBucket"}.get(method, method)
    return "ListBuckets"


def _error(request, fault):
    """The (status, headers, body) the request's service answers this fault with."""
    status, code, message = _ERRORS[(request.service, fault)]
    if request.service == "s3":
        body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code><Message>{message}</Message>'
                f"<RequestId>GROUPGATEFAULT</RequestId><HostId>groupgate</HostId></Error>").encode()
        return status, [("Content-Type", "application/xml")], b"" if request.method == "HEAD" else body
    if request.service == "sqs":
        body = json.dumps({"__type": f"com.amazonaws.sqs#{code}", "message": message}).encode()
        side = "Sender" if status < 500 else "Receiver"
        return status, [("Content-Type", _DYNAMODB_JSON), ("x-amzn-query-error", f"{code};{side}")], body
    body = json.dumps({"__type": code, "message": message}).encode()
    if request.service == "kms":
        return status, [("Content-Type", "application/x-amz-json-1.1")], body
    return status, [("Content-Type", _DYNAMODB_JSON), ("x-amz-crc32", str(zlib.crc32(body)))], body


class Faults:
    """The rules, their control API (`control`) and their injection in front of the AWS app."""

    def __init__(self, aws, operator_access_key_id, account_id=DEFAULT_ACCOUNT_ID):
        self._aws = aws
        self._operator = operator_access_key_id
        self._account_id = account_id
        self._rules = []
        self._lock = threading.Lock()

    # The control API

    def control(self, environ, start_response):
        method = environ["REQUEST_METHOD"]
        with self._lock:
            if method == "GET":
                status, answer = "200 OK", {"rules": [rule.describe() for rule in self._rules]}
            elif method == "DELETE":
                status, answer = "200 OK", {"cleared": len(self._rules)}
                self._rules = []
            elif method == "POST":
                status, answer = self._add(_read_body(environ))
            else:
                status, answer = "405 Method Not Allowed", {"message": "GET, POST or DELETE"}
        payload = json.dumps(answer).encode()
        start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
        return [payload]

    def _add(self, body):
        try:
            specs = json.loads(body)
            rules = [Rule(spec) for spec in (specs if isinstance(specs, list) else [specs])]
        except (ValueError, TypeError) as error:
            return "400 Bad Request", {"message": str(error)}
        self._rules.extend(rules)
        return "200 OK", {"ids": [rule.id for rule in rules]}

    # The injection

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if not self._rules or path.startswith(("/_groupgate/", "/moto-api")):
            return self._aws(environ, start_response)
        access_key, service = _signing_scope(environ)
        body = b""
        if service != "s3":  # JSON or form bodies; S3 payloads are left unread
            body = _read_body(environ)
            environ["wsgi.input"] = io.BytesIO(body)
        request = _Request(environ, access_key, service, body, self._principal_of)
        rule = self._match(request)
        if rule is None:
            return self._aws(environ, start_response)
        if rule.fault == "unprocessed":
            if not isinstance(request.document.get("RequestItems"), dict):  # moto says what is wrong with it
                return self._aws(environ, start_response)
            return _answer(start_response, *self._unprocessed(rule, request, environ))
        answer = self._call_aws(environ) if rule.phase == "after" else None
        if rule.fault == "reset":
            environ[_RESET]()
            raise ConnectionResetError("fault injected: reset")
        if rule.fault == "timeout":
            time.sleep(rule.delay)
            return _answer(start_response, *(answer or _error(request, "error500")))
        return _answer(start_response, *_error(request, rule.fault))

    def _match(self, request):
        with self._lock:
            for rule in self._rules:
                if rule.applies_to(request):
                    rule.matched += 1
                    if rule.matched <= rule.skip:
                        return None
                    rule.fired += 1
                    return rule
        return None

    def _principal_of(self, access_key_id):
        if access_key_id == self._operator:
            return "operator"
        for assumed in list(sts_backends[self._account_id]["aws"].assumed_roles):
            if assumed.access_key_id == access_key_id:
                return assumed.role_arn.rpartition("/")[2]
        return None

    def _call_aws(self, environ):
        started = {}

        def start_response(status, headers, exc_info=None):
            started.update(status=int(status.split()[0]), headers=headers)

        body = b"".join(self._aws(environ, start_response))
        return started["status"], started["headers"], body

    def _unprocessed(self, rule, request, environ):
        """Sends moto the first `keep` keys or writes per table; answers the rest as unprocessed."""
        keys = request.operation == "BatchGetItem"
        performed, withheld = {}, {}
        for table, part in request.document["RequestItems"].items():
            entries = part["Keys"] if keys else part
            performed[table] = {**part, "Keys": entries[:rule.keep]} if keys else entries[:rule.keep]
            if entries[rule.keep:]:
                withheld[table] = {**part, "Keys": entries[rule.keep:]} if keys else entries[rule.keep:]
        rewritten = json.dumps({**request.document, "RequestItems": performed}).encode()
        environ[SIGNED_BODY], environ[SIGNED_CONTENT_LENGTH] = request.body, environ.get("CONTENT_LENGTH", "")
        environ["wsgi.input"], environ["CONTENT_LENGTH"] = io.BytesIO(rewritten), str(len(rewritten))
        status, headers, body = self._call_aws(environ)
        if status != 200 or not withheld:
            return status, headers, body
        answer = json.loads(body)
        unprocessed = answer.setdefault("UnprocessedKeys" if keys else "UnprocessedItems", {})
        for table, part in withheld.items():
            if keys:
                unprocessed.setdefault(table, {**part, "Keys": []})["Keys"].extend(part["Keys"])
            else:
                unprocessed.setdefault(table, []).extend(part)
        return _json_answer(status, headers, answer)


def _json_answer(status, headers, document):
    body = json.dumps(document).encode()
    headers = [(name, value) for name, value in headers if name.lower() not in ("content-length", "x-amz-crc32")]
    return status, headers + [("x-amz-crc32", str(zlib.crc32(body)))], body


def _answer(start_response, status, headers, body):
    headers = [(name, value) for name, value in headers if name.lower() != "content-length"]
    start_response(f"{status} {http.HTTPStatus(status).phrase}", headers + [("Content-Length", str(len(body)))])
    return [body]


def _read_body(environ):
    length = environ.get("CONTENT_LENGTH")
    stream = environ["wsgi.input"]
    return stream.read(int(length)) if length else (stream.read() if environ.get("wsgi.input_terminated") else b"")


class RequestHandler(MotoRequestHandler):
    """moto's request handler, able to drop a connection with a TCP RST (for `reset`)."""

    def make_environ(self):
        environ = super().make_environ()
        environ[_RESET] = self._reset_after_request
        return environ

    def _reset_after_request(self):
        self.close_connection = True
        self._groupgate_reset = True

    def finish(self):
        super().finish()
        if getattr(self, "_groupgate_reset", False):
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
