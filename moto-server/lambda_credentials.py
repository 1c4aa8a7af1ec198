"""A function's credentials, served as the Lambda service serves them.

AWS: Lambda runs a function with temporary credentials of its execution role, which the
Lambda service obtains by assuming the role as the service principal lambda.amazonaws.com;
Lambda refuses a role whose trust policy does not let that principal sts:AssumeRole. The
role session is named after the function. Functions published with SnapStart get their
credentials from a container credentials endpoint: AWS_CONTAINER_CREDENTIALS_FULL_URI,
called with header `Authorization: <AWS_CONTAINER_AUTHORIZATION_TOKEN>`, answers JSON
{"AccessKeyId", "SecretAccessKey", "Token", "Expiration"} (Expiration in ISO 8601, UTC),
and hands out the same credentials until shortly before they expire.

moto has no such endpoint, and its STS lets a caller assume a role only if the caller's
own policies allow sts:AssumeRole.

Temporary credentials expire, and AWS then refuses what they signed: an API call with
HTTP 400 `ExpiredTokenException` (JSON protocols: DynamoDB, KMS; `ExpiredToken` in the
query protocols: STS, SQS, SNS) "The security token included in the request is expired";
S3, for a signed request or a presigned URL whose session token has expired (even if the
URL's X-Amz-Expires has not), HTTP 400 `ExpiredToken` "The provided token has expired.".
moto 5.2.5 keeps an assumed role's Expiration but never checks it: its credentials work
for ever.

Served here: GET /_groupgate/lambda-credentials/<roleName>?session=<functionName> with the
token the emulator printed at startup. The emulator assumes the role itself, in-process,
through moto's STS backend (as the Lambda service would; the function needs no sts
permission), for `lifetime` seconds (serial_moto.py --lambda-credentials-seconds; default
six hours, like the hours-long credentials Lambda hands out), and hands out the same
credentials per (role, session) until a quarter of their lifetime, at most 15 minutes,
is left. Requests signed with them are authenticated by moto as the assumed role and
authorized by the role's inline and attached policies. Answers: 401 for a missing or
wrong token, 404 for an unknown role, 403 when the trust policy does not allow
lambda.amazonaws.com to sts:AssumeRole (conditions in the trust policy are not
evaluated), 400 without a session name.

Patched (install()): any assumed role's credentials (these, and those of a caller's own
sts:AssumeRole) are refused once their Expiration has passed, as above; the JSON-protocol
answer is iam_authorization.py's, S3's presigned_urls.py's.
"""
import datetime
import fnmatch
import hmac
import json
from urllib.parse import parse_qs, unquote

from moto.core import DEFAULT_ACCOUNT_ID
from moto.core.exceptions import _RESTError
from moto.core.utils import utcnow
from moto.iam import access_control
from moto.iam.exceptions import NotFoundException
from moto.iam.models import iam_backends
from moto.sts.models import sts_backends

PATH = "/_groupgate/lambda-credentials/"
LAMBDA_PRINCIPAL = "lambda.amazonaws.com"
SESSION_SECONDS = 6 * 3600
REFRESH_BEFORE_EXPIRY = datetime.timedelta(minutes=15)
# What moto's authentication is told when an assumed role's credentials have expired.
EXPIRED = "ExpiredToken"
EXPIRED_MESSAGE = "The security token included in the request is expired"


class _ExpiredTokenError(_RESTError):
    """AWS's refusal of expired credentials in the query protocols (STS, SQS, SNS, IAM)."""
    code = 400

    def __init__(self):
        super().__init__(EXPIRED, EXPIRED_MESSAGE)


class _ExpiringAssumedRoleAccessKey(access_control.AssumedRoleAccessKey):
    """moto's assumed-role identity, refused once the role session's Expiration has passed."""

    def __init__(self, account_id, partition, access_key_id, headers):
        super().__init__(account_id, partition, access_key_id, headers)
        for assumed in sts_backends[account_id][partition].assumed_roles:
            if assumed.access_key_id == access_key_id and assumed.expiration <= utcnow():
                raise access_control.CreateAccessKeyFailure(reason=EXPIRED)


