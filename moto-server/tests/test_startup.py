"""The startup protocol and what enforcement means from the first request on."""
import pytest
from botocore.exceptions import ClientError


def test_operator_is_allowed_everything(aws):
    table = aws.table()
    assert table in aws.client("dynamodb").list_tables()["TableNames"]
    assert aws.client("sts").get_caller_identity()["Arn"].endswith(":user/groupgate-operator")


def test_unknown_access_key_is_refused(aws):
    stranger = {"aws_access_key_id": "AKIAIOSFODNN7EXAMPLE", "aws_secret_access_key": "x" * 40}
    with pytest.raises(ClientError) as error:
        aws.client("sqs", credentials=stranger).list_queues()
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
