"""A stream record for each change to an item, and none for writes that change nothing.

AWS (DynamoDB Streams): a stream record is written for each item that a write actually
modifies: INSERT when it creates the item, MODIFY when it changes it, REMOVE when it
deletes it. A PutItem or UpdateItem that leaves the item as it was writes no record;
a ConditionCheck writes none; a write that fails changes nothing.

moto 5.2.5 appends a MODIFY record for every PutItem and UpdateItem of an existing item,
changed or not, and an UpdateItem that creates an item appends two INSERT records (the
first with the key attributes only). An UpdateItem that fails after creating its item
(e.g. the item grows too large) leaves the key-only item and its record behind.

Patched: a shard does not append a record whose old and new images are equal; UpdateItem
records nothing while moto works and then one record from the item as it was to the item
as it is, and on failure puts the item back as it was.
"""
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.table import StreamShard

import dynamodb_items


def _only_changes(add):
    def add_if_changed(self, old, new):
        if getattr(self, "groupgate_muted", False):
            return
        if old is not None and new is not None and old == new:
            return
        add(self, old, new)

    return add_if_changed


def _one_record_per_update(update_item):
    def update_item_once(self, table_name, key, *args, **kwargs):
        table = self.get_table(table_name)
        try:
            hash_key, range_key = dynamodb_items.key_of(table, key)
            before = dynamodb_items.back_up(table, hash_key, range_key)
        except Exception:  # a key moto refuses; it says why
            return update_item(self, table_name, key, *args, **kwargs)
        shard = table.stream_shard
        if shard is not None:
            shard.groupgate_muted = True
        try:
            after = update_item(self, table_name, key, *args, **kwargs)
        except Exception:
            dynamodb_items.put_back(table, hash_key, range_key, before)
            raise
        finally:
            if shard is not None:
                shard.groupgate_muted = False
        if shard is not None:
            shard.add(before, after)
        return after

    return update_item_once


def install():
    StreamShard.add = _only_changes(StreamShard.add)
    DynamoDBBackend.update_item = _one_record_per_update(DynamoDBBackend.update_item)
