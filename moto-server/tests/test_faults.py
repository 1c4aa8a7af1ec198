"""Faults injected between the SDK and the emulator, by rule."""
import socket
import threading
import time
import uuid

import pytest
import requests
from botocore.exceptions import ClientError, HTTPClientError, ReadTimeoutError
from conftest import table_arn


def _code_and_status(call):
    with pytest.raises(ClientError) as error:
        call()
    return error.value.response["Error"]["Code"], error.value.response["ResponseMetadata"]["HTTPStatusCode"]


def _counter(aws, table, pk="c"):
    item = aws.client("dynamodb").get_item(TableName=table, Key={"pk": {"S": pk}}, ConsistentRead=True)
    return int(item["Item"]["n"]["N"]) if "Item" in item else None


def _increment(table, pk="c"):
    return dict(TableName=table, Key={"pk": {"S": pk}}, UpdateExpression="ADD n :one",
                ExpressionAttributeValues={":one": {"N": "1"}})


@pytest.fixture
def resources(aws):
    s3, kms, sqs = aws.client("s3"), aws.client("kms"), aws.client("sqs")
    bucket = f"b-{uuid.uuid4().hex[:12]}"
    s3.create_bucket(Bucket=bucket)
    s3.put_object(Bucket=bucket, Key="k", Body=b"v")
    key = kms.create_key()["KeyMetadata"]["KeyId"]
    queue = sqs.create_queue(QueueName=f"q-{uuid.uuid4().hex[:8]}")["QueueUrl"]
    return {"table": aws.table(), "bucket": bucket, "key": key, "queue": queue}


def _calls(aws, r):
    return {
        "dynamodb": lambda: aws.client("dynamodb").get_item(TableName=r["table"], Key={"pk": {"S": "a"}}),
        "kms": lambda: aws.client("kms").generate_data_key(KeyId=r["key"], KeySpec="AES_256"),
        "s3": lambda: aws.client("s3").get_object(Bucket=r["bucket"], Key="k"),
        "sqs": lambda: aws.client("sqs").send_message(QueueUrl=r["queue"], MessageBody="m"),
    }


def test_throttling_and_server_errors_answer_as_each_service_does(aws, faults, resources):
    calls = _calls(aws, resources)
    operations = {"dynamodb": "GetItem", "kms": "GenerateDataKey", "s3": "GetObject", "sqs": "SendMessage"}
    expected = {
        "throttling": {"dynamodb": ("ThrottlingException", 400), "kms": ("ThrottlingException", 400),
                       "s3": ("SlowDown", 503), "sqs": ("RequestThrottled", 400)},
        "error500": {"dynamodb": ("InternalServerError", 500), "kms": ("KMSInternalException", 500),
                     "s3": ("InternalError", 500), "sqs": ("InternalFailure", 500)},
    }
    for fault, answers in expected.items():
        for service, answer in answers.items():
            faults.add({"service": service, "operation": operations[service], "fault": fault})
            assert _code_and_status(calls[service]) == answer, (fault, service)
            calls[service]()  # times defaults to 1
    faults.add({"service": "dynamodb", "operation": "GetItem", "fault": "throughput_exceeded"})
    assert _code_and_status(calls["dynamodb"]) == ("ProvisionedThroughputExceededException", 400)


def test_before_phase_never_reaches_the_service_and_after_phase_does(aws, faults):
    table = aws.table()
    ddb = aws.client("dynamodb")
    faults.add({"service": "dynamodb", "operation": "UpdateItem", "fault": "error500"})
    assert _code_and_status(lambda: ddb.update_item(**_increment(table))) == ("InternalServerError", 500)
    assert _counter(aws, table) is None
    faults.add({"service": "dynamodb", "operation": "UpdateItem", "fault": "throttling", "phase": "after"})
    assert _code_and_status(lambda: ddb.update_item(**_increment(table))) == ("ThrottlingException", 400)
    assert _counter(aws, table) == 1


def test_reset_after_the_write_loses_the_answer_but_not_the_write(aws, faults):
    table = aws.table()
    faults.add({"service": "dynamodb", "operation": "UpdateItem", "fault": "reset", "phase": "after"})
    with pytest.raises(HTTPClientError):
        aws.client("dynamodb").update_item(**_increment(table))
    assert _counter(aws, table) == 1
    faults.add({"service": "dynamodb", "operation": "UpdateItem", "fault": "reset"})
    with pytest.raises(HTTPClientError):
        aws.client("dynamodb").update_item(**_increment(table))
    assert _counter(aws, table) == 1


def test_reset_is_a_tcp_reset(aws, faults):
    faults.add({"service": "dynamodb", "operation": "ListTables", "fault": "reset"})
    host, port = aws.endpoint.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as connection:
        connection.sendall(
            b"POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: DynamoDB_20120810.ListTables\r\n"
            b"Authorization: AWS4-HMAC-SHA256 Credential=AKIAX/20260101/us-east-1/dynamodb/aws4_request, "
            b"SignedHeaders=host, Signature=0\r\nContent-Type: application/x-amz-json-1.0\r\n"
            b"Content-Length: 2\r\n\r\n{}")
        with pytest.raises(ConnectionResetError):
            while connection.recv(1024):
                pass


