package com.groupgate.aws;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Keeps a counted item's {@code daily} map to today and yesterday. An update expression can
 * remove only map keys it names, and the write does not know which older days the item
 * holds until it has returned the item: so each write's answer is remembered (per item, in
 * this container) and the next write on that item removes the days before yesterday it
 * saw. A code scanned after days of silence carries those days for one write.
 */
public final class StaleDays {
    private static final int MAX_REMEMBERED = 10_000;

    private final Map<String, List<String>> byItem = new ConcurrentHashMap<>();

    /**
     * Appends {@code REMOVE <map>.#oldN, ...} for the days to drop from item {@code itemId}
     * to {@code update}, their names to {@code names}; {@code dayKey} (being counted) is kept.
     */
    public void appendRemovals(String itemId, String mapName, String dayKey, StringBuilder update,
                               Map<String, String> names) {
        String separator = " REMOVE ";
        List<String> stale = byItem.getOrDefault(itemId, List.of());
        for (int i = 0; i < stale.size(); i++) {
            if (!stale.get(i).equals(dayKey)) {
                update.append(separator).append(mapName).append(".#old").append(i);
                names.put("#old" + i, stale.get(i));
                separator = ", ";
            }
        }
    }

    /** Notes the days before yesterday that the item's {@code daily} map still holds after a write. */
    public void remember(String itemId, Map<String, AttributeValue> daily, String dayKey) {
        String yesterday = LocalDate.parse(dayKey).minusDays(1).toString();
        List<String> old = new ArrayList<>();
        for (String day : daily.keySet()) {
            if (day.compareTo(yesterday) < 0) {
                old.add(day);
            }
        }
        if (old.isEmpty()) {
            byItem.remove(itemId);
            return;
        }
        if (byItem.size() > MAX_REMEMBERED) {
            byItem.clear();
        }
        byItem.put(itemId, List.copyOf(old));
    }
}
