package com.groupgate.designs;

import com.groupgate.campaign.PosterTemplate;
import com.groupgate.campaign.Posters;
import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Router;
import com.groupgate.id.CampaignId;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.image.ImageBucket;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.storage.campaign.CampaignTable;
import com.groupgate.storage.campaign.InviteTable;
import com.groupgate.telemetry.Log;
import com.groupgate.token.CodeKind;
import com.groupgate.token.ScanToken;
import com.groupgate.token.ScanUrl;
import com.groupgate.token.TokenCodec;
import com.groupgate.token.Verification;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;

/**
 * {@code GET /p/{token}/{file}}: a member's poster, as the edge asks for it ({@code posterUrl}
 * of the join). The path carries the member's own signed invite token and the poster's
 * version ({@link Posters}): a token that does not verify, is not an invite, names an invite
 * that is gone (erased) or a campaign without a template, or a version other than what the
 * poster shows now, is 404 — so no URL leads to another member's or tenant's poster without
 * that member's token.
 *
 * <p>Drawn once per member and version: the first request draws it, reads it back, stores
 * it (and names the file on the invite, for erasure); every later one, here or in another
 * container, serves the stored file. The answer may be kept a year by the edge and browsers
 * (the URL changes when the poster would), with its version as ETag.
 */
final class PosterRoutes {
    /** A poster's URL names its content: kept as long as anyone likes. */
    static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    private final SigningKeyTable keys;
    private final CampaignTable campaigns;
    private final InviteTable invites;
    private final ImageBucket images;
    private final PosterRenderer renderer;
    private final PosterNames names;
    private final String scanBase;
    private final Clock clock;

    PosterRoutes(SigningKeyTable keys, CampaignTable campaigns, InviteTable invites, ImageBucket images,
                 PosterRenderer renderer, PosterNames names, String scanBase, Clock clock) {
        this.names = names;
        this.keys = keys;
        this.campaigns = campaigns;
        this.invites = invites;
        this.images = images;
        this.renderer = renderer;
        this.scanBase = scanBase;
        this.clock = clock;
    }

    void register(Router router) {
        router.on("GET", "/p/{token}/{file}", this::poster);
    }

    private ApiResponse poster(ApiRequest request) {
        String text = request.pathParam("token");
        String file = request.pathParam("file");
        if (text == null || file == null || !file.endsWith(".png")
                || !Posters.wellFormedVersion(file.substring(0, file.length() - 4))) {
            throw RefusalException.notFound();
        }
        String version = file.substring(0, file.length() - 4);
        ScanToken token = invite(text);
        TenantId tenantId = token.tenant();
        CampaignId campaignId = new CampaignId(token.codeId());
        Id inviteId = token.targetId();
        PosterTemplate template = campaigns.findWithPoster(tenantId, campaignId).map(CampaignTable.WithPoster::poster)
                .orElseThrow(RefusalException::notFound);
        InviteTable.Named named = invites.named(tenantId, campaignId, inviteId).orElseThrow(RefusalException::notFound);
        if (!MessageDigest.isEqual(Posters.version(template, named.displayName()).getBytes(StandardCharsets.US_ASCII),
                version.getBytes(StandardCharsets.US_ASCII))) {
            throw RefusalException.notFound();
        }
        String etag = "\"" + version + "\"";
        if (etag.equals(request.header("if-none-match"))) {
            return new ApiResponse(304, Map.of("etag", etag, "cache-control", CACHE_CONTROL), null, false);
        }
        String key = Posters.posterKey(tenantId, campaignId, inviteId, version);
        byte[] png = images.find(key).orElseGet(() -> draw(tenantId, campaignId, inviteId, template, text,
                named.displayName(), key));
        return ApiResponse.binary(200, "image/png", png).withHeader("etag", etag)
                .withHeader("cache-control", CACHE_CONTROL);
    }

    /** The invite token in the path, verified: anything else is simply not found. */
    private ScanToken invite(String text) {
        var ring = keys.verifyingRing().orElseThrow(RefusalException::notFound);
        if (!(TokenCodec.verify(ring, text, clock.instant().getEpochSecond()) instanceof Verification.Valid valid)
                || valid.token().kind() != CodeKind.INVITE) {
            throw RefusalException.notFound();
        }
        return valid.token();
    }

    /**
     * Draws the poster with the QR of the very invite URL its path names, stores it, and
     * names it on the invite. Two first requests at once both draw and store the same bytes
     * under the same name: the poster is the same, once in the bucket.
     */
    private byte[] draw(TenantId tenantId, CampaignId campaignId, Id inviteId, PosterTemplate template, String token,
                        String name, String key) {
        names.check(tenantId, name);
        byte[] png = renderer.render(images.get(template.templateKey()), template.placement(),
                ScanUrl.scanUrl(scanBase, token), name);
        images.putPrivate(key, png, "image/png");
        if (!invites.recordPoster(tenantId, campaignId, inviteId, key)) {
            // Erased while it was drawn: nothing may keep the member's poster.
            images.delete(key);
            throw RefusalException.notFound();
        }
        Log.info("poster.drawn", Map.of("bytes", png.length));
        return png;
    }
}
