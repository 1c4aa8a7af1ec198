package com.groupgate.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CreditRulesTest {
    private static final Instant T = Instant.parse("2026-12-06T08:00:00Z");

    @Test
    void theSameAddressHashAndDeviceWithinADayIsTheInviterAgain() {
        assertTrue(CreditRules.sameViewer("h1", "phone", T, "h1", "phone", T.plus(Duration.ofHours(24))));
        assertFalse(CreditRules.sameViewer("h1", "phone", T, "h1", "phone", T.plus(Duration.ofHours(24)).plusSeconds(1)));
        assertFalse(CreditRules.sameViewer("h1", "phone", T, "h1", "desktop", T), "another device class");
        assertFalse(CreditRules.sameViewer("h1", "phone", T, "h2", "phone", T), "another address");
        assertFalse(CreditRules.sameViewer(null, "phone", T, null, "phone", T), "unknown addresses match nothing");
    }

    @Test
    void theBoardRanksMoreQualifiedFirstThenWhoReachedTheCountFirst() {
        List<String> keys = new ArrayList<>(List.of(
                CreditRules.boardSort(2, T.plusSeconds(5), "late-two"),
                CreditRules.boardSort(3, T.plusSeconds(9), "three"),
                CreditRules.boardSort(2, T.plusSeconds(1), "early-two"),
                CreditRules.boardSort(0, T, "none")));
        keys.sort(null);
        assertEquals(List.of("three", "early-two", "late-two", "none"),
                keys.stream().map(k -> k.substring(k.lastIndexOf('#') + 1)).toList());
    }

    @Test
    void kFactorIsQualifiedPerInviteIssued() {
        assertEquals(0.0, CreditRules.kFactor(0, 0));
        assertEquals(0.6667, CreditRules.kFactor(3, 2));
        assertEquals(1.5, CreditRules.kFactor(2, 3));
    }

    @Test
    void generationsCountInviteesByTheirDepth() {
        Map<String, String> inviterOf = Map.of("bob", "alice", "carol", "bob", "dave", "bob", "erin", "carol",
                "frank", "alice");
        assertEquals(List.of(new CreditRules.Generation(1, 2), new CreditRules.Generation(2, 2),
                new CreditRules.Generation(3, 1)), CreditRules.generations(inviterOf));
    }

    @Test
    void aLoopInStoredLinksEndsInsteadOfSpinning() {
        assertEquals(2, CreditRules.generations(Map.of("a", "b", "b", "a")).stream()
                .mapToLong(CreditRules.Generation::members).sum());
    }

    @Test
    void aCreditQualifiesTheDelayAfterTheJoin() {
        assertEquals(T.plus(Duration.ofMinutes(60)), CreditRules.qualifiesAt(T, 60));
    }
}
