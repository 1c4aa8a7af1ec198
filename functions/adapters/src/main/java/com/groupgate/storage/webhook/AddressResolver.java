package com.groupgate.storage.webhook;

import com.groupgate.webhook.WebhookUrl;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Whether a webhook URL may be sent to now: its host resolved (DNS, the one I/O here) and
 * every address judged by {@link WebhookUrl#refusal}. Asked at registration and again
 * before every attempt, since a name may resolve elsewhere by then (DNS rebinding). The
 * sender connects right after asking, and the JVM answers its own lookup from the address
 * cache this one filled (positive answers are kept 30 s), so it reaches an address judged
 * here.
 */
public class AddressResolver {
    /** The addresses {@code host} resolves to; empty when it does not. */
    protected List<byte[]> resolve(String host) {
        try {
            return Arrays.stream(InetAddress.getAllByName(host)).map(InetAddress::getAddress).toList();
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    /**
     * Why {@code url} may not be sent to now, or empty when it may. A host written as a
     * number in a form other than a dotted quad is refused before any lookup
     * ({@link WebhookUrl#hostRefusal}): the resolver would read some forms as another address.
     */
    public Optional<String> refusal(WebhookUrl url) {
        Optional<String> host = url.hostRefusal();
        return host.isPresent() ? host : url.refusal(resolve(url.host()));
    }
}
