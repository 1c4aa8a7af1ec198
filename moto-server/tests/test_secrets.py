"""Secrets Manager: authorized on the secret's ARN, and a rotation's version stages as AWS moves them."""
import uuid

import pytest
from botocore.exceptions import ClientError


def _secret(aws, value):
    return aws.client("secretsmanager").create_secret(Name=f"s-{uuid.uuid4().hex[:12]}", SecretString=value)


def _stage(client, secret, stage):
    return client.get_secret_value(SecretId=secret, VersionStage=stage)["SecretString"]


def test_get_secret_value_is_authorized_on_the_secrets_arn(aws):
    allowed, other = _secret(aws, "one"), _secret(aws, "two")
    role = aws.role([{"Effect": "Allow", "Action": "secretsmanager:GetSecretValue", "Resource": allowed["ARN"]}])
    sm = aws.client("secretsmanager", aws.role_credentials(role))

    assert sm.get_secret_value(SecretId=allowed["ARN"])["SecretString"] == "one"
    assert sm.get_secret_value(SecretId=allowed["Name"])["SecretString"] == "one"
    with pytest.raises(ClientError) as error:
        sm.get_secret_value(SecretId=other["ARN"])
    assert error.value.response["Error"]["Code"] == "AccessDeniedException"
    assert (f"is not authorized to perform: secretsmanager:GetSecretValue on resource: {other['ARN']} "
            in error.value.response["Error"]["Message"])


def test_putting_a_value_makes_it_current_and_the_replaced_one_previous(aws):
    secret = _secret(aws, "first")["ARN"]
    sm = aws.client("secretsmanager")
    with pytest.raises(ClientError) as error:
        _stage(sm, secret, "AWSPREVIOUS")
    assert error.value.response["Error"]["Code"] == "ResourceNotFoundException"

    sm.put_secret_value(SecretId=secret, SecretString="second")
    assert (_stage(sm, secret, "AWSCURRENT"), _stage(sm, secret, "AWSPREVIOUS")) == ("second", "first")

    sm.put_secret_value(SecretId=secret, SecretString="third")
    assert (_stage(sm, secret, "AWSCURRENT"), _stage(sm, secret, "AWSPREVIOUS")) == ("third", "second")
    stages = sm.describe_secret(SecretId=secret)["VersionIdsToStages"]
    assert sorted(s for version in stages.values() for s in version) == ["AWSCURRENT", "AWSPREVIOUS"]
