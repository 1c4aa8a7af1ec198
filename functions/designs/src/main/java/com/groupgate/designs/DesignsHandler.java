package com.groupgate.designs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.groupgate.config.Config;
import com.groupgate.config.Wiring;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.EdgeGate;
import com.groupgate.http.ErrorResponses;
import com.groupgate.http.Router;
import com.groupgate.http.SecurityHeaders;
import com.groupgate.image.EdgeImages;
import com.groupgate.image.ImageBucket;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.storage.campaign.CampaignTable;
import com.groupgate.storage.campaign.InviteTable;
import com.groupgate.storage.code.CodeTable;
import com.groupgate.storage.live.LiveCodeTable;
import com.groupgate.storage.tenant.ApiKeyCache;
import com.groupgate.storage.tenant.ApiKeyTable;
import com.groupgate.storage.tenant.TenantAuthentication;
import com.groupgate.storage.tenant.TenantTable;
import com.groupgate.wordlist.WordListStore;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The designs function: a code's printable design (PNG, SVG, PDF) and the tenant's logo.
 * A function of its own so that PDFBox and the CJK font stay out of the scan and codes API
 * jars. Same edge check and API keys as the rest of {@code /v1}.
 */
public final class DesignsHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Router router = new Router();
    private final EdgeGate edge;

    public DesignsHandler() {
        this(Wiring.fromEnvironment());
    }

    public DesignsHandler(Wiring wiring) {
        this(wiring, new Designer(), new PosterRenderer());
    }

    /** @param designer how designs are rendered and read back (tests give it a damaged camera) */
    DesignsHandler(Wiring wiring, Designer designer) {
        this(wiring, designer, new PosterRenderer());
    }

    /**
     * @param designer how designs are rendered and read back (tests give it a damaged camera)
     * @param posters  how members' posters are drawn and read back (likewise)
     */
    DesignsHandler(Wiring wiring, Designer designer, PosterRenderer posters) {
        Config config = wiring.config();
        this.edge = EdgeGate.of(wiring);
        DynamoDbClient dynamo = wiring.aws().dynamo();
        ApiKeyTable apiKeys = new ApiKeyTable(dynamo, config.mainTable());
        TenantTable tenants = new TenantTable(dynamo, config.mainTable(), apiKeys, wiring.clock());
        TenantAuthentication auth = new TenantAuthentication(new ApiKeyCache(apiKeys, tenants, wiring.clock()));
        SigningKeyTable keys = new SigningKeyTable(dynamo, wiring.aws().kms(), config.mainTable(), config.keyId(),
                wiring.clock(), SigningKeyTable.REFRESH);
        ImageBucket images = new ImageBucket(wiring.aws(), config.imagesBucket());
        new DesignRoutes(auth, new CodeTable(dynamo, config.mainTable()), new LiveCodeTable(dynamo, config.mainTable()),
                new CodeUrls(keys, config.scanBaseUrl()), new TenantLogos(dynamo, config.mainTable(), images,
                wiring.clock()), designer, EdgeImages.onScanHost(config.scanBaseUrl()),
                new FrameTextFilter(new WordListStore(dynamo, config.mainTable(), images), wiring.clock()), wiring.clock())
                .register(router);
        new PosterRoutes(keys, new CampaignTable(dynamo, config.mainTable()), new InviteTable(dynamo, config.mainTable()),
                images, posters, new PosterNames(new WordListStore(dynamo, config.mainTable(), images), wiring.clock()),
                config.scanBaseUrl(), wiring.clock()).register(router);
    }

    /** Every route this function answers: what openapi.yaml describes for it. */
    public List<String> routes() {
        return router.routes();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        ApiResponse response = ErrorResponses.guard(() -> {
            ApiRequest request = ApiRequest.from(event);
            edge.admit(request);
            return router.dispatch(request);
        });
        return headers(response).toEvent();
    }

    /**
     * A design (200, 304) may be kept by the caller's browser and revalidated with its ETag
     * ({@code private, no-cache}); a member's poster by anyone for a year (its URL names its
     * content); every other answer is the API's: never stored.
     */
    private static ApiResponse headers(ApiResponse response) {
        String cacheControl = response.headers().get(SecurityHeaders.CACHE_CONTROL);
        if (DesignRoutes.CACHE_CONTROL.equals(cacheControl) || PosterRoutes.CACHE_CONTROL.equals(cacheControl)) {
            return response.withHeader(SecurityHeaders.CONTENT_TYPE_OPTIONS, "nosniff");
        }
        return SecurityHeaders.api(response);
    }
}
