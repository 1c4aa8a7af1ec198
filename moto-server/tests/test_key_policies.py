"""KMS key policies are evaluated with the caller's IAM policies, as KMS evaluates them."""
import json

import pytest
from botocore.exceptions import ClientError
from conftest import ACCOUNT

ROOT = f"arn:aws:iam::{ACCOUNT}:root"
SIGN = {"KeySpec": "ECC_NIST_P256", "KeyUsage": "SIGN_VERIFY"}


def _role_arn(role):
    return f"arn:aws:iam::{ACCOUNT}:role/{role}"


def _policy(*statements):
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def _administers():
    return {"Sid": "Administer", "Effect": "Allow", "Principal": {"AWS": ROOT},
            "Action": ["kms:Describe*", "kms:Get*", "kms:Put*", "kms:List*"], "Resource": "*"}


def _only_signers_sign(*roles):
    return {"Sid": "OnlySignersSign", "Effect": "Deny", "Principal": "*", "Action": "kms:Sign", "Resource": "*",
            "Condition": {"ArnNotEquals": {"aws:PrincipalArn": [_role_arn(r) for r in roles]}}}


def _sign(aws, credentials, key):
    return aws.client("kms", credentials).sign(
        KeyId=key, Message=b"note", MessageType="RAW", SigningAlgorithm="ECDSA_SHA_256")


def _refusal(call):
    with pytest.raises(ClientError) as error:
        call()
    return error.value.response["Error"]


def test_deny_in_the_key_policy_refuses_a_role_that_iam_allows(aws):
    key = aws.client("kms").create_key(**SIGN)["KeyMetadata"]
    signer = aws.role([{"Effect": "Allow", "Action": "kms:Sign", "Resource": key["Arn"]}])
    other = aws.role([{"Effect": "Allow", "Action": "kms:Sign", "Resource": key["Arn"]}])
    aws.client("kms").put_key_policy(KeyId=key["KeyId"], PolicyName="default", Policy=_policy(
        _administers(),
        {"Sid": "AccountUses", "Effect": "Allow", "Principal": {"AWS": ROOT}, "Action": "kms:Sign", "Resource": "*"},
        _only_signers_sign(signer)))

    assert _sign(aws, aws.role_credentials(signer), key["KeyId"])["Signature"]
    error = _refusal(lambda: _sign(aws, aws.role_credentials(other), key["KeyId"]))
    assert error["Code"] == "AccessDeniedException"
    assert (f"is not authorized to perform: kms:Sign on resource: {key['Arn']} "
            "with an explicit deny in a resource-based policy") in error["Message"]


def test_deny_in_the_key_policy_refuses_the_administrator(aws):
    key = aws.client("kms").create_key(**SIGN)["KeyMetadata"]
    signer = aws.role([{"Effect": "Allow", "Action": "kms:GetPublicKey", "Resource": key["Arn"]}])
    aws.client("kms").put_key_policy(KeyId=key["KeyId"], PolicyName="default", Policy=_policy(
        {"Effect": "Allow", "Principal": {"AWS": ROOT}, "Action": "kms:*", "Resource": "*"},
        _only_signers_sign(signer)))

    error = _refusal(lambda: _sign(aws, None, key["KeyId"]))  # the operator: allowed * on *
    assert "with an explicit deny in a resource-based policy" in error["Message"]
    assert aws.client("kms").get_public_key(KeyId=key["KeyId"])["PublicKey"]


def test_a_statement_naming_the_role_allows_without_iam(aws):
    key = aws.client("kms").create_key(**SIGN)["KeyMetadata"]
    signer = aws.role([{"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "*"}])
    aws.client("kms").put_key_policy(KeyId=key["KeyId"], PolicyName="default", Policy=_policy(
        _administers(),
        {"Sid": "SignerSigns", "Effect": "Allow", "Principal": {"AWS": _role_arn(signer)},
         "Action": "kms:Sign", "Resource": "*"}))

    assert _sign(aws, aws.role_credentials(signer), key["KeyId"])["Signature"]


def test_iam_alone_cannot_use_a_key_whose_policy_does_not_delegate_the_action(aws):
    key = aws.client("kms").create_key(**SIGN)["KeyMetadata"]
    role = aws.role([{"Effect": "Allow", "Action": ["kms:Sign", "kms:GetPublicKey"], "Resource": key["Arn"]}])
    aws.client("kms").put_key_policy(KeyId=key["KeyId"], PolicyName="default", Policy=_policy(
        _administers()))
    credentials = aws.role_credentials(role)

    assert aws.client("kms", credentials).get_public_key(KeyId=key["KeyId"])["PublicKey"]
    error = _refusal(lambda: _sign(aws, credentials, key["KeyId"]))
    assert "because no resource-based policy allows the kms:Sign action" in error["Message"]


def test_default_key_policy_leaves_it_to_iam(aws):
    key = aws.client("kms").create_key(**SIGN)["KeyMetadata"]
    allowed = aws.role([{"Effect": "Allow", "Action": "kms:Sign", "Resource": key["Arn"]}])
    not_allowed = aws.role([{"Effect": "Allow", "Action": "kms:GetPublicKey", "Resource": key["Arn"]}])

    assert _sign(aws, aws.role_credentials(allowed), key["KeyId"])["Signature"]
    error = _refusal(lambda: _sign(aws, aws.role_credentials(not_allowed), key["KeyId"]))
    assert "because no identity-based policy allows the kms:Sign action" in error["Message"]


def test_a_condition_the_emulator_cannot_evaluate_fails_loudly(aws):
    key = aws.client("kms").create_key(**SIGN)["KeyMetadata"]
    aws.client("kms").put_key_policy(KeyId=key["KeyId"], PolicyName="default", Policy=_policy(
        {"Effect": "Allow", "Principal": {"AWS": ROOT}, "Action": "kms:*", "Resource": "*"},
        {"Effect": "Deny", "Principal": "*", "Action": "kms:Sign", "Resource": "*",
         "Condition": {"StringEquals": {"kms:ViaService": "lambda.us-east-1.amazonaws.com"}}}))

    error = _refusal(lambda: _sign(aws, None, key["KeyId"]))
    assert error["Code"] == "KMSInternalException"
    assert "kms:ViaService" in error["Message"]
