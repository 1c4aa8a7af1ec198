package com.groupgate.secretsmanager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.aws.AwsClients;
import com.groupgate.aws.SdkTimeouts;
import com.groupgate.localaws.EmulatorClients;
import com.groupgate.localaws.LocalAws;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;

/**
 * The adapter's reads against the emulator's Secrets Manager (as the operator): the current
 * value at once, the previous one when asked for, each kept at most five minutes, and never a
 * window in which the value CloudFront still sends is refused after a rotation.
 */
class SecretsManagerSecretIT {
    private static final LocalAws AWS = LocalAws.get();
    private static final EmulatorClients CLIENTS = EmulatorClients.of(AWS);
    private final MovingClock clock = new MovingClock();

    private static final class MovingClock extends Clock {
        private Instant now = Instant.now();

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    private SecretsManagerSecret secret(String arn) {
        AwsClients aws = new AwsClients(Region.of(LocalAws.REGION), AWS.operatorCredentials(), AWS.endpoint(),
                List.of(), SdkTimeouts.LAMBDA);
        return new SecretsManagerSecret(aws, arn, clock);
    }

    private static String create(String value) {
        return CLIENTS.secrets().createSecret(b -> b.name("s-" + UUID.randomUUID()).secretString(value)).arn();
    }

    private static void put(String arn, String value) {
        CLIENTS.secrets().putSecretValue(b -> b.secretId(arn).secretString(value));
    }

    @Test
    void aNeverRotatedSecretAcceptsItsValueOnly() {
        SecretsManagerSecret s = secret(create("first"));
        assertTrue(s.accepts("first"));
        assertFalse(s.accepts("firs"));
        assertFalse(s.accepts(null));
        assertEquals(List.of("first"), s.accepted().values());
    }

    @Test
    void theValueStillSentAfterARotationIsNeverRefused() {
        String arn = create("one");
        SecretsManagerSecret s = secret(arn);
        assertTrue(s.accepts("one"));
        clock.advance(Duration.ofMinutes(2));
        assertFalse(s.accepts("a-guess"), "reads the previous value (none) and keeps it longer than the current");
        put(arn, "two");
        assertTrue(s.accepts("one"), "at once");
        clock.advance(Duration.ofMinutes(3).plusSeconds(30));
        assertTrue(s.accepts("one"), "the current value read again is 'two', and 'one' is now the previous one");
        assertTrue(s.accepts("two"));
        assertEquals(List.of("two", "one"), s.accepted().values());

        put(arn, "three");
        clock.advance(SecretsManagerSecret.MAX_AGE);
        assertTrue(s.accepts("two"));
        assertTrue(s.accepts("three"));
        assertFalse(s.accepts("one"), "two rotations later");
    }

    @Test
    void aSecretThatCannotBeReadIsTheCallersFailure() {
        SecretsManagerSecret s = secret("arn:aws:secretsmanager:us-east-1:123456789012:secret:absent-AbCdEf");
        assertThrows(RuntimeException.class, () -> s.accepts("anything"));
    }
}