def _refusing_expired(raise_invalid_access_key):
    def refuse(self, reason):
        if reason == EXPIRED:
            raise _ExpiredTokenError()
        raise_invalid_access_key(self, reason)
    return refuse


def install():
    # moto's authentication looks these up in access_control on every request.
    access_control.AssumedRoleAccessKey = _ExpiringAssumedRoleAccessKey
    access_control.IAMRequest._raise_invalid_access_key = _refusing_expired(
        access_control.IAMRequest._raise_invalid_access_key)


def trusts_lambda(trust_policy):
    """Whether this trust policy lets the Lambda service principal sts:AssumeRole."""
    statements = json.loads(trust_policy).get("Statement", [])
    allowed = False
    for statement in statements if isinstance(statements, list) else [statements]:
        actions = statement.get("Action", [])
        actions = [actions] if isinstance(actions, str) else actions
        if not any(fnmatch.fnmatchcase("sts:AssumeRole", action) for action in actions):
            continue
        principal = statement.get("Principal")
        if isinstance(principal, dict) and principal.get("AWS") != "*":
            services = principal.get("Service", [])
            if LAMBDA_PRINCIPAL not in ([services] if isinstance(services, str) else services):
                continue
        elif principal != "*" and not isinstance(principal, dict):
            continue
        if statement.get("Effect") == "Deny":
            return False
        allowed = allowed or statement.get("Effect") == "Allow"
    return allowed


class LambdaCredentials:
    """WSGI app for PATH; moto's backends are touched only under the emulator's lock."""

    def __init__(self, token, lock, account_id=DEFAULT_ACCOUNT_ID, lifetime=SESSION_SECONDS):
        if lifetime < 1:
            raise ValueError(f"credentials must live at least a second, not {lifetime}")
        self._token = token
        self._lock = lock
        self._account_id = account_id
        self._lifetime = lifetime
        self._refresh_before_expiry = min(REFRESH_BEFORE_EXPIRY, datetime.timedelta(seconds=lifetime / 4))
        self._issued = {}  # (role name, session) -> moto AssumedRole

    def __call__(self, environ, start_response):
        status, body = self._answer(environ)
        payload = json.dumps(body).encode()
        start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(payload)))])
        return [payload]

    def _answer(self, environ):
        if not hmac.compare_digest(environ.get("HTTP_AUTHORIZATION", "").encode(), self._token.encode()):
            return "401 Unauthorized", {"message": "missing or wrong authorization token"}
        if environ["REQUEST_METHOD"] != "GET":
            return "405 Method Not Allowed", {"message": "GET only"}
        role_name = unquote(environ.get("PATH_INFO", "")[len(PATH):])
        session = parse_qs(environ.get("QUERY_STRING", "")).get("session", [""])[0]
        if not session:
            return "400 Bad Request", {"message": "the session (function name) is missing"}
        with self._lock:
            return self._credentials(role_name, session)

    def _credentials(self, role_name, session):
        try:
            role = iam_backends[self._account_id]["aws"].get_role(role_name)
        except NotFoundException:
            return "404 Not Found", {"message": f"Role {role_name} not found"}
        if not trusts_lambda(role.assume_role_policy_document):
            return "403 Forbidden", {"message": "The role defined for the function cannot be assumed by Lambda."}
        issued = self._issued.get((role_name, session))
        if issued is None or issued.role_arn != role.arn or issued.expiration - utcnow() <= self._refresh_before_expiry:
            issued = sts_backends[self._account_id]["aws"].assume_role(
                region_name="us-east-1", role_session_name=session, role_arn=role.arn,
                policy=None, duration=self._lifetime, external_id=None)
            self._issued[(role_name, session)] = issued
        return "200 OK", {
            "AccessKeyId": issued.access_key_id,
            "SecretAccessKey": issued.secret_access_key,
            "Token": issued.session_token,
            "Expiration": issued.expiration.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
