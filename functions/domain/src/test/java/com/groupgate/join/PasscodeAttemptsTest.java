package com.groupgate.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasscodeAttemptsTest {

    @Test
    void ticketLocksAtTheFifthWrongTry() {
        assertEquals(5, PasscodeAttempts.MAX_WRONG_TRIES);
        assertFalse(PasscodeAttempts.locked(0));
        assertFalse(PasscodeAttempts.locked(4));
        assertTrue(PasscodeAttempts.locked(5));
        assertTrue(PasscodeAttempts.locked(6));
    }

    @Test
    void remainingTriesCountDownToZero() {
        assertEquals(5, PasscodeAttempts.remaining(0));
        assertEquals(1, PasscodeAttempts.remaining(4));
        assertEquals(0, PasscodeAttempts.remaining(5));
        assertEquals(0, PasscodeAttempts.remaining(9));
    }
}
