"""The operator: the identity that exists before anything else does.

A new AWS account is reached through credentials that already exist (the root user's, or
an administrator's); nothing in it answers an unsigned or unknown caller. moto starts with
no identities and, by default, checks nobody.

At startup the emulator creates, in-process and before IAM is enforced, one IAM user
`groupgate-operator` with an inline policy allowing every action on every resource, and
one access key for it. Whoever starts the emulator sets up everything else (tables, keys,
roles, buckets) with that key. With enforcement on (`--enforce-iam`), every later request
must be signed by a known identity and is authorized by its policies, as in AWS.

AWS managed policies (e.g. arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole,
which SAM attaches to every function role) exist in every AWS account. moto 5.2.5 knows
them only when MOTO_IAM_LOAD_MANAGED_POLICIES is true; without it, attaching one fails
with NoSuchEntity. Loading them costs under 0.1 s and about 20 MB per account, so the entry
point turns it on before moto is imported.
"""
import json

from moto import settings
from moto.core import DEFAULT_ACCOUNT_ID
from moto.core.authorization import ActionAuthenticatorMixin
from moto.iam.models import AccessKey, iam_backends

OPERATOR_USER = "groupgate-operator"

_EVERYTHING = json.dumps(
    {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}
)


def create_operator(account_id: str = DEFAULT_ACCOUNT_ID) -> AccessKey:
    iam = iam_backends[account_id]["aws"]
    iam.create_user(region_name="us-east-1", user_name=OPERATOR_USER)
    iam.put_user_policy(OPERATOR_USER, "everything", _EVERYTHING)
    return iam.create_access_key(OPERATOR_USER)


def enforce_iam() -> None:
    """From now on every request is authenticated and authorized (moto counts requests
    and starts checking once INITIAL_NO_AUTH_ACTION_COUNT of them were let through)."""
    settings.INITIAL_NO_AUTH_ACTION_COUNT = 0
    ActionAuthenticatorMixin.request_count = 0
