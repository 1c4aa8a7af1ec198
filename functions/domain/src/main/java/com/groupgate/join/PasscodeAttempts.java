package com.groupgate.join;

import java.time.Instant;

/**
 * How many wrong passcodes are judged, and what that makes a guess worth.
 *
 * <p>Three budgets, each claimed (an atomic conditional increment) before a passcode is
 * judged, so concurrent guesses cannot outrun them; a right passcode gives its client and
 * group claims back:
 * <ul>
 * <li>a join ticket: {@value #MAX_WRONG_TRIES} tries, then the scanner must scan again;
 * <li>a client (keyed hash of its address): {@value #PER_CLIENT_PER_HOUR} wrong tries an hour,
 *     across every ticket and group — tickets are free, so the ticket budget alone bounds
 *     nothing;
 * <li>a group: {@value #PER_GROUP_PER_HOUR} wrong tries an hour, across every ticket and
 *     client — the bound that holds against an attacker with many addresses.
 * </ul>
 *
 * <p>What that is worth. A passcode is an RFC 6238 code of 6 or 8 digits and three steps are
 * accepted at any moment (clock drift), so one guess succeeds with probability 3 / 10^d;
 * the expected number of guesses is 10^d / 3. At the group budget, 2,400 wrong guesses a
 * day reach a group: a 6-digit passcode holds for 333,333 / 2,400 ≈ 139 days on average
 * (≥ 30 days asked), an 8-digit one for 33,333,333 / 2,400 ≈ 13,900 days ≈ 38 years (≥ 5
 * years asked). One address alone, at 480 a day, needs about 694 days for 6 digits.
 *
 * <p>The price: a flood of wrong guesses spends the group's hourly budget, and until the
 * hour turns honest joiners of that group get 429 {@code too_many_attempts} with
 * {@code Retry-After} too (their own right passcode never counts against them). The tenant
 * sees it as the {@code PasscodeBudgetSpent} metric (scope {@code group}) and in the log
 * with the group; rotating the passcode does not lift the budget, and need not: no guess
 * got through.
 */
public final class PasscodeAttempts {
    public static final int MAX_WRONG_TRIES = 5;
    public static final int PER_CLIENT_PER_HOUR = 20;
    public static final int PER_GROUP_PER_HOUR = 100;
    private static final long HOUR = 3600;

    private PasscodeAttempts() {
    }

    /** Whether a ticket with {@code wrongTries} wrong passcodes so far takes no more. */
    public static boolean locked(int wrongTries) {
        return wrongTries >= MAX_WRONG_TRIES;
    }

    /** Tries left before the ticket locks, never negative. */
    public static int remaining(int wrongTries) {
        return Math.max(0, MAX_WRONG_TRIES - Math.max(0, wrongTries));
    }

    /** The hourly budget window {@code at} falls in (hours since the epoch). */
    public static long window(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), HOUR);
    }

    /** Seconds until the window of {@code at} ends and a spent budget is whole again; at least 1. */
    public static long secondsUntilNextWindow(Instant at) {
        return Math.max(1, (window(at) + 1) * HOUR - at.getEpochSecond());
    }

    /** Expected wrong guesses before a {@code digits}-digit passcode falls (three codes valid at a time). */
    public static double expectedGuesses(int digits) {
        return Math.pow(10, digits) / 3.0;
    }

    /** Expected days to guess a {@code digits}-digit passcode at the group budget. */
    public static double expectedDaysAtGroupBudget(int digits) {
        return expectedGuesses(digits) / (PER_GROUP_PER_HOUR * 24.0);
    }
}
