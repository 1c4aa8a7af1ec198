package com.groupgate.token;

import java.util.Objects;

/**
 * The outcome of verifying a join ticket; as {@link Verification}, every kind of bad ticket
 * is the one {@link Invalid#INSTANCE}, and a ticket is only reported {@link Expired} after
 * its tag verified.
 */
public sealed interface TicketVerification {

    record Valid(JoinTicket ticket) implements TicketVerification {
        public Valid {
            Objects.requireNonNull(ticket, "ticket");
        }
    }

    record Expired(JoinTicket ticket) implements TicketVerification {
        public Expired {
            Objects.requireNonNull(ticket, "ticket");
        }
    }

    final class Invalid implements TicketVerification {
        public static final Invalid INSTANCE = new Invalid();

        private Invalid() {
        }

        @Override
        public String toString() {
            return "Invalid";
        }
    }
}
