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

Served here: GET /_groupgate/lambda-credentials/<roleName>?session=<functionName> with the
token the emulator printed at startup. The emulator assumes the role itself, in-process,
through moto's STS backend (as the Lambda service would; the function needs no sts
permission), for one hour, and hands out the same credentials per (role, session) until
15 minutes before they expire. Requests signed with them are authenticated by moto as the
assumed role and authorized by the role's inline and attached policies. Answers: 401 for
a missing or wrong token, 404 for an unknown role, 403 when the trust policy does not
allow lambda.amazonaws.com to sts:AssumeRole (conditions in the trust policy are not
evaluated), 400 without a session name.
"""
import datetime
import fnmatch
import hmac
import json
from urllib.parse import parse_qs, unquote

from moto.core import DEFAULT_ACCOUNT_ID
from moto.core.utils import utcnow
from moto.iam.exceptions import NotFoundException
from moto.iam.models import iam_backends
from moto.sts.models import sts_backends

PATH = "/_groupgate/lambda-credentials/"
LAMBDA_PRINCIPAL = "lambda.amazonaws.com"
SESSION_SECONDS = 3600
REFRESH_BEFORE_EXPIRY = datetime.timedelta(minutes=15)


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

    def __init__(self, token, lock, account_id=DEFAULT_ACCOUNT_ID):
        self._token = token
        self._lock = lock
        self._account_id = account_id
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
        if issued is None or issued.role_arn != role.arn or issued.expiration - utcnow() <= REFRESH_BEFORE_EXPIRY:
            issued = sts_backends[self._account_id]["aws"].assume_role(
                region_name="us-east-1", role_session_name=session, role_arn=role.arn,
                policy=None, duration=SESSION_SECONDS, external_id=None)
            self._issued[(role_name, session)] = issued
        return "200 OK", {
            "AccessKeyId": issued.access_key_id,
            "SecretAccessKey": issued.secret_access_key,
            "Token": issued.session_token,
            "Expiration": issued.expiration.strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
