package com.groupgate.http;

import com.groupgate.hash.Sha256;
import java.util.Base64;
import java.util.Objects;

/**
 * The Content-Security-Policy of one kind of HTML page. Whatever a page allows itself,
 * every policy keeps the same floor: nothing by default, no plugins, no {@code <base>},
 * forms only to our own origin, never inside a frame; scripts and styles only from our
 * own origin or as the exact inline blocks named by their SHA-256 — never
 * {@code 'unsafe-inline'}, so text that slips into a page cannot run.
 *
 * @param header the header's value, as sent
 */
public record ContentSecurityPolicy(String header) {

    public ContentSecurityPolicy {
        Objects.requireNonNull(header, "header");
    }

    /**
     * A page's policy.
     *
     * @param scriptSrc the script sources: {@code 'self'}, {@code 'none'} or {@link #hashOf} values
     * @param styleSrc  the style sources, likewise
     */
    public static ContentSecurityPolicy of(String scriptSrc, String styleSrc) {
        return of(scriptSrc, styleSrc, "'self'");
    }

    /**
     * A page's policy that also shows images from elsewhere (the landing page shows a
     * revealed group QR picture from its presigned storage URL).
     *
     * @param imgSrc the image sources: {@code 'self'} and exact origins such as
     *               {@code https://bucket.s3.region.amazonaws.com}
     */
    public static ContentSecurityPolicy of(String scriptSrc, String styleSrc, String imgSrc) {
        requireSafe(scriptSrc, "scriptSrc");
        requireSafe(styleSrc, "styleSrc");
        requireSafe(imgSrc, "imgSrc");
        if (imgSrc.contains("*") || imgSrc.contains("data:")) {
            throw new IllegalArgumentException("imgSrc: exact origins only, was " + imgSrc);
        }
        return new ContentSecurityPolicy("default-src 'none'; script-src " + scriptSrc + "; style-src " + styleSrc
                + "; img-src " + imgSrc + "; connect-src 'self'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'; object-src 'none'");
    }

    /**
     * The source that allows exactly {@code inline}, the text between {@code <script>} and
     * {@code </script>} (or the style tags), byte for byte: {@code 'sha256-<base64>'}.
     */
    public static String hashOf(String inline) {
        return "'sha256-" + Base64.getEncoder().encodeToString(Sha256.of(inline)) + "'";
    }

    private static void requireSafe(String sources, String name) {
        if (sources == null || sources.isBlank() || sources.contains(";") || sources.contains("unsafe-")) {
            throw new IllegalArgumentException(name + ": sources without ';' or 'unsafe-*', was " + sources);
        }
    }
}
