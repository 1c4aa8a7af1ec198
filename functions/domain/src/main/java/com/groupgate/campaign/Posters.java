package com.groupgate.campaign;

import com.groupgate.hash.Sha256;
import com.groupgate.id.CampaignId;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where posters are and what names them. Both live in the images bucket under
 * {@code posters/<tenant>/}, outside what the edge reads from the bucket ({@code i/}): a
 * template is the tenant's upload, and a member's poster is handed out only through the
 * designs function, which checks the signed invite in its URL first.
 *
 * <ul>
 * <li>template: {@code posters/<tenant>/<campaign>/template-<sha256>.png|jpg};
 * <li>a member's poster: {@code posters/<tenant>/<campaign>/<invite>/<version>.png}, where the
 *     version is {@link #version}: the same template, placement and name, the same file, so it
 *     is drawn once per member and stays until the member is erased or the tenant deleted.
 * </ul>
 *
 * <p>A poster's URL on the edge is {@code /p/<invite token>/<version>.png}: the invite token
 * is the member's own signed invite (the one in {@code inviteUrl}; no one else can make one
 * for another member or tenant), and the version changes whenever what the poster shows
 * does, so the edge may keep every URL for a year.
 */
public final class Posters {
    /** Changes whenever a poster's pixels would change for the same inputs. */
    public static final String RENDERER_VERSION = "1";
    /** The edge path posters are served under. */
    public static final String PATH = "p/";
    private static final String PREFIX = "posters/";
    private static final Pattern VERSION = Pattern.compile("[0-9a-f]{32}");

    private Posters() {
    }

    /** Where a template picture is stored: named by its bytes. */
    public static String templateKey(TenantId tenantId, CampaignId campaignId, byte[] picture, String contentType) {
        return campaignPrefix(tenantId, campaignId) + "template-" + Sha256.hex(picture)
                + ("image/png".equals(contentType) ? ".png" : ".jpg");
    }

    /**
     * What a member's poster shows, as 32 hex digits (128 bits of SHA-256): the renderer, the
     * template's file, the placement and the display name (empty: none).
     */
    public static String version(PosterTemplate template, String displayName) {
        Objects.requireNonNull(template, "template");
        return Sha256.hexPrefix(String.join("\0", "poster", RENDERER_VERSION, template.templateKey(),
                template.placement().canonical(), displayName == null ? "" : displayName)
                .getBytes(StandardCharsets.UTF_8), 16);
    }

    /** Whether {@code text} could be a {@link #version}. */
    public static boolean wellFormedVersion(String text) {
        return text != null && VERSION.matcher(text).matches();
    }

    /** Where a member's poster of {@code version} is stored. */
    public static String posterKey(TenantId tenantId, CampaignId campaignId, Id inviteId, String version) {
        return invitePrefix(tenantId, campaignId, inviteId) + version + ".png";
    }

    /** Every poster of one member's invite. */
    public static String invitePrefix(TenantId tenantId, CampaignId campaignId, Id inviteId) {
        return campaignPrefix(tenantId, campaignId) + inviteId + "/";
    }

    /** Every template and poster of the tenant: what its deletion sweeps. */
    public static String tenantPrefix(TenantId tenantId) {
        return PREFIX + tenantId.text() + "/";
    }

    /** The edge path of a poster, after the origin: {@code p/<invite token>/<version>.png}. */
    public static String path(String inviteToken, String version) {
        return PATH + inviteToken + "/" + version + ".png";
    }

    private static String campaignPrefix(TenantId tenantId, CampaignId campaignId) {
        return tenantPrefix(tenantId) + campaignId.text() + "/";
    }
}
