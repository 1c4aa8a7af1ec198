"""IAM authorization as AWS does it, for DynamoDB, DynamoDB Streams, KMS and Secrets Manager.

AWS authorizes each request as one or more (action, resource) pairs, and the signer's
identity-based policies must allow every pair (an explicit Deny wins):
- DynamoDB: dynamodb:<Operation> on the table ARN arn:aws:dynamodb:<region>:<account>:
  table/<TableName>, or .../table/<TableName>/index/<IndexName> for a Query or Scan of an
  index. TransactWriteItems is authorized item by item, each as its own action on its own
  table (Put: dynamodb:PutItem, Update: dynamodb:UpdateItem, Delete: dynamodb:DeleteItem,
  ConditionCheck: dynamodb:ConditionCheckItem); TransactGetItems as dynamodb:GetItem per
  item; BatchGetItem and BatchWriteItem as themselves on every table they name.
- DynamoDB Streams (signed as dynamodb): DescribeStream and GetShardIterator on the
  stream ARN, GetRecords on the stream its shard iterator belongs to, ListStreams on "*".
- KMS: kms:<Operation> on the key ARN, authorized by the key policy and IAM together
  (key_policies.py), whether the request names the key by id, key ARN,
  alias/<name> or alias ARN (Decrypt without KeyId: the key the ciphertext names);
  CreateKey, ListKeys, ListAliases and GenerateRandom on "*"; CreateAlias, UpdateAlias and
  DeleteAlias on the alias and on the key.
- Secrets Manager: secretsmanager:<Operation> on the secret's ARN, whether the request
  names it by name or ARN (CreateSecret, ListSecrets, GetRandomPassword on "*").
A refusal is HTTP 400 with a JSON error: AccessDeniedException ("User: <arn> is not
authorized to perform: <action> on resource: <arn> because no identity-based policy
allows the <action> action"), UnrecognizedClientException for an unknown access key or
session token, ExpiredTokenException for expired temporary credentials, InvalidSignatureException for a wrong signature,
MissingAuthenticationTokenException for an unsigned request.

moto 5.2.5 authorizes these services once per request, as dynamodb:/kms:<Operation> on
resource "*": a policy scoped to a table, index, stream or key never matches, and a
transaction needs dynamodb:TransactWriteItems, which no AWS policy grants for it. Its
refusals are HTTP 403 XML AccessDenied without the resource, which the AWS SDKs do not
read as these services' errors. An unsigned request to them is routed to S3 (moto tells
services apart by the signature's credential scope) and fails there with HTTP 500.

moto 5.2.5 does the same for Secrets Manager: a policy granting GetSecretValue on the
secret's ARN (as every real policy does) is refused.

Patched: for these four services the emulator does the check itself before moto handles
the request, with moto's signature check and policy evaluation, and answers refusals as
AWS does; unsigned requests are routed by their X-Amz-Target header. Policy evaluation stays moto's: identity-based inline and attached policies of
the user (and its groups) or the assumed role, without conditions; session policies and
permission boundaries are not evaluated. For KMS the key's policy is evaluated as well,
as KMS does (key_policies.py): an explicit Deny there refuses, a statement naming the
caller allows on its own, one naming the account needs IAM to allow too.
"""
import base64
import json

from moto import settings
from moto.core.authorization import ActionAuthenticatorMixin
from moto.dynamodb.responses import DynamoHandler
from moto.dynamodbstreams.responses import DynamoDBStreamsHandler
from moto.iam.access_control import IAMPolicy, IAMRequest, PermissionResult
from moto.kms.models import kms_backends
from moto.kms.responses import KmsResponse
from moto.kms.utils import _deserialize_ciphertext_blob
from moto.moto_server import werkzeug_app
from moto.secretsmanager.models import secretsmanager_backends
from moto.secretsmanager.responses import SecretsManagerResponse
from moto.utilities.aws_headers import gen_amzn_requestid_long

import key_policies

# A request whose body the emulator rewrote (faults.py: unprocessed) keeps in its WSGI environ
# the body and Content-Length the client signed; it is authenticated and authorized by those.
SIGNED_BODY = "groupgate.signed_body"
SIGNED_CONTENT_LENGTH = "groupgate.signed_content_length"

_TRANSACT_WRITE_ACTIONS = {
    "Put": "PutItem", "Update": "UpdateItem", "Delete": "DeleteItem", "ConditionCheck": "ConditionCheckItem"}


