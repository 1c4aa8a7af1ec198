package com.groupgate.config;

import com.groupgate.aws.AwsClients;
import java.time.Clock;

/**
 * What a handler is built from: its settings, where AWS is, and the clock. Lambda builds
 * it from the environment; {@code make run} and the tests build it for the emulator (and a
 * fixed clock where time matters).
 */
public record Wiring(Config config, AwsClients aws, Clock clock) {

    public static Wiring fromEnvironment() {
        return new Wiring(Config.fromEnvironment(), AwsClients.fromEnvironment(), Clock.systemUTC());
    }

    public Wiring withClock(Clock other) {
        return new Wiring(config, aws, other);
    }
}
