package com.groupgate.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * An endpoint URL as a tenant may give it: absolute {@code https} (or, only where the local
 * runner allows it, {@code http} to a loopback address), a host, no user info, no fragment,
 * at most {@link #MAX_LENGTH} characters. Whether its host's addresses may be reached is
 * judged separately, on the addresses it resolves to ({@link #refusal}), at registration
 * and again before every attempt, since a name can resolve elsewhere by then.
 */
public record WebhookUrl(URI uri) {
    public static final int MAX_LENGTH = 2048;

    /** The URL written in {@code text}, or why it is not one a webhook may have. */
    public static WebhookUrl parse(String text, boolean allowLoopbackHttp) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("is required");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(scheme.equals("http") && allowLoopbackHttp)) {
            throw new IllegalArgumentException("must be an https URL");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("must not carry a user name or password");
        }
        if (uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must not carry a fragment");
        }
        return new WebhookUrl(uri);
    }

    public boolean isHttps() {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    /** The host to resolve, without IPv6 brackets. */
    public String host() {
        String h = uri.getHost();
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }

    /**
     * Why this URL may not be sent to when its host resolves to {@code addresses}, or empty
     * when it may: every address must be public, except that a plain {@code http} URL
     * (allowed only locally) must reach loopback addresses only.
     */
    public Optional<String> refusal(List<byte[]> addresses) {
        if (addresses.isEmpty()) {
            return Optional.of("its host does not resolve");
        }
        for (byte[] address : addresses) {
            if (!isHttps()) {
                if (!TargetAddress.isLoopback(address)) {
                    return Optional.of("must be an https URL");
                }
                continue;
            }
            Optional<TargetAddress.Refusal> r = TargetAddress.refusal(address);
            if (r.isPresent()) {
                return Optional.of("resolves to a " + r.get().text() + " address");
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
