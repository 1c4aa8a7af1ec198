package com.groupgate.testkit;

import com.groupgate.localaws.EmulatorFaults;
import java.util.Map;

/**
 * Faults on one function's AWS calls only (rules match requests signed by its role), for
 * the fault-matrix tests; {@link #close()} clears every rule. A function under fault gets
 * short SDK timeouts ({@link #SHORT_TIMEOUTS}) so that a held answer is a timeout within
 * the test, as the deployed 2-second attempt timeout makes it.
 */
public final class FunctionFaults implements AutoCloseable {
    /** SDK timeouts for a function under test: attempts give up after 0.8 s, calls after 4 s. */
    public static final Map<String, String> SHORT_TIMEOUTS = Map.of(
            "GROUPGATE_SDK_ATTEMPT_TIMEOUT_MS", "800", "GROUPGATE_SDK_CALL_TIMEOUT_MS", "4000");
    /** How long a {@code TIMEOUT} fault holds the answer: past the short attempt timeout. */
    public static final long HOLD_MILLIS = 1500;

    private final EmulatorFaults faults;
    private final String role;

    private FunctionFaults(EmulatorFaults faults, String role) {
        this.faults = faults;
        this.role = role;
    }

    public static FunctionFaults of(String functionLogicalId) {
        TestDeployment aws = TestDeployment.get();
        return new FunctionFaults(aws.localAws().faults(), aws.resources().functionRole(functionLogicalId).name());
    }

    /** {@code kind} on the function's next {@code service:operation} call (widen with the rule's methods). */
    public EmulatorFaults.Rule on(String service, String operation, EmulatorFaults.Kind kind) {
        EmulatorFaults.Rule rule = EmulatorFaults.Rule.of(service, operation, kind).by(role);
        return kind == EmulatorFaults.Kind.TIMEOUT ? rule.delayMs(HOLD_MILLIS) : rule;
    }

    /** Arms {@code rule}; its id. */
    public String inject(EmulatorFaults.Rule rule) {
        return faults.add(rule);
    }

    public int fired(String id) {
        return faults.fired(id);
    }

    @Override
    public void close() {
        faults.clear();
    }
}
