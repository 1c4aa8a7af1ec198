"""KMS key policies evaluated as AWS KMS evaluates them.

AWS: every KMS request on a key is authorized by the key's policy first. A key policy
statement applies to the caller when its Principal is "*", the caller itself (for a role
session: the role's ARN), or the caller's account (`arn:aws:iam::<account>:root` or the
bare account id); the last delegates to IAM, so the caller's identity-based policies must
allow the action too. An explicit Deny in the key policy or in an identity-based policy
refuses the request whatever else allows it; a key policy statement naming the caller
directly is enough on its own; without any key policy statement for the caller (directly
or through its account) the request is refused even if IAM allows it ("because no
resource-based policy allows the kms:<Operation> action"). Conditions are part of a
statement: it applies only when they hold. Of the global condition keys the request
context here carries aws:PrincipalArn (a role session's role ARN, path included; a
user's ARN) and aws:PrincipalAccount; a key absent from the context makes a positive
operator false and a negated one (…Not…) true, as AWS documents.

moto 5.2.5 stores a key's policy (CreateKey Policy, PutKeyPolicy, GetKeyPolicy) but never
evaluates it. Patched (iam_authorization.py calls `decide` for every KMS request naming an
existing key): the policy is evaluated with the operators ArnEquals, ArnNotEquals,
ArnLike, ArnNotLike, StringEquals, StringNotEquals, StringLike and StringNotLike (each
also with IfExists) on the keys above, and Bool. Any other operator or key fails the
request with an error naming it, so an unevaluated condition is never silently ignored.
Not evaluated: grants, NotPrincipal, kms: condition keys (kms:ViaService,
kms:CallerAccount...), cross-account principals.
"""
import fnmatch
import json
import re

from moto.iam.models import iam_backends
from moto.kms.models import kms_backends

ALLOWED_DIRECTLY = "allowed directly"
ALLOWED_IF_IAM_ALLOWS = "allowed if IAM allows"
DENIED = "denied"
NOT_ALLOWED = "not allowed"

_KEY_ARN = re.compile(r"^arn:aws[a-z-]*:kms:([a-z0-9-]+):(\d{12}):key/(.+)$")


class UnsupportedCondition(Exception):
    pass


def key_policy(resource):
    """The policy (parsed) of the key `resource` names by ARN; None for no such key."""
    match = _KEY_ARN.match(resource)
    if not match:
        return None
    region, account, key_id = match.groups()
    key = kms_backends[account][region].keys.get(key_id)
    return json.loads(key.policy) if key is not None else None


def principal_arn(access_key):
    """aws:PrincipalArn of the signer: a role session's role ARN (with its path), else the user's ARN."""
    role_name = getattr(access_key, "_owner_role_name", None)
    if role_name is None:
        return access_key.arn
    return iam_backends[access_key.account_id][access_key.partition].get_role(role_name).arn


def decide(policy, action, resource, caller_arn, account):
    """What the key policy says for the caller: one of the four constants above."""
    context = {"aws:principalarn": caller_arn, "aws:principalaccount": account}
    statements = policy.get("Statement", [])
    outcome = NOT_ALLOWED
    for st in statements if isinstance(statements, list) else [statements]:
        how = _principal_match(st.get("Principal"), caller_arn, account)
        if how is None or not _action_matches(st, action) or not _resource_matches(st, resource):
            continue
        if not _conditions_hold(st.get("Condition", {}), context):
            continue
        if st.get("Effect") == "Deny":
            return DENIED
        if how == "direct":
            outcome = ALLOWED_DIRECTLY
        elif outcome == NOT_ALLOWED:
            outcome = ALLOWED_IF_IAM_ALLOWS
    return outcome


def _values(element):
    if element is None:
        return []
    return element if isinstance(element, list) else [element]


def _principal_match(principal, caller_arn, account):
    """'direct' when the statement names the caller (or everyone), 'account' when its account, else None."""
    if principal == "*":
        return "direct"
    if not isinstance(principal, dict):
        return None
    how = None
    for value in _values(principal.get("AWS")):
        if value == "*" or value == caller_arn:
            return "direct"
        if value in (account, f"arn:aws:iam::{account}:root"):
            how = "account"
    return how


def _action_matches(statement, action):
    if "NotAction" in statement:
        return not any(fnmatch.fnmatchcase(action.lower(), a.lower()) for a in _values(statement["NotAction"]))
    return any(fnmatch.fnmatchcase(action.lower(), a.lower()) for a in _values(statement.get("Action")))


def _resource_matches(statement, resource):
    return any(r == "*" or fnmatch.fnmatchcase(resource, r) for r in _values(statement.get("Resource", "*")))


def _like(value, pattern):
    return fnmatch.fnmatchcase(value, pattern.replace("[", "[[]"))


_OPERATORS = {
    "ArnEquals": lambda v, p: v == p,
    "ArnLike": _like,
    "StringEquals": lambda v, p: v == p,
    "StringLike": _like,
}


def _conditions_hold(conditions, context):
    for operator, tests in conditions.items():
        name = operator[:-len("IfExists")] if operator.endswith("IfExists") else operator
        if_exists = name != operator
        for key, expected in tests.items():
            if key.lower() not in ("aws:principalarn", "aws:principalaccount"):
                raise UnsupportedCondition(f"condition key {key}")
            value = context.get(key.lower())
            if name == "Bool":
                holds = value is not None and str(value).lower() in [str(e).lower() for e in _values(expected)]
            else:
                negated = "Not" in name
                base = _OPERATORS.get(name.replace("Not", "", 1))
                if base is None:
                    raise UnsupportedCondition(f"condition operator {operator}")
                if value is None:
                    holds = if_exists or negated
                else:
                    matched = any(base(value, p) for p in _values(expected))
                    holds = not matched if negated else matched
            if not holds:
                return False
    return True
