package com.groupgate.join;

/**
 * How many wrong passcodes a join ticket survives. The join path counts wrong tries on the
 * ticket with an atomic increment and checks {@link #locked} before verifying a code, so a
 * locked ticket is refused even with the right code: with 6-digit codes and three valid
 * steps, {@value #MAX_WRONG_TRIES} guesses succeed with probability about 1.5e-5, and the
 * scanner must scan again (and pass the daily cap) for another ticket.
 */
public final class PasscodeAttempts {
    public static final int MAX_WRONG_TRIES = 5;

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
}
