package com.groupgate.image;

import com.groupgate.hash.Sha256;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Code images as the edge serves them: stored under a name made of their own bytes, so a
 * name never changes what it shows and browsers and CloudFront may keep it for a year, and
 * handed out as a plain URL on the scan host ({@code https://<host>/i/...}), which the
 * distribution serves from the private bucket. Nothing is presigned: a URL signed with a
 * function's temporary credentials would die with them, hours after it was handed out.
 *
 * <p>Names: {@code i/c/<tenant>/<sha256 of the PNG>.png} for a group code,
 * {@code i/l/<tenant>/<sha256>.png} for a live code. The kind decides the bucket's
 * lifecycle (a group code's image expires after its code can; a live code's never), the
 * tenant lets the tenant's deletion sweep them.
 */
public final class EdgeImages {
    /** What the edge serves: every code image, nothing else in the bucket. */
    public static final String PREFIX = "i/";
    /** Cache-Control of every code image: its name is its content. */
    public static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    /** Which lifecycle an image follows. */
    public enum Kind {
        /** Expires with the bucket's rule for {@code i/c/}, after any group code could. */
        GROUP_CODE("c"),
        /** Kept while the tenant is. */
        LIVE_CODE("l");

        private final String segment;

        Kind(String segment) {
            this.segment = segment;
        }

        String prefix(TenantId tenantId) {
            return PREFIX + segment + "/" + tenantId + "/";
        }
    }

    private final String origin;

    private EdgeImages(String origin) {
        this.origin = origin;
    }

    /**
     * Images served by the host of {@code scanBaseUrl} (uppercase for QR alphanumeric mode,
     * e.g. {@code HTTPS://GG.EXAMPLE.COM/S/}): its scheme and host, lowercased, at the root.
     */
    public static EdgeImages onScanHost(String scanBaseUrl) {
        URI uri = URI.create(Objects.requireNonNull(scanBaseUrl, "scanBaseUrl").toLowerCase(Locale.ROOT));
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            throw new IllegalArgumentException("scanBaseUrl: an absolute URL, was " + scanBaseUrl);
        }
        return new EdgeImages(uri.getScheme() + "://" + uri.getRawAuthority() + "/");
    }

    /** The image's name: the same bytes, the same name. */
    public static String key(Kind kind, TenantId tenantId, byte[] png) {
        return kind.prefix(tenantId) + Sha256.hex(png) + ".png";
    }

    /**
     * One upload of a tenant's logo: {@code i/l/<tenant>/logo-<sha256>-<upload>.<extension>},
     * beside its live codes' images, whose lifecycle it shares (swept with the tenant). Each
     * upload has a name of its own, even of the same bytes, so the upload that replaces it may
     * delete it without ever deleting a file another upload has just made current.
     */
    public static String logoKey(TenantId tenantId, byte[] bytes, Id upload, String extension) {
        return Kind.LIVE_CODE.prefix(tenantId) + "logo-" + Sha256.hex(bytes) + "-" + upload + "." + extension;
    }

    /**
     * The tenant's current logo under a name that stays: {@code i/l/<tenant>/logo}, which a
     * landing page shows without reading which logo is current (kept by browsers and the edge
     * for {@link #ALIAS_CACHE_CONTROL}, so a new logo shows within minutes).
     */
    public static String logoAliasKey(TenantId tenantId) {
        return Kind.LIVE_CODE.prefix(tenantId) + "logo";
    }

    /** Cache-Control of a name that is overwritten (the logo's alias): five minutes. */
    public static final String ALIAS_CACHE_CONTROL = "public, max-age=300";

    /** Where the edge serves {@code key} (a name {@link #key} made). */
    public String url(String key) {
        if (!key.startsWith(PREFIX)) {
            throw new IllegalArgumentException("the edge serves only " + PREFIX + "*, not " + key);
        }
        return origin + key;
    }

    /**
     * Where the edge serves a member's poster ({@code p/...}, {@link com.groupgate.campaign.Posters#path}):
     * through the designs function, which checks the invite in the path, not from the bucket.
     */
    public String posterUrl(String path) {
        if (!path.startsWith(com.groupgate.campaign.Posters.PATH)) {
            throw new IllegalArgumentException("posters are served under " + com.groupgate.campaign.Posters.PATH
                    + ", not " + path);
        }
        return origin + path;
    }

    /** Every prefix a tenant's code images are under. */
    public static List<String> tenantPrefixes(TenantId tenantId) {
        return List.of(Kind.GROUP_CODE.prefix(tenantId), Kind.LIVE_CODE.prefix(tenantId));
    }
}
