package com.groupgate.aggregate;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.groupgate.analytics.Fact;
import com.groupgate.analytics.RecordedFact;
import com.groupgate.analytics.ShardRecord;
import com.groupgate.aws.StreamImages;
import com.groupgate.fact.FactCodec;
import java.time.DateTimeException;
import java.util.Map;
import java.util.Optional;

/**
 * Stream records of MainTable to analytics facts. The {@code fact} map is read with the
 * codec that wrote it ({@code com.groupgate.fact.FactCodec}); a counted scan's outcome is
 * what its count left in the item's new image ({@link RecordedFact#decide}).
 *
 * <p>A record is a NEW fact when its new image carries a {@code fact} map and it is an
 * INSERT, or a MODIFY whose old image carried no fact or one with another {@code id}:
 * revoking or refreshing a code rewrites its item but leaves the last scan's fact as it
 * was, and that fact was counted with the write that set it. Everything else — no fact,
 * TTL and other REMOVEs, an unchanged fact — is ignored: empty, not counted, not poison.
 * A new fact that does not decode into a {@link Fact} is poison.
 *
 * <p>Scans whose country or region is unknown (the request did not come through our
 * CloudFront, so geo was not trusted) count under {@link #UNKNOWN}, as unknown cities
 * count under {@link Fact#UNKNOWN_CITY}.
 */
public final class StreamFacts {
    public static final String UNKNOWN = "unknown";

    private StreamFacts() {
    }

    /** The record as a shard record to count or report; empty when it carries no new fact. */
    public static Optional<ShardRecord> decode(DynamodbStreamRecord record) {
        StreamRecord stream = record.getDynamodb();
        if (stream == null || "REMOVE".equals(record.getEventName())) {
            return Optional.empty();
        }
        Map<String, AttributeValue> image = stream.getNewImage();
        AttributeValue factValue = image == null ? null : image.get("fact");
        if (factValue == null || Boolean.TRUE.equals(factValue.getNULL())) {
            return Optional.empty();
        }
        String seq = stream.getSequenceNumber();
        Map<String, AttributeValue> fact = factValue.getM();
        if (fact == null) {
            return Optional.of(ShardRecord.poison(seq, "fact is not a map"));
        }
        if ("MODIFY".equals(record.getEventName()) && sameFact(fact, stream.getOldImage())) {
            return Optional.empty();
        }
        try {
            return Optional.of(ShardRecord.of(seq, toFact(fact, image)));
        } catch (IllegalArgumentException | NullPointerException | DateTimeException | ArithmeticException e) {
            return Optional.of(ShardRecord.poison(seq, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private static boolean sameFact(Map<String, AttributeValue> fact, Map<String, AttributeValue> oldImage) {
        AttributeValue old = oldImage == null ? null : oldImage.get("fact");
        if (old == null || old.getM() == null) {
            return false;
        }
        String id = str(fact, "id");
        return id != null && id.equals(str(old.getM(), "id"));
    }

    static Fact toFact(Map<String, AttributeValue> fact, Map<String, AttributeValue> image) {
        RecordedFact recorded = FactCodec.decode(StreamImages.toSdk(fact));
        return recorded.toFact(recorded.decide(str(image, "status"), dailyCount(image, recorded.countedOn())),
                UNKNOWN);
    }

    private static Long dailyCount(Map<String, AttributeValue> image, String day) {
        AttributeValue daily = image.get("daily");
        if (day == null || daily == null || daily.getM() == null) {
            return null;
        }
        AttributeValue count = daily.getM().get(day);
        return count == null || count.getN() == null ? null : Long.valueOf(count.getN());
    }

    private static String str(Map<String, AttributeValue> map, String name) {
        AttributeValue v = map.get(name);
        return v == null ? null : v.getS();
    }

}
