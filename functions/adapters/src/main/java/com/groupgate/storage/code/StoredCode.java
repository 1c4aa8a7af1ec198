package com.groupgate.storage.code;

import com.groupgate.code.GroupCode;
import java.util.Map;

/**
 * A code as the API shows it: the code and its counter's scans by day (the counter holds
 * today and yesterday; older days are pruned).
 */
public record StoredCode(GroupCode code, Map<String, Long> scansByDay) {
    public StoredCode {
        scansByDay = Map.copyOf(scansByDay);
    }

    /** Scans counted on {@code dayKey}, accepted or not (refused ones count too, past the cap). */
    public long scansOn(String dayKey) {
        return scansByDay.getOrDefault(dayKey, 0L);
    }
}
