package com.groupgate.auditlog;

import com.groupgate.audit.Actor;
import com.groupgate.audit.AuditEntry;
import java.util.Objects;

/**
 * The change a request is about to make, waiting to go into the log with its write. A route
 * names its change ({@link #next}) after authenticating and checking its input, just before
 * the write; {@link AuditedDynamoDb} then puts the entry into the same transaction as that
 * request's next DynamoDB write, and only a write that succeeds clears it. The handler
 * {@link #clear clears} what is left at the end of every request, so a route that refuses
 * before writing leaves nothing behind for the next request on the thread.
 *
 * <p>No AWS type here: routes name changes in the log's terms only.
 */
public final class AuditTrail {
    /** The operator's own log: changes that belong to no tenant (the signing keys). */
    public static final String OPERATOR_LOG = "operator";

    /**
     * One change as the log records it, before its index and time are known.
     *
     * @param logId the tenant id whose log takes the entry, or {@link #OPERATOR_LOG}
     */
    public record Change(String logId, Actor actor, String action, String target, String summary) {
        public Change {
            Objects.requireNonNull(logId, "logId");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(target, "target");
            summary = summary == null ? "" : clip(summary, AuditEntry.MAX_SUMMARY_LENGTH);
            target = clip(target, AuditEntry.MAX_TARGET_LENGTH);
        }

        private static String clip(String text, int max) {
            if (text.length() <= max) {
                return text;
            }
            int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
            return text.substring(0, end);
        }
    }

    private record Who(String logId, Actor actor) {
    }

    private final ThreadLocal<Change> pending = new ThreadLocal<>();
    private final ThreadLocal<Who> who = new ThreadLocal<>();

    /**
     * Who the request was authenticated as: the tenant whose log its changes go to (null
     * for the operator, who names a log with each change) and the actor.
     */
    public void actingAs(String logId, Actor actor) {
        who.set(new Who(logId, Objects.requireNonNull(actor, "actor")));
    }

    /** The request's next DynamoDB write carries this change, in the caller's tenant's log. */
    public void next(String action, String target, String summary) {
        Who w = who.get();
        if (w == null || w.logId() == null) {
            throw new IllegalStateException("an audited change needs an authenticated tenant; use nextIn for the operator");
        }
        pending.set(new Change(w.logId(), w.actor(), action, target, summary));
    }

    /** The request's next DynamoDB write carries this change, in {@code logId}'s log (the operator's changes). */
    public void nextIn(String logId, String action, String target, String summary) {
        Who w = who.get();
        if (w == null) {
            throw new IllegalStateException("an audited change needs an authenticated caller");
        }
        pending.set(new Change(logId, w.actor(), action, target, summary));
    }

    /** The change waiting for its write on this thread, or null. */
    Change pending() {
        return pending.get();
    }

    /** Forgets the change: its write succeeded. */
    void appended() {
        pending.remove();
    }

    /** Forgets the change and the caller: at the end of every request. */
    public void clear() {
        pending.remove();
        who.remove();
    }
}
