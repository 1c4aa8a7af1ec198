package com.groupgate.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every entity's id type: same text as {@link Id}, the same refusals, and no swapping. */
class EntityIdsTest {
    /** One entity's id type: how to parse it, make one, and read its text. */
    record Kind(String name, Function<String, Optional<?>> parse, Supplier<?> random, Function<Object, String> text) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Kind> kinds() {
        return List.of(
                new Kind("TenantId", TenantId::parse, TenantId::random, o -> ((TenantId) o).text()),
                new Kind("GroupId", GroupId::parse, GroupId::random, o -> ((GroupId) o).text()),
                new Kind("CodeId", CodeId::parse, CodeId::random, o -> ((CodeId) o).text()),
                new Kind("LiveCodeId", LiveCodeId::parse, LiveCodeId::random, o -> ((LiveCodeId) o).text()),
                new Kind("RequestId", RequestId::parse, RequestId::random, o -> ((RequestId) o).text()),
                new Kind("TicketId", TicketId::parse, TicketId::random, o -> ((TicketId) o).text()),
                new Kind("ApiKeyId", ApiKeyId::parse, ApiKeyId::random, o -> ((ApiKeyId) o).text()),
                new Kind("WebhookId", WebhookId::parse, WebhookId::random, o -> ((WebhookId) o).text()));
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void textParsesBackToTheSameIdAndReadsAsTheBareIdDoes(Kind kind) {
        Object id = kind.random().get();
        String text = kind.text().apply(id);
        assertEquals(Optional.of(id), kind.parse().apply(text));
        assertEquals(text, id.toString(), "keys are built by concatenation: toString must stay the text");
        assertEquals(Id.parse(text).orElseThrow().toString(), text);
        assertEquals(13, text.length());
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void parseRefusesWhatIsNotAnId(Kind kind) {
        for (String bad : new String[] {null, "", "abc", "aaaaaaaaaaaa", "aaaaaaaaaaaaaa", "AAAAAAAAAAAA!",
                "aaaaaaaaaaaa1", "aaaaaaaa aaaa", "../aaaaaaaaaa"}) {
            assertEquals(Optional.empty(), kind.parse().apply(bad), "refuses " + bad);
        }
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void randomIdsDiffer(Kind kind) {
        assertNotEquals(kind.random().get(), kind.random().get());
    }

    @org.junit.jupiter.api.Test
    void idsOfDifferentEntitiesWithTheSameValueAreNotEqual() {
        Id raw = Id.random();
        assertNotEquals(new TenantId(raw), new GroupId(raw));
        assertEquals(new TenantId(raw), TenantId.parse(raw.toString()).orElseThrow());
        assertTrue(new CodeId(raw).text().equals(raw.toString()));
    }

    @org.junit.jupiter.api.Test
    void noIdWrapsNothing() {
        assertThrows(NullPointerException.class, () -> new TenantId(null));
        assertThrows(NullPointerException.class, () -> new WebhookId(null));
    }
}
