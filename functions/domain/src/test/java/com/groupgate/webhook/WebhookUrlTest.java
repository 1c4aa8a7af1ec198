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

    @ParameterizedTest
    @ValueSource(strings = {"https://0177.0.0.1/x", "https://2130706433/x", "https://0x7f000001/x",
        "https://0X7F000001/x", "https://017700000001/x", "https://1.1.1.01/x", "https://16843009/x",
        "https://0x/x"})
    void aHostWrittenAsANumberInAnyFormButADottedQuadIsRefusedWhateverItResolvesTo(String text) {
        WebhookUrl url = WebhookUrl.parse(text, false);
        assertEquals(Optional.of("its host is a number not written as a dotted quad (a.b.c.d)"), url.hostRefusal(),
                text);
        assertTrue(url.refusal(addresses("8.8.8.8")).isPresent(), text + " is refused even where it resolves public");
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://0x7f.1/x", "https://127.1/x", "https://127.0.0.1./x", "https://1.1.1.1./x",
        "https://example.0x1/x", "https://256.1.1.1/x", "https://1.1.1.1.1/x", "https://0x01.1.1.1/x"})
    void shortAndTrailingDotNumberHostsAreNoUrlAtAll(String text) {
        assertThrows(IllegalArgumentException.class, () -> WebhookUrl.parse(text, false), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://1.1.1.1/x", "https://8.8.8.8:8443/x", "https://0.0.0.0/x", "https://hooks.example.com/x",
        "https://1password.com/x", "https://123.example/x", "https://[2606:4700:4700::1111]/x", "https://example.com./x"})
    void dottedQuadsAndNamesAreJudgedByTheirAddresses(String text) {
        assertEquals(Optional.empty(), WebhookUrl.parse(text, false).hostRefusal(), text);
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
