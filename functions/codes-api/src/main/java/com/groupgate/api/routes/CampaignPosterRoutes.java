package com.groupgate.api.routes;

import com.groupgate.api.edge.Authenticator;
import com.groupgate.campaign.Campaign;
import com.groupgate.campaign.PosterPlacement;
import com.groupgate.campaign.PosterTemplate;
import com.groupgate.campaign.Posters;
import com.groupgate.entry.UploadedPicture;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Router;
import com.groupgate.id.CampaignId;
import com.groupgate.image.ImageBucket;
import com.groupgate.storage.campaign.CampaignPosters;
import com.groupgate.storage.campaign.CampaignTable;
import com.groupgate.tenant.Tenant;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * {@code PUT /v1/campaigns/{campaignId}/poster}: the campaign's poster template — a PNG or
 * JPEG picture (the body) and where each member's invite code and display name go on it
 * (the query). Everything is checked before anything is written: the type by its magic
 * bytes, the size by the picture's header before any pixel is decoded (as entry pictures
 * are), then the whole picture decoded once, and the placement against its size. The file
 * goes to the images bucket under its content's hash, the placement onto the campaign's
 * item (with the audit entry). Members' posters are drawn from it by the designs function.
 */
public final class CampaignPosterRoutes {
    /** A template's file, at most. */
    static final int MAX_BYTES = 2 * 1024 * 1024;
    /** A template's sides, in pixels: room for a phone poster (750 × 1334) up to a print A4 at 170 dpi. */
    static final int MIN_SIDE = 300;
    static final int MAX_SIDE = 2048;

    private final Authenticator auth;
    private final CampaignTable campaigns;
    private final CampaignPosters posters;
    private final ImageBucket images;
    private final Clock clock;
    private final Audit audit;

    public CampaignPosterRoutes(Authenticator auth, CampaignTable campaigns, CampaignPosters posters, ImageBucket images,
                                Clock clock, Audit audit) {
        this.auth = auth;
        this.campaigns = campaigns;
        this.posters = posters;
        this.images = images;
        this.clock = clock;
        this.audit = audit;
    }

    public void register(Router router) {
        router.on("PUT", "/v1/campaigns/{campaignId}/poster", this::put);
    }

    private ApiResponse put(ApiRequest request) {
        Tenant tenant = auth.tenant(request);
        Campaign campaign = campaigns.find(tenant.tenantId(), Views.id(request.pathParam("campaignId"),
                CampaignId::parse)).orElseThrow(RefusalException::notFound);
        if (!campaign.activeAt(clock.instant())) {
            throw new RefusalException(Refusal.CONFLICT, "status: the campaign has ended", "status", -1);
        }
        UploadedPicture picture = UploadedPicture.check(request.header("content-type"), request::bodyBytes, MAX_BYTES);
        byte[] file = picture.file();
        String contentType = picture.contentType();
        int[] side = {picture.width(), picture.height()};
        if (side[0] < MIN_SIDE || side[1] < MIN_SIDE || side[0] > MAX_SIDE || side[1] > MAX_SIDE) {
            throw RefusalException.badField("body", "a poster template is " + MIN_SIDE + ".." + MAX_SIDE
                    + " pixels on each side, this one is " + side[0] + " x " + side[1]);
        }
        PosterPlacement placement = PosterPlacement.of(request::queryParam, side[0], side[1]);
        decodes(file);
        PosterTemplate template = new PosterTemplate(Posters.templateKey(tenant.tenantId(), campaign.campaignId(), file,
                contentType), contentType, side[0], side[1], placement);
        images.putPrivate(template.templateKey(), file, contentType);
        audit.change("campaign.poster", "campaign/" + campaign.campaignId(), contentType + ", " + file.length
                + " bytes, " + side[0] + " x " + side[1]);
        if (!posters.put(tenant.tenantId(), campaign.campaignId(), template)) {
            // Ended or deleted since it was read: the file stays content-addressed under the tenant, swept with it.
            throw new RefusalException(Refusal.CONFLICT, "status: the campaign has ended", "status", -1);
        }
        return ApiResponse.json(200, view(campaign, template));
    }

    /** The whole picture decodes (its header may be fine and its data not). */
    private static void decodes(byte[] file) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(file));
            if (image == null) {
                throw new IOException("no reader");
            }
        } catch (IOException | RuntimeException e) {
            throw new RefusalException(Refusal.UNSUPPORTED_MEDIA_TYPE, "body: the picture cannot be decoded", "body", -1);
        }
    }

    static Map<String, Object> view(Campaign campaign, PosterTemplate t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("campaignId", campaign.campaignId().text());
        out.put("contentType", t.contentType());
        out.put("width", t.width());
        out.put("height", t.height());
        PosterPlacement p = t.placement();
        out.put("qrX", p.qrX());
        out.put("qrY", p.qrY());
        out.put("qrSize", p.qrSize());
        out.put("nameX", p.nameX());
        out.put("nameY", p.nameY());
        out.put("nameSize", p.nameSize());
        out.put("nameColor", p.nameColor().hex());
        return out;
    }
}
