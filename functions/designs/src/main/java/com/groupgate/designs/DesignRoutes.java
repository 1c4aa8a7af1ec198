package com.groupgate.designs;

import com.groupgate.code.Channel;
import com.groupgate.code.GroupCode;
import com.groupgate.entry.UploadedPicture;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.Router;
import com.groupgate.id.CodeId;
import com.groupgate.id.LiveCodeId;
import com.groupgate.image.EdgeImages;
import com.groupgate.live.LiveCode;
import com.groupgate.live.LiveCodeStatus;
import com.groupgate.storage.code.CodeTable;
import com.groupgate.storage.live.LiveCodeTable;
import com.groupgate.storage.tenant.TenantAuthentication;
import com.groupgate.tenant.Tenant;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code GET /v1/codes/{codeId}/image}, {@code GET /v1/live-codes/{liveCodeId}/image}: a
 * code's design; {@code PUT /v1/tenant/logo}: the tenant's logo for designs and landing pages.
 */
final class DesignRoutes {
    /** A logo's file, at most. */
    static final int MAX_LOGO_BYTES = 512 * 1024;
    /** A logo's side, at most, in pixels: sharp on a billboard's logo square, never a decompression bomb. */
    static final int MAX_LOGO_SIDE = 2048;
    /** Lets a browser keep a design it fetched with the tenant's key and ask again with If-None-Match. */
    static final String CACHE_CONTROL = "private, no-cache";

    private final TenantAuthentication auth;
    private final CodeTable codes;
    private final LiveCodeTable liveCodes;
    private final CodeUrls urls;
    private final TenantLogos logos;
    private final Designer designer;
    private final EdgeImages edge;
    private final FrameTextFilter frameTexts;
    private final Clock clock;

    DesignRoutes(TenantAuthentication auth, CodeTable codes, LiveCodeTable liveCodes, CodeUrls urls, TenantLogos logos,
                 Designer designer, EdgeImages edge, FrameTextFilter frameTexts, Clock clock) {
        this.auth = auth;
        this.codes = codes;
        this.liveCodes = liveCodes;
        this.urls = urls;
        this.logos = logos;
        this.designer = designer;
        this.edge = edge;
        this.frameTexts = frameTexts;
        this.clock = clock;
    }

    void register(Router router) {
        router.on("GET", "/v1/codes/{codeId}/image", this::codeImage)
                .on("GET", "/v1/live-codes/{liveCodeId}/image", this::liveCodeImage)
                .on("PUT", "/v1/tenant/logo", this::putLogo);
    }

    private ApiResponse codeImage(ApiRequest request) {
        Tenant tenant = auth.caller(request).tenant();
        DesignQuery query = DesignQuery.of(request);
        GroupCode code = codes.find(tenant.tenantId(), id(request.pathParam("codeId"), CodeId::parse))
                .orElseThrow(RefusalException::notFound);
        switch (code.statusAt(clock.instant())) {
            case REVOKED -> throw new RefusalException(Refusal.REVOKED, "the code is revoked");
            case SUPERSEDED -> throw new RefusalException(Refusal.SUPERSEDED,
                    "the code was refreshed as " + code.supersededBy() + "; print that one");
            case EXPIRED -> throw new RefusalException(Refusal.EXPIRED, "the code has expired");
            default -> {
            }
        }
        return serve(request, tenant, query, urls.of(code), code.groupName(),
                code.label() != null ? code.label() : Channel.textOrNull(code.channel()));
    }

    private ApiResponse liveCodeImage(ApiRequest request) {
        Tenant tenant = auth.caller(request).tenant();
        DesignQuery query = DesignQuery.of(request);
        LiveCode code = liveCodes.find(tenant.tenantId(), id(request.pathParam("liveCodeId"), LiveCodeId::parse))
                .orElseThrow(RefusalException::notFound);
        if (code.status() == LiveCodeStatus.REVOKED) {
            throw new RefusalException(Refusal.REVOKED, "the live code is revoked");
        }
        return serve(request, tenant, query, urls.of(code), code.name(), Channel.textOrNull(code.channel()));
    }

    private ApiResponse serve(ApiRequest request, Tenant tenant, DesignQuery query, String scanUrl, String name,
                              String label) {
        Designer.LogoPicture logo = null;
        if (query.logo()) {
            TenantLogos.Logo stored = logos.find(tenant.tenantId()).orElseThrow(() -> new RefusalException(
                    Refusal.NO_LOGO, "logo: this tenant has no logo yet; upload one with PUT /v1/tenant/logo", "logo",
                    -1));
            TenantLogos.Stored read = logos.file(tenant.tenantId(), stored);
            logo = new Designer.LogoPicture(read.file(), read.logo().contentType(), read.logo().imageKey());
        }
        String frame = query.frame() == null ? null : frameText(request, tenant, query, scanUrl);
        Designer.Content content = new Designer.Content(scanUrl, logo, frame, name, label);
        String etag = Designer.etag(query, content);
        if (etag.equals(request.header("if-none-match"))) {
            return new ApiResponse(304, Map.of("etag", etag, "cache-control", CACHE_CONTROL), null, false);
        }
        Designer.Design design = designer.render(query, content);
        return ApiResponse.binary(200, design.contentType(), design.bytes()).withHeader("etag", etag)
                .withHeader("cache-control", CACHE_CONTROL);
    }

    /**
     * The request's own frame text, when it reads on this design and passes the word lists;
     * else the call to action in the tenant's language.
     */
    private String frameText(ApiRequest request, Tenant tenant, DesignQuery query, String scanUrl) {
        String own = FrameTextParam.of(request);
        if (own == null) {
            return FrameTexts.forZone(tenant.timezone());
        }
        FrameFit.require(query, scanUrl, own);
        frameTexts.check(tenant.tenantId(), FrameTextParam.FIELD, own);
        return own;
    }

    private ApiResponse putLogo(ApiRequest request) {
        Tenant tenant = auth.caller(request).tenant();
        // Judged by its header before any pixel is decoded, as entry pictures are.
        UploadedPicture picture = UploadedPicture.check(request.header("content-type"), request::bodyBytes, MAX_LOGO_BYTES);
        byte[] file = picture.file();
        String contentType = picture.contentType();
        int[] side = {picture.width(), picture.height()};
        if (side[0] > MAX_LOGO_SIDE || side[1] > MAX_LOGO_SIDE) {
            throw RefusalException.badField("body", "a logo is at most " + MAX_LOGO_SIDE + " pixels on a side, this one is "
                    + side[0] + " x " + side[1]);
        }
        try {
            new Designer.LogoPicture(file, contentType, "upload").image();
        } catch (RuntimeException e) {
            throw new RefusalException(Refusal.UNSUPPORTED_MEDIA_TYPE, "body: the picture cannot be decoded", "body", -1);
        }
        TenantLogos.Logo stored = logos.store(tenant.tenantId(), file, contentType);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("logoUrl", edge.url(stored.imageKey()));
        out.put("contentType", stored.contentType());
        out.put("bytes", file.length);
        out.put("width", side[0]);
        out.put("height", side[1]);
        return ApiResponse.json(200, out);
    }

    /** An id from the path; anything that is not an id is simply not found. */
    private static <T> T id(String text, Function<String, Optional<T>> parse) {
        return parse.apply(text).orElseThrow(RefusalException::notFound);
    }
}
