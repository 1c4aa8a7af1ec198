"""The container credentials endpoint the Lambda service serves to SnapStart functions."""
import datetime
import json
import time
import uuid

import pytest
import requests
from botocore.exceptions import ClientError

from conftest import SHORT_CREDENTIALS_SECONDS, table_arn

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


def _until(condition, within=30.0):
    """Polls condition() until it is true, for at most `within` seconds; its last value."""
    deadline = time.monotonic() + within
    while True:
        value = condition()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.2)


def test_default_lifetime_is_hours_like_lambdas(aws):
    body = aws.lambda_credentials(aws.role([READ_BUCKET]), session="fn-hours").json()
    expiration = datetime.datetime.strptime(body["Expiration"], "%Y-%m-%dT%H:%M:%SZ")
    assert expiration - datetime.datetime.utcnow() > datetime.timedelta(hours=5)


def test_expired_credentials_are_refused_as_aws_refuses_them(short_lived_aws):
    aws = short_lived_aws
    bucket = f"b-{uuid.uuid4().hex[:12]}"
    aws.client("s3").create_bucket(Bucket=bucket)
    aws.client("s3").put_object(Bucket=bucket, Key="k", Body=b"v")
    table = aws.table()
    role = aws.role([READ_BUCKET, {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": table_arn(table)}])
    body = aws.lambda_credentials(role, session="fn-short").json()
    expiration = datetime.datetime.strptime(body["Expiration"], "%Y-%m-%dT%H:%M:%SZ")
    assert expiration - datetime.datetime.utcnow() <= datetime.timedelta(seconds=SHORT_CREDENTIALS_SECONDS)
    credentials = {"aws_access_key_id": body["AccessKeyId"], "aws_secret_access_key": body["SecretAccessKey"],
                   "aws_session_token": body["Token"]}
    s3 = aws.client("s3", credentials, signature_version="s3v4")
    dynamodb = aws.client("dynamodb", credentials)
    url = s3.generate_presigned_url("get_object", Params={"Bucket": bucket, "Key": "k"}, ExpiresIn=900)
    assert requests.get(url, timeout=10).content == b"v"
    dynamodb.get_item(TableName=table, Key={"pk": {"S": "x"}})

    def refused(call):
        try:
            call()
        except ClientError as error:
            return error.response
        return None

    answer = _until(lambda: refused(lambda: dynamodb.get_item(TableName=table, Key={"pk": {"S": "x"}})))
    assert answer["Error"]["Code"] == "ExpiredTokenException"
    assert answer["Error"]["Message"] == "The security token included in the request is expired"
    assert answer["ResponseMetadata"]["HTTPStatusCode"] == 400

    answer = refused(lambda: aws.client("sts", credentials).get_caller_identity())
    assert (answer["Error"]["Code"], answer["ResponseMetadata"]["HTTPStatusCode"]) == ("ExpiredToken", 400)

    answer = refused(lambda: s3.get_object(Bucket=bucket, Key="k"))
    assert (answer["Error"]["Code"], answer["ResponseMetadata"]["HTTPStatusCode"]) == ("ExpiredToken", 400)

    # The URL itself is good for 15 minutes; the credentials that signed it are not.
    presigned = requests.get(url, timeout=10)
    assert presigned.status_code == 400
    assert "<Code>ExpiredToken</Code>" in presigned.text and "The provided token has expired." in presigned.text


def test_fresh_credentials_are_handed_out_before_the_old_expire(short_lived_aws):
    aws = short_lived_aws
    role = aws.role([READ_BUCKET])
    first = aws.lambda_credentials(role, session="fn-renew").json()
    renewed = _until(lambda: (lambda b: b if b["AccessKeyId"] != first["AccessKeyId"] else None)(
        aws.lambda_credentials(role, session="fn-renew").json()))
    assert renewed, "the endpoint kept handing out the first credentials"
    # A quarter of the lifetime (at most 15 minutes) is left when they are replaced, so what the
    # endpoint hands out is always good for a call.
    assert datetime.datetime.strptime(first["Expiration"], "%Y-%m-%dT%H:%M:%SZ") >= \
        datetime.datetime.utcnow().replace(microsecond=0) - datetime.timedelta(seconds=1)
    identity = aws.client("sts", {"aws_access_key_id": renewed["AccessKeyId"],
                                  "aws_secret_access_key": renewed["SecretAccessKey"],
                                  "aws_session_token": renewed["Token"]}).get_caller_identity()
    assert identity["Arn"].endswith(f"assumed-role/{role}/fn-renew")
