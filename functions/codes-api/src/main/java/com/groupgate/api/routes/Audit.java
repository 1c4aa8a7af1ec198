package com.groupgate.api.routes;

import com.groupgate.auditlog.AuditTrail;
import com.groupgate.auditlog.AuditedDynamoDb;
import com.groupgate.http.JsonFields;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a route says about its change before writing it: one line,
 * {@code audit.change("group.create", "group/" + id, "name \"Class 3\"")}, after the caller
 * is authenticated and the input checked. The change's write then carries the entry
 * ({@link com.groupgate.auditlog.AuditedDynamoDb}). Summaries never carry secrets, keys,
 * entry links or member references.
 */
public final class Audit {
    private final AuditTrail trail;
    private final AuditedDynamoDb dynamo;

    public Audit(AuditTrail trail, AuditedDynamoDb dynamo) {
        this.trail = trail;
        this.dynamo = dynamo;
    }

    /** A change by the authenticated tenant key, in its tenant's log. */
    void change(String action, String target, String summary) {
        trail.next(action, target, summary);
    }

    /**
     * A change of many writes (or none), logged now as an entry of its own, before them: for
     * changes that are safe to repeat until done, so an entry without all its writes only
     * says the change was asked for.
     */
    void record(String action, String target, String summary) {
        trail.next(action, target, summary);
        dynamo.appendPending();
    }

    /** A change by the operator, in {@code logId}'s log (a tenant's id, or {@link AuditTrail#OPERATOR_LOG}). */
    void changeIn(String logId, String action, String target, String summary) {
        trail.nextIn(logId, action, target, summary);
    }

    /** "changed name, capacity": which of {@code names} the body sets, never their values. */
    static String changed(JsonFields body, String... names) {
        return "changed " + Arrays.stream(names).filter(body::has).collect(Collectors.joining(", "));
    }

    /** JSON-ish quoting for names in summaries. */
    static String quoted(String text) {
        return "\"" + text + "\"";
    }
}
