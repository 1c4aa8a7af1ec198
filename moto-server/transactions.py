"""TransactWriteItems as DynamoDB does it: all or nothing, and at most once per token.

AWS: the items of a transaction succeed or fail together. If any condition fails or any
item cannot be applied, DynamoDB cancels the transaction (TransactionCanceledException):
no item changes and the table's stream carries nothing of it. With a ClientRequestToken,
a transaction that succeeded is not applied again when the same request comes again
within 10 minutes; it just succeeds. The same token with other parameters in that window
is refused with IdempotentParameterMismatchException. (The AWS SDK for Java v2 fills the
token itself and reuses it across its retries, so a retry whose first answer was lost
does not apply twice.)

moto 5.2.5 deep-copies every table a transaction names, applies the items one by one and,
on cancellation, puts the copies in the tables' place. The stream records of the cancelled
items stay on the old table's StreamShard, which open shard iterators keep reading, and
later records go to the copy's shard: readers see the cancelled writes and never see the
later ones. The copies also make every transaction as slow as the tables are large. moto
ignores ClientRequestToken.

Patched: before moto applies the items, the emulator backs up only what the transaction
can change, i.e. a deep copy of each item it names (or the fact that it was absent) and
the length of each touched stream shard's record list, and keeps moto from copying the
tables (the "copy" moto takes is the table itself, so its rollback changes nothing). On
any failure the items are put back into the same table objects and the same shards are
truncated in place: tables and shards are never replaced, so shard iterators stay valid.
Tokens of successful transactions are remembered, with the request they came with, for
10 minutes.
"""
import json
import time
from collections import OrderedDict

from moto.core.responses import ActionResult
from moto.dynamodb.exceptions import ERROR_TYPE_PREFIX, DynamodbException
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.table import Table
from moto.dynamodb.responses import DynamoHandler

import dynamodb_items

IDEMPOTENCY_WINDOW_SECONDS = 600


class _Rollback:
    """The items a transaction names and the stream lengths of their tables, as they were."""

    def __init__(self, backend, transact_items):
        self._items = []  # (table, hash key, range key or None, Item copy or None if absent)
        self._shards = {}  # id(shard) -> (shard, number of records)
        for transact_item in transact_items:
            for kind, operation in transact_item.items():
                if kind != "ConditionCheck" and isinstance(operation, dict):
                    self._back_up(backend, operation, operation.get("Item" if kind == "Put" else "Key"))

    def _back_up(self, backend, operation, key):
        try:
            table = backend.get_table(operation["TableName"])
            hash_key, range_key = dynamodb_items.key_of(table, key)
            item = dynamodb_items.back_up(table, hash_key, range_key)
        except Exception:  # moto refuses this item itself; nothing of it to restore
            return
        self._items.append((table, hash_key, range_key, item))
        if table.stream_shard is not None:
            self._shards.setdefault(id(table.stream_shard), (table.stream_shard, len(table.stream_shard.items)))

    def restore(self):
        for table, hash_key, range_key, item in reversed(self._items):
            dynamodb_items.put_back(table, hash_key, range_key, item)
        for shard, length in self._shards.values():
            del shard.items[length:]


def _the_table_itself(table, memo):
    return table


def _apply_or_restore(original):
    def transact_write_items(self, transact_items):
        rollback = _Rollback(self, transact_items)
        Table.__deepcopy__ = _the_table_itself  # only for moto's whole-table backup below
        try:
            return original(self, transact_items)
        except Exception:
            rollback.restore()
            raise
        finally:
            del Table.__deepcopy__

    return transact_write_items


class IdempotentParameterMismatchException(DynamodbException):
    def __init__(self):
        super().__init__(
            ERROR_TYPE_PREFIX + "IdempotentParameterMismatchException",
            "DynamoDB rejected the request because you retried a request with a different "
            "payload but with an idempotent token that was already used.",
        )


_succeeded = OrderedDict()  # (account, region, token) -> (request without token, expiry); oldest first


def _at_most_once(original):
    def transact_write_items(self):
        token = self.body.get("ClientRequestToken")
        if not token:
            return original(self)
        now = time.monotonic()
        while _succeeded and next(iter(_succeeded.values()))[1] <= now:
            _succeeded.popitem(last=False)
        request = json.loads(self.raw_body)
        request.pop("ClientRequestToken", None)
        request = json.dumps(request, sort_keys=True)
        key = (self.current_account, self.region, token)
        if key in _succeeded:
            if _succeeded[key][0] != request:
                raise IdempotentParameterMismatchException()
            return ActionResult({"ConsumedCapacity": [], "ItemCollectionMetrics": {}})
        result = original(self)
        _succeeded[key] = (request, now + IDEMPOTENCY_WINDOW_SECONDS)
        return result

    return transact_write_items


def install():
    DynamoDBBackend.transact_write_items = _apply_or_restore(DynamoDBBackend.transact_write_items)
    DynamoHandler.transact_write_items = _at_most_once(DynamoHandler.transact_write_items)