def test_timeout_holds_one_answer_while_other_requests_go_on(aws, faults):
    table = aws.table()
    faults.add({"service": "dynamodb", "operation": "PutItem", "fault": "timeout", "phase": "after", "delayMs": 1500})
    answered = {}

    def slow_put():
        started = time.monotonic()
        aws.client("dynamodb", read_timeout=10).put_item(TableName=table, Item={"pk": {"S": "slow"}})
        answered["after"] = time.monotonic() - started

    writer = threading.Thread(target=slow_put)
    writer.start()
    time.sleep(0.3)
    started = time.monotonic()
    item = aws.client("dynamodb").get_item(TableName=table, Key={"pk": {"S": "slow"}})
    assert time.monotonic() - started < 0.5
    assert "Item" in item  # applied before the answer was held
    writer.join()
    assert answered["after"] >= 1.4


def test_timeout_before_the_write_times_the_client_out_and_writes_nothing(aws, faults):
    table = aws.table()
    faults.add({"service": "dynamodb", "operation": "PutItem", "fault": "timeout", "delayMs": 1000})
    with pytest.raises(ReadTimeoutError):
        aws.client("dynamodb", read_timeout=0.3).put_item(TableName=table, Item={"pk": {"S": "lost"}})
    time.sleep(1)
    assert "Item" not in aws.client("dynamodb").get_item(TableName=table, Key={"pk": {"S": "lost"}})


def test_rules_match_by_principal_table_skip_and_times(aws, faults):
    table, other = aws.table(), aws.table()
    role = aws.role([{"Effect": "Allow", "Action": "dynamodb:UpdateItem", "Resource": [table_arn(table), table_arn(other)]}])
    as_role = aws.client("dynamodb", aws.role_credentials(role))
    [rule] = faults.add({"service": "dynamodb", "operation": "UpdateItem", "principal": role, "table": table,
                         "fault": "throttling", "skip": 1, "times": 2})
    as_role.update_item(**_increment(table))  # skipped
    for _ in range(2):
        assert _code_and_status(lambda: as_role.update_item(**_increment(table)))[0] == "ThrottlingException"
    as_role.update_item(**_increment(table))  # times used up
    as_role.update_item(**_increment(other))  # other table
    aws.client("dynamodb").update_item(**_increment(table))  # the operator
    assert _counter(aws, table) == 3
    [listed] = faults.rules()
    assert (listed["id"], listed["matched"], listed["fired"]) == (rule, 3, 2)

    faults.add({"service": "dynamodb", "operation": "UpdateItem", "principal": "operator", "fault": "throttling"})
    as_role.update_item(**_increment(table))
    assert _code_and_status(lambda: aws.client("dynamodb").update_item(**_increment(table)))[0] == "ThrottlingException"


def test_unprocessed_batch_write_performs_the_first_writes_and_returns_the_rest(aws, faults):
    table, other = aws.table(), aws.table()
    role = aws.role([{"Effect": "Allow", "Action": ["dynamodb:BatchWriteItem", "dynamodb:BatchGetItem"],
                      "Resource": [table_arn(table), table_arn(other)]}])
    ddb = aws.client("dynamodb", aws.role_credentials(role))
    puts = {name: [{"PutRequest": {"Item": {"pk": {"S": f"{name}-{n}"}}}} for n in range(count)]
            for name, count in ((table, 3), (other, 2))}
    faults.add({"service": "dynamodb", "operation": "BatchWriteItem", "fault": "unprocessed"})
    answer = ddb.batch_write_item(RequestItems=puts)
    assert answer["UnprocessedItems"] == {table: puts[table][1:], other: puts[other][1:]}
    assert [item["pk"]["S"] for item in aws.client("dynamodb").scan(TableName=table)["Items"]] == [f"{table}-0"]

    faults.add({"service": "dynamodb", "operation": "BatchGetItem", "fault": "unprocessed", "keep": 2})
    keys = [{"pk": {"S": f"{table}-{n}"}} for n in range(4)]
    wanted = {"Keys": keys, "ProjectionExpression": "pk", "ConsistentRead": True}
    answer = ddb.batch_get_item(RequestItems={table: wanted})
    assert answer["Responses"] == {table: [{"pk": {"S": f"{table}-0"}}]}
    assert answer["UnprocessedKeys"] == {table: {**wanted, "Keys": keys[2:]}}


def test_control_api_validates_lists_clears_and_leaves_its_own_endpoints_alone(aws, faults):
    url = aws.endpoint + "/_groupgate/faults"
    assert requests.post(url, json={"service": "kms", "fault": "throughput_exceeded"}, timeout=5).status_code == 400
    assert requests.post(url, json={"service": "dynamodb", "operation": "Query", "fault": "unprocessed"},
                         timeout=5).status_code == 400
    assert requests.post(url, json={"fault": "bogus"}, timeout=5).status_code == 400
    faults.add({"fault": "reset", "times": -1})
    role = aws.role([{"Effect": "Allow", "Action": "sqs:ListQueues", "Resource": "*"}])
    assert aws.lambda_credentials(role).status_code == 200
    assert requests.get(aws.endpoint + "/moto-api/", timeout=5).status_code == 200
    assert [rule["fired"] for rule in faults.rules()] == [0]
    assert requests.delete(url, timeout=5).json() == {"cleared": 1}
    assert faults.rules() == []
