"""One stream record per change to an item; none for writes that change nothing."""
import pytest
from botocore.exceptions import ClientError
from conftest import StreamReader


def _set(table, pk, value):
    return dict(TableName=table, Key={"pk": {"S": pk}}, UpdateExpression="SET v = :v",
                ExpressionAttributeValues={":v": {"N": str(value)}})


def test_update_that_creates_an_item_writes_one_insert_with_its_new_image(aws):
    table = aws.table(stream=True)
    streams = aws.client("dynamodbstreams")
    reader = StreamReader(aws, table)
    aws.client("dynamodb").update_item(**_set(table, "a", 1))
    assert reader.read() == [("INSERT", "a")]
    arn = aws.client("dynamodb").describe_table(TableName=table)["Table"]["LatestStreamArn"]
    shard = streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
    iterator = streams.get_shard_iterator(StreamArn=arn, ShardId=shard, ShardIteratorType="TRIM_HORIZON")
    [record] = streams.get_records(ShardIterator=iterator["ShardIterator"])["Records"]
    assert record["dynamodb"]["NewImage"] == {"pk": {"S": "a"}, "v": {"N": "1"}}
    assert "OldImage" not in record["dynamodb"]


def test_writes_that_change_nothing_write_no_record(aws):
    table = aws.table(stream=True)
    ddb = aws.client("dynamodb")
    ddb.put_item(TableName=table, Item={"pk": {"S": "p"}, "v": {"N": "1"}})
    ddb.update_item(**_set(table, "u", 1))
    reader = StreamReader(aws, table)

    ddb.put_item(TableName=table, Item={"pk": {"S": "p"}, "v": {"N": "1"}})
    ddb.update_item(**_set(table, "u", 1))
    ddb.delete_item(TableName=table, Key={"pk": {"S": "never-there"}})
    ddb.batch_write_item(RequestItems={table: [{"PutRequest": {"Item": {"pk": {"S": "p"}, "v": {"N": "1"}}}}]})
    ddb.transact_write_items(TransactItems=[
        {"ConditionCheck": {"TableName": table, "Key": {"pk": {"S": "p"}}, "ConditionExpression": "v = :one",
                            "ExpressionAttributeValues": {":one": {"N": "1"}}}},
        {"Update": _set(table, "u", 1)}])
    assert reader.read() == []

    ddb.update_item(**_set(table, "u", 2))
    ddb.delete_item(TableName=table, Key={"pk": {"S": "p"}})
    assert reader.read() == [("MODIFY", "u"), ("REMOVE", "p")]


def test_failed_update_leaves_no_item_and_no_record(aws):
    table = aws.table(stream=True)
    ddb = aws.client("dynamodb")
    reader = StreamReader(aws, table)
    with pytest.raises(ClientError) as error:  # the item would be larger than 400 KB
        ddb.update_item(TableName=table, Key={"pk": {"S": "big"}}, UpdateExpression="SET v = :v",
                        ExpressionAttributeValues={":v": {"S": "x" * 420_000}})
    assert error.value.response["Error"]["Code"] == "ValidationException"
    assert "Item" not in ddb.get_item(TableName=table, Key={"pk": {"S": "big"}})
    assert reader.read() == []
