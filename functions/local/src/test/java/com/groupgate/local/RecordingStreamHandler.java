package com.groupgate.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;

/**
 * A stand-in aggregate handler for the records of one partition key (the test's own; the
 * stream also carries other tests' records, which it lets pass). For each of its records,
 * in order, {@code outcome} (given the fact id and how often it was delivered before)
 * decides: handle it, report it as a batch item failure (and stop), or throw.
 */
final class RecordingStreamHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    enum Outcome { HANDLE, FAIL, THROW }

    final String pk;
    final List<DynamodbEvent.DynamodbStreamRecord> delivered = new CopyOnWriteArrayList<>();
    final List<String> handled = new CopyOnWriteArrayList<>();
    final Map<String, String> sequenceNumbers = new ConcurrentHashMap<>();
    private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();
    private final BiFunction<String, Integer, Outcome> outcome;

    RecordingStreamHandler(String pk, BiFunction<String, Integer, Outcome> outcome) {
        this.pk = pk;
        this.outcome = outcome;
    }

    static String factId(DynamodbEvent.DynamodbStreamRecord r) {
        var image = r.getDynamodb().getNewImage();
        return image == null || image.get("fact") == null ? null : image.get("fact").getM().get("id").getS();
    }

    int deliveriesOf(String factId) {
        return deliveries.getOrDefault(factId, 0);
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<DynamodbEvent.DynamodbStreamRecord> ours = new ArrayList<>();
        for (var r : event.getRecords()) {
            if (pk.equals(r.getDynamodb().getKeys().get("pk").getS())) {
                ours.add(r);
            }
        }
        // Decide on throwing before handling anything, so a thrown batch leaves no trace.
        for (var r : ours) {
            if (outcome.apply(factId(r), deliveriesOf(factId(r))) == Outcome.THROW) {
                ours.forEach(this::count);
                throw new IllegalStateException("poison record in batch");
            }
        }
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (var r : ours) {
            String id = factId(r);
            Outcome o = outcome.apply(id, deliveriesOf(id));
            count(r);
            if (o == Outcome.FAIL) {
                failures.add(new StreamsEventResponse.BatchItemFailure(r.getDynamodb().getSequenceNumber()));
                break;
            }
            handled.add(id);
        }
        return new StreamsEventResponse(failures);
    }

    private void count(DynamodbEvent.DynamodbStreamRecord r) {
        delivered.add(r);
        sequenceNumbers.put(factId(r) == null ? "" : factId(r), r.getDynamodb().getSequenceNumber());
        deliveries.merge(factId(r) == null ? "" : factId(r), 1, Integer::sum);
    }
}
