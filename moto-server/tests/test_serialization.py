"""Requests are served one at a time: a conditional write is atomic under concurrency."""
import threading

from botocore.exceptions import ClientError


def test_conditional_increment_is_atomic_under_20_concurrent_clients(aws):
    table = aws.table()
    # A large item widens the window between moto's condition check and its update.
    bulk = {f"a{n}": {"L": [{"N": str(i)} for i in range(20)]} for n in range(150)}
    aws.client("dynamodb").put_item(TableName=table, Item={"pk": {"S": "cap"}, "n": {"N": "0"}, **bulk})
    clients = [aws.client("dynamodb") for _ in range(20)]
    results, start = [], threading.Barrier(len(clients))

    def take_a_seat(ddb):
        start.wait()
        for _ in range(3):
            try:
                ddb.update_item(TableName=table, Key={"pk": {"S": "cap"}}, UpdateExpression="SET n = n + :one",
                                ConditionExpression="n < :cap",
                                ExpressionAttributeValues={":one": {"N": "1"}, ":cap": {"N": "25"}})
                results.append("seated")
            except ClientError as error:
                results.append(error.response["Error"]["Code"])

    threads = [threading.Thread(target=take_a_seat, args=(ddb,)) for ddb in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results.count("seated") == 25
    assert results.count("ConditionalCheckFailedException") == 35
    item = aws.client("dynamodb").get_item(TableName=table, Key={"pk": {"S": "cap"}})["Item"]
    assert item["n"] == {"N": "25"}
