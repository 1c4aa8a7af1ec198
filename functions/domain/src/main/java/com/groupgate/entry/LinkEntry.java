package com.groupgate.entry;

import com.groupgate.error.RefusalException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * An invite link ({@code https://chat.whatsapp.com/…}, {@code https://t.me/+…}, …): https
 * only, with a host, at most {@value #MAX_LENGTH} characters, no credentials in it; the
 * platform is read from the host.
 */
public record LinkEntry(String url, Platform platform, Instant expiry) implements Entry {
    public static final int MAX_LENGTH = 2048;

    public LinkEntry {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(platform, "platform");
    }

    /**
     * A link entry from what a tenant sent.
     *
     * @throws RefusalException naming {@code field} when it is not an https link
     */
    public static LinkEntry of(String text, Instant expiresAt, String field) {
        if (text == null || text.isBlank()) {
            throw RefusalException.badField(field, "required");
        }
        if (text.length() > MAX_LENGTH) {
            throw RefusalException.badField(field, "at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw RefusalException.badField(field, "not a link");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw RefusalException.badField(field, "must be an https link");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw RefusalException.badField(field, "must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw RefusalException.badField(field, "must not carry a user name or password");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return new LinkEntry(uri.toString(), Platform.ofHost(host), expiresAt);
    }

    @Override
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiry);
    }
}
