"""Requests are authorized as AWS authorizes them: per action and resource ARN."""
import uuid

import pytest
import requests
from botocore.exceptions import ClientError
from conftest import ACCOUNT, REGION, table_arn


def _allow(actions, resources):
    return {"Effect": "Allow", "Action": actions, "Resource": resources}


def _denied(call):
    with pytest.raises(ClientError) as error:
        call()
    return error.value.response


def _update(table, pk):
    return {"Update": {"TableName": table, "Key": {"pk": {"S": pk}}, "UpdateExpression": "SET v = :v",
                       "ExpressionAttributeValues": {":v": {"N": "1"}}}}


def test_transaction_is_authorized_item_by_item(aws):
    table = aws.table()
    aws.client("dynamodb").put_item(TableName=table, Item={"pk": {"S": "exists"}})
    role = aws.role([_allow(["dynamodb:UpdateItem", "dynamodb:ConditionCheckItem"], table_arn(table))])
    ddb = aws.client("dynamodb", aws.role_credentials(role))
    check = {"ConditionCheck": {"TableName": table, "Key": {"pk": {"S": "exists"}},
                                "ConditionExpression": "attribute_exists(pk)"}}

    ddb.transact_write_items(TransactItems=[_update(table, "a"), check])
    response = _denied(lambda: ddb.transact_write_items(TransactItems=[
        _update(table, "b"), check, {"Put": {"TableName": table, "Item": {"pk": {"S": "c"}}}}]))
    assert response["Error"]["Code"] == "AccessDeniedException"
    assert f"is not authorized to perform: dynamodb:PutItem on resource: {table_arn(table)}" in response["Error"]["Message"]
    assert "Item" not in aws.client("dynamodb").get_item(TableName=table, Key={"pk": {"S": "b"}})


def test_query_of_an_index_is_authorized_on_the_index(aws):
    table = aws.table(indexes=["email"])
    role = aws.role([_allow("dynamodb:Query", f"{table_arn(table)}/index/email")])
    ddb = aws.client("dynamodb", aws.role_credentials(role))
    query = dict(TableName=table, KeyConditionExpression="email = :e",
                 ExpressionAttributeValues={":e": {"S": "a@example.com"}})
    assert ddb.query(IndexName="email", **query)["Items"] == []
    response = _denied(lambda: ddb.query(TableName=table, KeyConditionExpression="pk = :p",
                                         ExpressionAttributeValues={":p": {"S": "x"}}))
    assert f"dynamodb:Query on resource: {table_arn(table)} " in response["Error"]["Message"]


def test_batch_get_is_authorized_on_every_table(aws):
    allowed, other = aws.table(), aws.table()
    role = aws.role([_allow("dynamodb:BatchGetItem", table_arn(allowed))])
    ddb = aws.client("dynamodb", aws.role_credentials(role))
    keys = {"Keys": [{"pk": {"S": "a"}}]}
    assert ddb.batch_get_item(RequestItems={allowed: keys})["Responses"] == {allowed: []}
    response = _denied(lambda: ddb.batch_get_item(RequestItems={allowed: keys, other: keys}))
    assert f"dynamodb:BatchGetItem on resource: {table_arn(other)} " in response["Error"]["Message"]


def test_stream_reads_are_authorized_on_the_stream(aws):
    table = aws.table(stream=True)
    stream = aws.client("dynamodb").describe_table(TableName=table)["Table"]["LatestStreamArn"]
    role = aws.role([_allow(["dynamodb:DescribeStream", "dynamodb:GetShardIterator", "dynamodb:GetRecords"],
                            f"{table_arn(table)}/stream/*")])
    streams = aws.client("dynamodbstreams", aws.role_credentials(role))
    shard = streams.describe_stream(StreamArn=stream)["StreamDescription"]["Shards"][0]["ShardId"]
    iterator = streams.get_shard_iterator(StreamArn=stream, ShardId=shard, ShardIteratorType="TRIM_HORIZON")
    assert streams.get_records(ShardIterator=iterator["ShardIterator"])["Records"] == []

    table_only = aws.role([_allow("dynamodb:*", table_arn(table))])
    response = _denied(lambda: aws.client("dynamodbstreams", aws.role_credentials(table_only)).describe_stream(
        StreamArn=stream))
    assert f"dynamodb:DescribeStream on resource: {stream} " in response["Error"]["Message"]


