package com.groupgate.storage.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.webhook.WebhookUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one check registration and every send ask: number hosts are refused before any lookup. */
class AddressResolverTest {
    /** Answers every lookup with a public address, and remembers what it was asked. */
    private static final class PublicEverywhere extends AddressResolver {
        final List<String> asked = new ArrayList<>();

        @Override
        protected List<byte[]> resolve(String host) {
            asked.add(host);
            return List.of(new byte[] {(byte) 177, 0, 0, 1});
        }
    }

    @Test
    void anOctalHostJavaWouldReadAsPublicIsRefusedWithoutALookup() {
        PublicEverywhere resolver = new PublicEverywhere();
        Optional<String> refused = resolver.refusal(WebhookUrl.parse("https://0177.0.0.1/hook", false));
        assertTrue(refused.orElseThrow().contains("dotted quad"), refused.toString());
        assertEquals(List.of(), resolver.asked);
    }

    @Test
    void aNameIsStillResolvedAndJudged() {
        PublicEverywhere resolver = new PublicEverywhere();
        assertEquals(Optional.empty(), resolver.refusal(WebhookUrl.parse("https://hooks.example.com/in", false)));
        assertEquals(List.of("hooks.example.com"), resolver.asked);
    }
}
