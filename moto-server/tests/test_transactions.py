"""TransactWriteItems: all or nothing, on the items and on the stream."""
import pytest
from botocore.exceptions import ClientError
from conftest import StreamReader


def _put(table, pk, **attributes):
    item = {"pk": {"S": pk}, **{name: {"N": str(value)} for name, value in attributes.items()}}
    return {"Put": {"TableName": table, "Item": item}}


def _add(table, pk, amount):
    return {"Update": {"TableName": table, "Key": {"pk": {"S": pk}}, "UpdateExpression": "ADD n :n",
                       "ExpressionAttributeValues": {":n": {"N": str(amount)}}}}


def _requires(table, pk):
    return {"ConditionCheck": {"TableName": table, "Key": {"pk": {"S": pk}},
                               "ConditionExpression": "attribute_exists(pk)"}}


def test_cancelled_transaction_changes_no_item_and_streams_nothing(aws):
    table, other = aws.table(stream=True), aws.table(stream=True)
    ddb = aws.client("dynamodb")
    ddb.put_item(TableName=table, Item={"pk": {"S": "kept"}, "n": {"N": "1"}})
    readers = StreamReader(aws, table), StreamReader(aws, other)

    with pytest.raises(ClientError) as error:
        ddb.transact_write_items(TransactItems=[
            _add(table, "kept", 5), _put(table, "new", n=1), _put(other, "elsewhere", n=1),
            {"Delete": {"TableName": other, "Key": {"pk": {"S": "absent"}}}},
            _requires(table, "missing")])
    assert error.value.response["Error"]["Code"] == "TransactionCanceledException"
    assert [reason["Code"] for reason in error.value.response["CancellationReasons"]] == [
        "None", "None", "None", "None", "ConditionalCheckFailed"]

    assert ddb.get_item(TableName=table, Key={"pk": {"S": "kept"}})["Item"]["n"] == {"N": "1"}
    assert "Item" not in ddb.get_item(TableName=table, Key={"pk": {"S": "new"}})
    assert ddb.scan(TableName=other)["Items"] == []
    # Iterators opened before the cancelled transaction see none of it, and do see what follows.
    ddb.transact_write_items(TransactItems=[_add(table, "kept", 2), _put(other, "after", n=1)])
    assert readers[0].read() == [("MODIFY", "kept")]
    assert readers[1].read() == [("INSERT", "after")]
    assert ddb.get_item(TableName=table, Key={"pk": {"S": "kept"}})["Item"]["n"] == {"N": "3"}


def test_item_that_fails_to_apply_cancels_the_transaction(aws):
    table = aws.table(stream=True, range_key="sk")
    ddb = aws.client("dynamodb")
    ddb.put_item(TableName=table, Item={"pk": {"S": "a"}, "sk": {"S": "1"}, "s": {"S": "text"}})
    reader = StreamReader(aws, table)
    with pytest.raises(ClientError):
        ddb.transact_write_items(TransactItems=[
            {"Put": {"TableName": table, "Item": {"pk": {"S": "a"}, "sk": {"S": "2"}}}},
            {"Update": {"TableName": table, "Key": {"pk": {"S": "a"}, "sk": {"S": "1"}},
                        "UpdateExpression": "ADD s :one", "ExpressionAttributeValues": {":one": {"N": "1"}}}}])
    assert [item["sk"]["S"] for item in ddb.scan(TableName=table)["Items"]] == ["1"]
    ddb.put_item(TableName=table, Item={"pk": {"S": "b"}, "sk": {"S": "1"}})
    assert reader.read() == [("INSERT", "b")]


def test_same_token_and_request_succeeds_without_applying_again(aws):
    table = aws.table(stream=True)
    ddb = aws.client("dynamodb")
    reader = StreamReader(aws, table)
    request = {"ClientRequestToken": "retry-of-a-lost-answer", "TransactItems": [_add(table, "counter", 1)]}
    ddb.transact_write_items(**request)
    assert reader.read()
    ddb.transact_write_items(**request)
    assert ddb.get_item(TableName=table, Key={"pk": {"S": "counter"}})["Item"]["n"] == {"N": "1"}
    assert reader.read() == []


def test_same_token_with_other_parameters_is_a_mismatch(aws):
    table = aws.table()
    ddb = aws.client("dynamodb")
    ddb.transact_write_items(ClientRequestToken="token-mismatch", TransactItems=[_add(table, "a", 1)])
    with pytest.raises(ClientError) as error:
        ddb.transact_write_items(ClientRequestToken="token-mismatch", TransactItems=[_add(table, "b", 1)])
    assert error.value.response["Error"]["Code"] == "IdempotentParameterMismatchException"
    assert error.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert "Item" not in ddb.get_item(TableName=table, Key={"pk": {"S": "b"}})


def test_token_of_a_cancelled_transaction_is_not_remembered(aws):
    table = aws.table()
    ddb = aws.client("dynamodb")
    request = {"ClientRequestToken": "token-cancelled", "TransactItems": [_add(table, "a", 1), _requires(table, "b")]}
    with pytest.raises(ClientError):
        ddb.transact_write_items(**request)
    ddb.put_item(TableName=table, Item={"pk": {"S": "b"}})
    ddb.transact_write_items(**request)
    assert ddb.get_item(TableName=table, Key={"pk": {"S": "a"}})["Item"]["n"] == {"N": "1"}
