package com.groupgate.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.scan.IpAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookUrlTest {
    private static List<byte[]> addresses(String... text) {
        return java.util.Arrays.stream(text).map(IpAddress::parseOrNull).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/hook", "ftp://example.com/", "example.com/hook", "https:///x",
        "https://user:pw@example.com/", "https://example.com/#x", "javascript:alert(1)"})
    void onlyAbsoluteHttpsUrlsWithAHostAreTaken(String url) {
        assertThrows(IllegalArgumentException.class, () -> WebhookUrl.parse(url, false), url);
    }

    @Test
    void httpIsTakenOnlyWhereTheLocalRunnerAllowsItAndOnlyToLoopback() {
        WebhookUrl local = WebhookUrl.parse("http://127.0.0.1:8080/hook", true);
        assertEquals(Optional.empty(), local.refusal(addresses("127.0.0.1")));
        assertEquals(Optional.of("must be an https URL"), local.refusal(addresses("8.8.8.8")));
        assertThrows(IllegalArgumentException.class, () -> WebhookUrl.parse("http://127.0.0.1:8080/hook", false));
    }

    @Test
    void everyResolvedAddressMustBePublic() {
        WebhookUrl url = WebhookUrl.parse("https://hooks.example.com/in", false);
        assertEquals(Optional.empty(), url.refusal(addresses("8.8.8.8", "2606:4700:4700::1111")));
        assertTrue(url.refusal(addresses("8.8.8.8", "10.0.0.5")).orElseThrow().contains("private"));
        assertTrue(url.refusal(List.of()).isPresent(), "a host that does not resolve is refused");
        assertEquals("::1", WebhookUrl.parse("https://[::1]/x", false).host());
    }
}