def dynamodb_permissions(operation, request, region, account):
    """The (action, resource) pairs DynamoDB and DynamoDB Streams authorize a request as."""

    def table(name):
        return name if name.startswith("arn:") else f"arn:aws:dynamodb:{region}:{account}:table/{name}"

    action = "dynamodb:" + operation
    if operation == "TransactWriteItems":
        pairs = [("dynamodb:" + _TRANSACT_WRITE_ACTIONS[kind], table(item[kind]["TableName"]))
                 for item in request.get("TransactItems", []) for kind in item if kind in _TRANSACT_WRITE_ACTIONS]
    elif operation == "TransactGetItems":
        pairs = [("dynamodb:GetItem", table(item["Get"]["TableName"]))
                 for item in request.get("TransactItems", []) if "Get" in item]
    elif operation in ("BatchGetItem", "BatchWriteItem"):
        pairs = [(action, table(name)) for name in request.get("RequestItems", {})]
    elif operation == "ListStreams":
        pairs = []
    elif operation == "GetRecords":
        pairs = [(action, request.get("ShardIterator", "").split("|")[0])]
    elif "TableName" in request:
        resource = table(request["TableName"])
        if operation in ("Query", "Scan") and request.get("IndexName"):
            resource += "/index/" + request["IndexName"]
        pairs = [(action, resource)]
    else:
        pairs = [(action, request[name]) for name in ("StreamArn", "ResourceArn", "BackupArn") if name in request]
    return pairs or [(action, "*")]


def kms_permissions(operation, request, region, account):
    """The (action, resource) pairs KMS authorizes a request as."""
    backend = kms_backends[account][region]
    action = "kms:" + operation

    def alias_arn(name):
        return name if name.startswith("arn:") else f"arn:aws:kms:{region}:{account}:{name}"

    def key_arn(key_id):
        if key_id.startswith("arn:") and ":key/" in key_id:
            return key_id
        if key_id.startswith("alias/") or ":alias/" in key_id:
            raw_id = backend.get_key_id_from_alias(backend.get_alias_name(key_id))
            if raw_id is None:
                return alias_arn(key_id)
            key_id = raw_id
        return f"arn:aws:kms:{region}:{account}:key/{key_id}"

    if operation in ("CreateKey", "ListKeys", "ListAliases", "GenerateRandom"):
        return [(action, "*")]
    if operation in ("CreateAlias", "UpdateAlias", "DeleteAlias"):
        alias = request.get("AliasName", "")
        return [(action, alias_arn(alias)), (action, key_arn(request.get("TargetKeyId") or alias))]
    key_id = request.get("KeyId")
    if key_id is None and "CiphertextBlob" in request:
        try:
            key_id = _deserialize_ciphertext_blob(base64.b64decode(request["CiphertextBlob"])).key_id
        except Exception:  # not a ciphertext; KMS will say so
            key_id = None
    return [(action, key_arn(key_id) if key_id else "*")]


def secretsmanager_permissions(operation, request, region, account):
    """The (action, resource) pairs Secrets Manager authorizes a request as: the secret's ARN."""
    action = "secretsmanager:" + operation
    secret_id = request.get("SecretId")
    if secret_id is None:
        return [(action, "*")]
    secret = secretsmanager_backends[account][region].secrets.get(secret_id)
    return [(action, secret.arn if secret is not None else secret_id)]


