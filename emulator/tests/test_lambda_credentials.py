"""The container credentials endpoint the Lambda service serves to SnapStart functions."""
import datetime
import json
import uuid

import pytest
from botocore.exceptions import ClientError

READ_BUCKET = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::*/*"}


def test_token_is_required(aws):
    role = aws.role([READ_BUCKET])
    assert aws.lambda_credentials(role, token="").status_code == 401
    assert aws.lambda_credentials(role, token="not-the-token").status_code == 401


def test_unknown_role_is_not_found(aws):
    assert aws.lambda_credentials("no-such-role").status_code == 404


def test_role_that_does_not_trust_lambda_is_refused(aws):
    role = aws.role([READ_BUCKET], trust_service="ec2.amazonaws.com")
    answer = aws.lambda_credentials(role)
    assert answer.status_code == 403
    assert "cannot be assumed by Lambda" in answer.json()["message"]


def test_same_credentials_per_role_and_session_until_near_expiry(aws):
    role = aws.role([READ_BUCKET])
    first = aws.lambda_credentials(role, session="fn-a").json()
    assert set(first) == {"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}
    assert aws.lambda_credentials(role, session="fn-a").json() == first
    assert aws.lambda_credentials(role, session="fn-b").json()["AccessKeyId"] != first["AccessKeyId"]
    expiration = datetime.datetime.strptime(first["Expiration"], "%Y-%m-%dT%H:%M:%SZ")
    assert expiration - datetime.datetime.utcnow() > datetime.timedelta(minutes=50)


def test_credentials_act_as_the_role_with_its_inline_and_attached_policies(aws):
    bucket = f"b-{uuid.uuid4().hex[:12]}"
    aws.client("s3").create_bucket(Bucket=bucket)
    aws.client("s3").put_object(Bucket=bucket, Key="k", Body=b"v")
    role = aws.role([READ_BUCKET])
    iam = aws.client("iam")
    iam.attach_role_policy(RoleName=role,
                           PolicyArn="arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")
    credentials = aws.role_credentials(role)

    identity = aws.client("sts", credentials).get_caller_identity()
    assert identity["Arn"].startswith(f"arn:aws:sts::123456789012:assumed-role/{role}/")
    s3 = aws.client("s3", credentials)
    assert s3.get_object(Bucket=bucket, Key="k")["Body"].read() == b"v"
    with pytest.raises(ClientError) as error:
        s3.put_object(Bucket=bucket, Key="k", Body=b"w")
    assert error.value.response["Error"]["Code"] == "AccessDenied"

    policy = iam.create_policy(PolicyName=f"p-{uuid.uuid4().hex[:8]}", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Action": "s3:PutObject", "Resource": f"arn:aws:s3:::{bucket}/*"}]}))
    iam.attach_role_policy(RoleName=role, PolicyArn=policy["Policy"]["Arn"])
    s3.put_object(Bucket=bucket, Key="k", Body=b"w")
