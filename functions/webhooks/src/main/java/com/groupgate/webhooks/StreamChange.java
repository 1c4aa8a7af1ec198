package com.groupgate.webhooks;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.groupgate.aws.StreamImages;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.webhook.Outbox;
import com.groupgate.webhook.ItemChange;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a MainTable stream record is to the dispatcher: a change to an item whose changes
 * are events (the kind told by its sort key, as the table's key classes write them), a new
 * outbox item to send, or nothing.
 */
sealed interface StreamChange {
    /** An item change to turn into events and reminders. */
    record Change(ItemChange change) implements StreamChange {
    }

    /** A new event or redelivery in the outbox, and its key. */
    record Send(Outbox.Item item, Map<String, AttributeValue> key) implements StreamChange {
    }

    static Optional<StreamChange> of(DynamodbStreamRecord record) {
        var stream = record.getDynamodb();
        if (stream == null || stream.getKeys() == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> keys = StreamImages.toSdk(stream.getKeys());
        String sk = keys.get("sk") == null ? null : keys.get("sk").s();
        if (sk == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> newImage = stream.getNewImage() == null ? Map.of()
                : StreamImages.toSdk(stream.getNewImage());
        if (sk.equals(MainTableKeys.EVENT) || sk.startsWith(MainTableKeys.REDELIVERY_PREFIX)) {
            return "INSERT".equals(record.getEventName())
                    ? Optional.of(new Send(Outbox.from(newImage), keys)) : Optional.empty();
        }
        ItemChange.Kind kind = kind(sk);
        if (kind == null) {
            return Optional.empty();
        }
        Map<String, AttributeValue> oldImage = stream.getOldImage() == null ? Map.of()
                : StreamImages.toSdk(stream.getOldImage());
        Instant at = stream.getApproximateCreationDateTime() == null ? Instant.now()
                : stream.getApproximateCreationDateTime().toInstant();
        return Optional.of(new Change(new ItemChange(kind, record.getEventID(), at, PlainImages.of(oldImage),
                PlainImages.of(newImage))));
    }

    /** The kind of item a sort key names ({@link MainTableKeys}; MemberTable, JoinRequestTable, GroupTable, CodeTable, FactTable). */
    private static ItemChange.Kind kind(String sk) {
        if (sk.startsWith(MainTableKeys.MEMBER_PREFIX)) {
            return ItemChange.Kind.MEMBER;
        }
        if (sk.startsWith(MainTableKeys.GROUP_PREFIX)) {
            return ItemChange.Kind.GROUP;
        }
        return switch (sk) {
            case MainTableKeys.REQUEST -> ItemChange.Kind.JOIN_REQUEST;
            case MainTableKeys.CODE -> ItemChange.Kind.CODE;
            case MainTableKeys.COUNT -> ItemChange.Kind.CODE_COUNTER;
            case MainTableKeys.FACT -> ItemChange.Kind.FACT;
            default -> null;
        };
    }
}