def test_kms_resolves_aliases_to_the_key_arn(aws):
    kms = aws.client("kms")
    key = kms.create_key()["KeyMetadata"]
    other = kms.create_key()["KeyMetadata"]
    alias = f"alias/signing-{uuid.uuid4().hex[:8]}"
    kms.create_alias(AliasName=alias, TargetKeyId=key["KeyId"])
    role = aws.role([_allow(["kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey"], key["Arn"])])
    role_kms = aws.client("kms", aws.role_credentials(role))

    blob = role_kms.encrypt(KeyId=alias, Plaintext=b"secret")["CiphertextBlob"]
    assert role_kms.decrypt(CiphertextBlob=blob)["Plaintext"] == b"secret"
    role_kms.generate_data_key(KeyId=f"arn:aws:kms:{REGION}:{ACCOUNT}:{alias}", KeySpec="AES_256")
    role_kms.generate_data_key(KeyId=key["KeyId"], KeySpec="AES_256")
    response = _denied(lambda: role_kms.encrypt(KeyId=other["KeyId"], Plaintext=b"secret"))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["Error"]["Code"] == "AccessDeniedException"
    assert f"kms:Encrypt on resource: {other['Arn']} " in response["Error"]["Message"]


def test_refusals_answer_as_each_service_does(aws):
    table = aws.table()
    nobody = aws.role([_allow("sqs:ListQueues", "*")])
    credentials = aws.role_credentials(nobody)

    response = _denied(lambda: aws.client("dynamodb", credentials).get_item(
        TableName=table, Key={"pk": {"S": "a"}}))
    assert response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert response["Error"]["Code"] == "AccessDeniedException"
    assert response["Error"]["Message"] == (
        f"User: arn:aws:sts::{ACCOUNT}:assumed-role/{nobody}/{_session(aws, credentials)} is not authorized to "
        f"perform: dynamodb:GetItem on resource: {table_arn(table)} because no identity-based policy allows "
        f"the dynamodb:GetItem action")

    bucket = f"b-{uuid.uuid4().hex[:12]}"
    aws.client("s3").create_bucket(Bucket=bucket)
    response = _denied(lambda: aws.client("s3", credentials).put_object(Bucket=bucket, Key="k", Body=b"v"))
    assert (response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Code"]) == (403, "AccessDenied")

    stranger = {"aws_access_key_id": "AKIAIOSFODNN7EXAMPLE", "aws_secret_access_key": "x" * 40}
    response = _denied(lambda: aws.client("dynamodb", stranger).list_tables())
    assert (response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Code"]) == (
        400, "UnrecognizedClientException")
    wrong_secret = dict(aws.operator, aws_secret_access_key="y" * 40)
    response = _denied(lambda: aws.client("kms", wrong_secret).list_keys())
    assert (response["ResponseMetadata"]["HTTPStatusCode"], response["Error"]["Code"]) == (
        400, "InvalidSignatureException")
    unsigned = requests.post(aws.endpoint + "/", data="{}", headers={
        "X-Amz-Target": "DynamoDB_20120810.ListTables", "Content-Type": "application/x-amz-json-1.0"})
    assert unsigned.status_code == 400
    assert unsigned.json()["__type"].endswith("#MissingAuthenticationTokenException")


def _session(aws, credentials):
    return aws.client("sts", credentials).get_caller_identity()["Arn"].rsplit("/", 1)[1]
