package com.groupgate.localrun;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbTimeWindowEvent;
import com.amazonaws.services.lambda.runtime.events.TimeWindowEventResponse;
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
 * decides: handle it, report it as a batch item failure (and stop), or throw. Its window
 * state counts the records of its own it was handed ({@code seen}); every invocation that
 * carried some of them, and every final invocation of a window, is kept.
 */
final class RecordingStreamHandler implements RequestHandler<DynamodbTimeWindowEvent, TimeWindowEventResponse> {
    enum Outcome { HANDLE, FAIL, THROW }

    final String pk;
    final List<DynamodbEvent.DynamodbStreamRecord> delivered = new CopyOnWriteArrayList<>();
    final List<String> handled = new CopyOnWriteArrayList<>();
    final Map<String, String> sequenceNumbers = new ConcurrentHashMap<>();
    final List<DynamodbTimeWindowEvent> events = new CopyOnWriteArrayList<>();
    final List<DynamodbTimeWindowEvent> finals = new CopyOnWriteArrayList<>();
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
    public TimeWindowEventResponse handleRequest(DynamodbTimeWindowEvent event, Context context) {
        List<DynamodbEvent.DynamodbStreamRecord> ours = new ArrayList<>();
        for (var r : event.getRecords()) {
            if (pk.equals(r.getDynamodb().getKeys().get("pk").getS())) {
                ours.add(r);
            }
        }
        if (!ours.isEmpty()) {
            events.add(event);
        }
        if (Boolean.TRUE.equals(event.getIsFinalInvokeForWindow())) {
            finals.add(event);
            return new TimeWindowEventResponse(Map.of(), List.of());
        }
        long seen = ours.size() + Long.parseLong(event.getState() == null ? "0"
                : event.getState().getOrDefault("seen", "0"));
        // Decide on throwing before handling anything, so a thrown batch leaves no trace.
        for (var r : ours) {
            if (outcome.apply(factId(r), deliveriesOf(factId(r))) == Outcome.THROW) {
                ours.forEach(this::count);
                throw new IllegalStateException("poison record in batch");
            }
        }
        List<TimeWindowEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (var r : ours) {
            String id = factId(r);
            Outcome o = outcome.apply(id, deliveriesOf(id));
            count(r);
            if (o == Outcome.FAIL) {
                failures.add(new TimeWindowEventResponse.BatchItemFailure(r.getDynamodb().getSequenceNumber()));
                break;
            }
            handled.add(id);
        }
        return new TimeWindowEventResponse(Map.of("seen", Long.toString(seen)), failures);
    }

    private void count(DynamodbEvent.DynamodbStreamRecord r) {
        delivered.add(r);
        sequenceNumbers.put(factId(r) == null ? "" : factId(r), r.getDynamodb().getSequenceNumber());
        deliveries.merge(factId(r) == null ? "" : factId(r), 1, Integer::sum);
    }
}
