package com.groupgate.config;

import com.groupgate.aws.AwsClients;
import com.groupgate.secret.RotatingSecret;
import com.groupgate.secret.SecretValues;
import com.groupgate.secretsmanager.SecretsManagerSecret;
import java.time.Clock;
import java.util.Map;

/**
 * What a handler is built from: its settings, where AWS is, and the clock. Lambda builds
 * it from the process environment; {@code make run} and the tests build it from the
 * environment Lambda would give the function (template.yaml's variables, Lambda's own,
 * its role's credentials URI), with a fixed clock where time matters.
 */
public record Wiring(Config config, AwsClients aws, Clock clock) {

    public static Wiring fromEnvironment() {
        return fromEnvironment(System.getenv(), Clock.systemUTC());
    }

    /** Settings and clients from one function's environment. */
    public static Wiring fromEnvironment(Map<String, String> env, Clock clock) {
        return new Wiring(Config.fromEnvironment(env), AwsClients.fromEnvironment(env), clock);
    }

    public Wiring withClock(Clock other) {
        return new Wiring(config, aws, other);
    }

    /** The value CloudFront sends as {@code X-Origin-Verify}, current and previous; none without a secret. */
    public RotatingSecret originSecret() {
        return secret(config.originSecretArn());
    }

    /** The operator's admin key, current and previous; none without a secret. */
    public RotatingSecret adminKey() {
        return secret(config.adminKeySecretArn());
    }

    private RotatingSecret secret(String arn) {
        return arn == null || arn.isBlank() ? () -> SecretValues.NONE : new SecretsManagerSecret(aws, arn, clock);
    }

    /** This wiring with {@code aws} replaced (tests add interceptors). */
    public Wiring withAws(AwsClients other) {
        return new Wiring(config, other, clock);
    }
}
