"""One emulator for the whole suite: serial_moto.py started as GroupGate starts it, with
IAM enforced, and boto3 clients signed by the operator or by a role's credentials."""
import contextlib
import json
import subprocess
import sys
import uuid
from pathlib import Path

import boto3
import pytest
import requests
from botocore.config import Config

EMULATOR = Path(__file__).resolve().parent.parent / "serial_moto.py"
ACCOUNT = "123456789012"
REGION = "us-east-1"


class Emulator:
    def __init__(self, settings):
        self.endpoint = f"http://127.0.0.1:{settings['GROUPGATE_MOTO_PORT']}"
        self.operator = {
            "aws_access_key_id": settings["GROUPGATE_OPERATOR_ACCESS_KEY_ID"],
            "aws_secret_access_key": settings["GROUPGATE_OPERATOR_SECRET_ACCESS_KEY"],
        }
        self.credentials_token = settings["GROUPGATE_LAMBDA_CREDENTIALS_TOKEN"]

    def client(self, service, credentials=None, **config):
        config.setdefault("retries", {"total_max_attempts": 1, "mode": "standard"})  # no retries
        return boto3.client(
            service, endpoint_url=self.endpoint, region_name=REGION,
            config=Config(**config), **(credentials or self.operator),
        )

    def table(self, stream=False, range_key=None, indexes=()):
        """A new table named after the test; hash key pk (S), optional range key (S)."""
        name = f"t-{uuid.uuid4().hex[:12]}"
        keys = [{"AttributeName": "pk", "KeyType": "HASH"}]
        attributes = [{"AttributeName": "pk", "AttributeType": "S"}]
        if range_key:
            keys.append({"AttributeName": range_key, "KeyType": "RANGE"})
            attributes.append({"AttributeName": range_key, "AttributeType": "S"})
        extra = {}
        if stream:
            extra["StreamSpecification"] = {"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}
        if indexes:
            extra["GlobalSecondaryIndexes"] = [
                {"IndexName": index, "KeySchema": [{"AttributeName": index, "KeyType": "HASH"}],
                 "Projection": {"ProjectionType": "ALL"}} for index in indexes]
            attributes += [{"AttributeName": index, "AttributeType": "S"} for index in indexes]
        self.client("dynamodb").create_table(
            TableName=name, KeySchema=keys, AttributeDefinitions=attributes,
            BillingMode="PAY_PER_REQUEST", **extra)
        return name

    def role(self, statements, trust_service="lambda.amazonaws.com"):
        """A new role with one inline policy; trusted by the service principal Lambda uses."""
        name = f"role-{uuid.uuid4().hex[:12]}"
        trust = {"Version": "2012-10-17", "Statement": [
            {"Effect": "Allow", "Principal": {"Service": trust_service}, "Action": "sts:AssumeRole"}]}
        iam = self.client("iam")
        iam.create_role(RoleName=name, AssumeRolePolicyDocument=json.dumps(trust))
        iam.put_role_policy(RoleName=name, PolicyName="inline", PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": statements}))
        return name

    def lambda_credentials(self, role, session="groupgate-test", token=None):
        return requests.get(
            f"{self.endpoint}/_groupgate/lambda-credentials/{role}", params={"session": session},
            headers={"Authorization": self.credentials_token if token is None else token}, timeout=10)

    def role_credentials(self, role):
        body = self.lambda_credentials(role, session=f"s-{uuid.uuid4().hex[:8]}").json()
        return {"aws_access_key_id": body["AccessKeyId"], "aws_secret_access_key": body["SecretAccessKey"],
                "aws_session_token": body["Token"]}


class StreamReader:
    """Reads a table's stream from an iterator opened when the reader is made."""

    def __init__(self, aws, table, start="LATEST"):
        self._streams = aws.client("dynamodbstreams")
        arn = aws.client("dynamodb").describe_table(TableName=table)["Table"]["LatestStreamArn"]
        shard = self._streams.describe_stream(StreamArn=arn)["StreamDescription"]["Shards"][0]["ShardId"]
        self._iterator = self._streams.get_shard_iterator(
            StreamArn=arn, ShardId=shard, ShardIteratorType=start)["ShardIterator"]

    def read(self):
        """(eventName, pk) of each record since the last read."""
        page = self._streams.get_records(ShardIterator=self._iterator)
        self._iterator = page["NextShardIterator"]
        return [(record["eventName"], record["dynamodb"]["Keys"]["pk"]["S"]) for record in page["Records"]]


class FaultRules:
    def __init__(self, endpoint):
        self._url = endpoint + "/_groupgate/faults"

    def add(self, *rules):
        answer = requests.post(self._url, json=list(rules), timeout=10)
        answer.raise_for_status()
        return answer.json()["ids"]

    def rules(self):
        return requests.get(self._url, timeout=10).json()["rules"]

    def clear(self):
        requests.delete(self._url, timeout=10).raise_for_status()


@pytest.fixture
def faults(aws):
    rules = FaultRules(aws.endpoint)
    yield rules
    rules.clear()


def table_arn(name):
    return f"arn:aws:dynamodb:{REGION}:{ACCOUNT}:table/{name}"


@contextlib.contextmanager
def _emulator(*extra_args):
    process = subprocess.Popen(
        [sys.executable, str(EMULATOR), "--host", "127.0.0.1", "--port", "0", "--enforce-iam", *extra_args],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    settings = {}
    try:
        for line in process.stdout:
            line = line.strip()
            if line == "GROUPGATE_READY":
                break
            key, _, value = line.partition("=")
            settings[key] = value
        else:
            raise RuntimeError(f"emulator exited before GROUPGATE_READY: {settings}")
        yield Emulator(settings)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def aws():
    with _emulator() as emulator:
        yield emulator


SHORT_CREDENTIALS_SECONDS = 4


@pytest.fixture(scope="module")
def short_lived_aws():
    """An emulator whose function credentials live SHORT_CREDENTIALS_SECONDS."""
    with _emulator("--lambda-credentials-seconds", str(SHORT_CREDENTIALS_SECONDS)) as emulator:
        yield emulator
