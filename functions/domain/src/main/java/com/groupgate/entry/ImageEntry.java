package com.groupgate.entry;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The platform's own group QR picture (a WeChat group's QR code), stored privately and
 * handed out presigned: {@code payload} is what the picture decodes to, and its host names
 * the platform. A WeChat group QR ({@code https://weixin.qq.com/g/…}) works for 7 days,
 * so such an entry expires 7 days after upload unless the tenant says otherwise.
 *
 * @param imageKey    the picture's object key in the private bucket
 * @param contentType {@code image/png} or {@code image/jpeg}
 */
public record ImageEntry(String payload, Platform platform, String imageKey, String contentType, Instant expiry)
        implements Entry {
    /** How long a WeChat group QR code admits joiners. */
    public static final Duration WECHAT_GROUP_QR_LIFETIME = Duration.ofDays(7);

    public ImageEntry {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(imageKey, "imageKey");
        Objects.requireNonNull(contentType, "contentType");
    }

    /**
     * The entry for a decoded picture uploaded at {@code uploadedAt}: its platform from the
     * payload's host, its expiry {@code expiresAt} when given, else 7 days for a WeChat group QR.
     */
    public static ImageEntry of(String payload, String imageKey, String contentType, Instant uploadedAt,
                                Instant expiresAt) {
        Platform platform = Platform.ofHost(host(payload));
        Instant expiry = expiresAt != null ? expiresAt
                : isWeChatGroupQr(payload) ? uploadedAt.plus(WECHAT_GROUP_QR_LIFETIME) : null;
        return new ImageEntry(payload, platform, imageKey, contentType, expiry);
    }

    /** {@code weixin.qq.com/g/…}: what a WeChat group's own QR code holds. */
    static boolean isWeChatGroupQr(String payload) {
        URI uri = uri(payload);
        return uri != null && "weixin.qq.com".equalsIgnoreCase(uri.getHost()) && uri.getPath() != null
                && uri.getPath().startsWith("/g/");
    }

    private static String host(String payload) {
        URI uri = uri(payload);
        return uri == null ? null : uri.getHost();
    }

    private static URI uri(String payload) {
        try {
            URI uri = new URI(payload.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return scheme.equals("https") || scheme.equals("http") ? uri : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    @Override
    public Optional<Instant> expiresAt() {
        return Optional.ofNullable(expiry);
    }
}
