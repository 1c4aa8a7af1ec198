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
     * Why this URL's host may not be sent to whatever it resolves to, or empty: a host written
     * as a number in any form but the canonical dotted quad. Browsers (WHATWG URL), curl and
     * libc read {@code 0177.0.0.1} as octal 127.0.0.1, {@code 0x7f.1}, {@code 127.1},
     * {@code 2130706433} and {@code 0x7f000001} as 127.0.0.1, while Java's resolver reads
     * {@code 0177.0.0.1} as the public 177.0.0.1: judging such a host by what one reader makes
     * of it lets another reach a loopback or private address. A host whose last label is a
     * number (decimal, or hex after {@code 0x}) is a number host; only four decimal parts of
     * 0-255 without leading zeros and without a trailing dot are taken, and then judged by
     * their addresses as any host.
     */
    public Optional<String> hostRefusal() {
        String host = host().toLowerCase(Locale.ROOT);
        if (host.contains(":")) {
            return Optional.empty(); // IPv6, bracketed: judged by its address
        }
        String[] labels = host.split("\\.", -1);
        String last = labels[labels.length - 1];
        if (last.isEmpty() && labels.length > 1) {
            last = labels[labels.length - 2]; // a trailing dot
        }
        if (!isNumber(last)) {
            return Optional.empty();
        }
        return isCanonicalDottedQuad(host) ? Optional.empty()
                : Optional.of("its host is a number not written as a dotted quad (a.b.c.d)");
    }

    private static boolean isNumber(String label) {
        if (label.startsWith("0x")) {
            return label.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0);
        }
        return !label.isEmpty() && label.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isCanonicalDottedQuad(String host) {
        String[] parts = host.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')
                    || (part.length() > 1 && part.charAt(0) == '0') || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * Why this URL may not be sent to when its host resolves to {@code addresses}, or empty
     * when it may: the host must not be a number in another form than a dotted quad
     * ({@link #hostRefusal}); every address must be public, except that a plain {@code http}
     * URL (allowed only locally) must reach loopback addresses only.
     */
    public Optional<String> refusal(List<byte[]> addresses) {
        Optional<String> host = hostRefusal();
        if (host.isPresent()) {
            return host;
        }
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