class Refusal(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


class _SignedRequest(IAMRequest):
    """moto's authentication of a SigV4-signed request, refusing as JSON-protocol services do."""

    def _raise_signature_does_not_match(self):
        raise Refusal("InvalidSignatureException",
                      "The request signature we calculated does not match the signature you provided. "
                      "Check your AWS Secret Access Key and signing method. "
                      "Consult the service documentation for details.")

    def _raise_invalid_access_key(self, reason):
        if reason == "ExpiredToken":  # lambda_credentials.py: an assumed role's session has expired
            raise Refusal("ExpiredTokenException", "The security token included in the request is expired")
        raise Refusal("UnrecognizedClientException", "The security token included in the request is invalid.")

    @property
    def requested_action(self):
        """<signing service>:<Operation>, as moto names it."""
        return self._action

    def authorize(self, action, resource, resource_policy=None):
        allowed = False
        for policy in self._access_key.collect_policies():
            result = IAMPolicy(policy).is_action_permitted(action, resource)
            if result == PermissionResult.DENIED:
                self._refuse(action, resource, "with an explicit deny in an identity-based policy")
            allowed = allowed or result == PermissionResult.PERMITTED
        if resource_policy is not None:
            self._authorize_by_key_policy(action, resource, resource_policy, allowed)
        elif not allowed:
            self._refuse(action, resource, f"because no identity-based policy allows the {action} action")

    def _authorize_by_key_policy(self, action, resource, policy, allowed_by_iam):
        try:
            decision = key_policies.decide(policy, action, resource, key_policies.principal_arn(self._access_key),
                                           self._access_key.account_id)
        except key_policies.UnsupportedCondition as unsupported:
            raise Refusal("KMSInternalException", f"The GroupGate emulator cannot evaluate the key policy's "
                                                  f"{unsupported} (moto-server/key_policies.py)")
        if decision == key_policies.DENIED:
            self._refuse(action, resource, "with an explicit deny in a resource-based policy")
        if decision == key_policies.NOT_ALLOWED:
            self._refuse(action, resource, f"because no resource-based policy allows the {action} action")
        if decision == key_policies.ALLOWED_IF_IAM_ALLOWS and not allowed_by_iam:
            self._refuse(action, resource, f"because no identity-based policy allows the {action} action")

    def _refuse(self, action, resource, reason):
        raise Refusal("AccessDeniedException", f"User: {self._access_key.arn} is not authorized to perform: "
                                               f"{action} on resource: {resource} {reason}")


def _authorize(handler, permissions, resource_policy):
    if "Authorization" not in handler.headers:
        raise Refusal("MissingAuthenticationTokenException", "Request is missing Authentication Token")
    environ = handler.normalized_request.environ
    body, headers = handler.raw_body, handler.headers
    if SIGNED_BODY in environ:
        body, headers = environ[SIGNED_BODY], dict(headers.items())
        headers["Content-Length"] = environ[SIGNED_CONTENT_LENGTH]
    path = handler.raw_path + (f"?{handler.parsed_url.query}" if handler.parsed_url.query else "")
    request = _SignedRequest(
        account_id=handler.current_account, method=handler.method, path=path,
        data=handler.data, body=body, headers=headers, action=handler._get_action())
    request.check_signature()
    try:
        pairs = permissions(handler._get_action(), json.loads(body or b"{}"), handler.region, handler.current_account)
    except (ValueError, LookupError, TypeError, AttributeError):  # malformed; the service will say how
        pairs = [(request.requested_action, "*")]
    for action, resource in pairs:
        request.authorize(action, resource, resource_policy(resource))


def _authorized(call_action, permissions, resource_policy, error_prefix, content_type):
    def call_action_if_authorized(self):
        if ActionAuthenticatorMixin.request_count < settings.INITIAL_NO_AUTH_ACTION_COUNT:
            ActionAuthenticatorMixin.request_count += 1
        else:
            try:
                _authorize(self, permissions, resource_policy)
            except Refusal as refusal:
                headers = {"Content-Type": content_type}
                gen_amzn_requestid_long(headers)
                body = json.dumps({"__type": error_prefix + refusal.code, "message": refusal.message})
                return 400, headers, body
        return call_action(self)

    return call_action_if_authorized


def _none(_resource):
    return None


def _checked_already(self, resource="*"):
    pass


def install():
    werkzeug_app.UNSIGNED_REQUESTS.update({  # X-Amz-Target prefix -> (service, region)
        "DynamoDB_20120810": ("dynamodb", "us-east-1"),
        "DynamoDBStreams_20120810": ("dynamodb", "us-east-1"),
        "TrentService": ("kms", "us-east-1"),
        "secretsmanager": ("secretsmanager", "us-east-1")})
    for handler, permissions, resource_policy, error_prefix, content_type in (
            (DynamoHandler, dynamodb_permissions, _none, "com.amazon.coral.service#", "application/x-amz-json-1.0"),
            (DynamoDBStreamsHandler, dynamodb_permissions, _none, "com.amazon.coral.service#",
             "application/x-amz-json-1.0"),
            (KmsResponse, kms_permissions, key_policies.key_policy, "", "application/x-amz-json-1.1"),
            (SecretsManagerResponse, secretsmanager_permissions, _none, "", "application/x-amz-json-1.1")):
        handler.call_action = _authorized(handler.call_action, permissions, resource_policy, error_prefix, content_type)
        handler._authenticate_and_authorize_normal_action = _checked_already
