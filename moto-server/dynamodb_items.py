"""Single items of moto's DynamoDB tables, backed up and put back in place.

moto keeps a table's items in `table.items`: {hash key: Item} for tables with a hash key
only, {hash key: {range key: Item}} for tables with a range key. Writes replace or mutate
those Item objects; undoing a write means putting a copy of the old Item back into the
same dict (or removing the key if the item did not exist), never replacing the table.
"""
import copy

from moto.dynamodb.models.dynamo_type import DynamoType


def key_of(table, attributes):
    """The (hash, range or None) key of the item these attributes (a Key or an Item) name."""
    hash_key = DynamoType(attributes[table.hash_key_attr])
    range_key = DynamoType(attributes[table.range_key_attr]) if table.range_key_attr else None
    return hash_key, range_key


def back_up(table, hash_key, range_key):
    """A copy of the item as it is now, or None if there is none."""
    return copy.deepcopy(table.get_item(hash_key, range_key))


def put_back(table, hash_key, range_key, item):
    if range_key is None:
        if item is None:
            table.items.pop(hash_key, None)
        else:
            table.items[hash_key] = item
    elif item is None:
        items = table.items.get(hash_key, {})
        items.pop(range_key, None)
        if not items:
            table.items.pop(hash_key, None)
    else:
        table.items[hash_key][range_key] = item
