package com.groupgate.aggregate;

import com.groupgate.analytics.Fact;

/**
 * The outcome of a fact. Refusals decided before counting, and joins, carry it explicitly.
 * A counted scan does not: it rides on the code item's single
 * {@code SET daily.#day = ... + 1, fact = :fact} write (see {@code ScanCounter}), and its
 * outcome is what that write left in the item's new image — exactly what the scan path
 * told the scanner:
 *
 * <ol>
 * <li>the code is not {@code active}: its status ({@code revoked}, {@code superseded});
 * <li>else the day's counter is at most the fact's cap: {@code accepted};
 * <li>else {@code daily_limit}.
 * </ol>
 */
public final class FactOutcome {
    static final String ACTIVE = "active";
    static final String DAILY_LIMIT = "daily_limit";

    private FactOutcome() {
    }

    /**
     * @param explicit   the fact's own {@code outcome}, or null for a counted scan
     * @param codeStatus the code item's {@code status} in the new image
     * @param countOnDay the code item's {@code daily[fact.day]} in the new image
     * @param cap        the fact's {@code cap}
     * @throws IllegalArgumentException when a counted scan lacks what decides its outcome
     */
    public static String of(String explicit, String codeStatus, Long countOnDay, Long cap) {
        if (explicit != null) {
            return explicit;
        }
        if (codeStatus == null) {
            throw new IllegalArgumentException("a fact without outcome must ride on a code item with a status");
        }
        if (!codeStatus.equals(ACTIVE)) {
            return codeStatus;
        }
        if (countOnDay == null || cap == null) {
            throw new IllegalArgumentException("a counted scan needs daily[day] in the new image and cap in the fact");
        }
        return countOnDay <= cap ? Fact.ACCEPTED : DAILY_LIMIT;
    }
}
