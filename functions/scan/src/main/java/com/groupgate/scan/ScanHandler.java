package com.groupgate.scan;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.groupgate.campaign.DisplayName;
import com.groupgate.config.Config;
import com.groupgate.config.Wiring;
import com.groupgate.error.RefusalException;
import com.groupgate.fact.FactTable;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.EdgeGate;
import com.groupgate.http.ErrorResponses;
import com.groupgate.http.Json;
import com.groupgate.http.JsonFields;
import com.groupgate.http.Router;
import com.groupgate.http.SecurityHeaders;
import com.groupgate.image.S3GetSigner;
import com.groupgate.join.MemberRef;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.storage.campaign.CampaignTable;
import com.groupgate.storage.campaign.CreditTable;
import com.groupgate.storage.campaign.InviteTable;
import com.groupgate.storage.campaign.InviterProgress;
import com.groupgate.storage.code.CodeCache;
import com.groupgate.storage.code.CodeTable;
import com.groupgate.storage.code.ScanCounter;
import com.groupgate.storage.group.GroupCache;
import com.groupgate.storage.group.GroupTable;
import com.groupgate.storage.group.PoolGroups;
import com.groupgate.storage.join.JoinRequestTable;
import com.groupgate.storage.join.MemberTable;
import com.groupgate.storage.join.PasscodeTries;
import com.groupgate.storage.live.LiveCodeCache;
import com.groupgate.storage.live.LiveCodeTable;
import com.groupgate.storage.tenant.TenantPolicies;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The public scan and join routes: HTTP API events in, responses out. */
public final class ScanHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    /** The message catalogues, read when the handler class loads: in the SnapStart snapshot, not on a scan. */
    private static final List<Messages> CATALOGUES = Messages.ALL;

    private final Router router = new Router();
    private final EdgeGate edge;
    private final ScanService scans;
    private final JoinService joins;
    private final RequestStatusService statuses;
    private final ProgressService progress;
    private final EntryReveal reveal;
    private final LandingPage landingPage;
    private final String statusBase;

    public ScanHandler() {
        this(Wiring.fromEnvironment());
    }

    public ScanHandler(Wiring wiring) {
        Config config = wiring.config();
        this.edge = EdgeGate.of(wiring);
        DynamoDbClient dynamo = wiring.aws().dynamo();
        SigningKeyTable keys = new SigningKeyTable(dynamo, wiring.aws().kms(), config.mainTable(), config.keyId(),
                wiring.clock(), SigningKeyTable.REFRESH);
        CodeCache codes = new CodeCache(new CodeTable(dynamo, config.mainTable()));
        LiveCodeTable liveTable = new LiveCodeTable(dynamo, config.mainTable());
        PoolGroups pools = new PoolGroups(dynamo, config.mainTable());
        LiveCodeCache liveCodes = new LiveCodeCache(liveTable, pools, wiring.clock());
        GroupTable groups = new GroupTable(dynamo, config.mainTable());
        JoinRequestTable requests = new JoinRequestTable(dynamo, config.mainTable());
        TenantPolicies tenants = new TenantPolicies(dynamo, config.mainTable(), wiring.clock());
        CreditTable credits = new CreditTable(dynamo, config.mainTable());
        CampaignInvites invites = new CampaignInvites(new CampaignTable(dynamo, config.mainTable()),
                new InviteTable(dynamo, config.mainTable()), credits, config.scanBaseUrl(), wiring.clock());
        this.scans = new ScanService(keys, codes, new GroupCache(groups, wiring.clock()),
                new ScanCounter(dynamo, config.mainTable()),
                new FactTable(dynamo, config.mainTable(), tenants::factRetention), liveCodes, liveTable, tenants,
                edge.secret(), invites, wiring.clock());
        MemberTable members = new MemberTable(dynamo, config.mainTable());
        this.joins = new JoinService(keys, codes, groups, liveCodes, members,
                requests, new PasscodeTries(dynamo, config.mainTable()), scans, invites, wiring.clock());
        this.statuses = new RequestStatusService(keys, requests, members, groups, scans, invites, liveTable,
                wiring.clock());
        this.progress = new ProgressService(keys, invites, new InviterProgress(dynamo, config.mainTable(), credits),
                scans, wiring.clock());
        this.reveal = new EntryReveal(new S3GetSigner(wiring.aws(), config.imagesBucket(), wiring.clock()));
        this.landingPage = new LandingPage(reveal.imageOrigin());
        this.statusBase = statusBase(config.scanBaseUrl());
        for (String prefix : new String[] {"/S/", "/s/"}) {
            router.on("GET", prefix + "{token}", this::scan).on("POST", prefix + "{token}/join", this::join);
        }
        for (String prefix : new String[] {"/R/", "/r/"}) {
            router.on("GET", prefix + "{token}", this::requestStatus);
        }
        router.on("GET", "/P/{token}", this::inviteProgress);
    }

    /** Every route this function answers, as {@code "GET /S/{token}"}: what openapi.yaml describes. */
    public List<String> routes() {
        return router.routes();
    }

    /** Every answer, accepted or refused, JSON or HTML, carries the scan headers (never stored). */
    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return SecurityHeaders.scan(answer(ApiRequest.from(event))).toEvent();
    }

    private ApiResponse answer(ApiRequest request) {
        try {
            edge.admit(request);
            return router.dispatch(request);
        } catch (RefusalException e) {
            Messages lang = language(request);
            // The message in the caller's language: the landing page shows a join's refusal as it comes.
            ApiResponse json = ErrorResponses.of(new RefusalException(e.refusal(), lang.refusal(e), e.field(),
                    e.retryAfterSeconds()));
            if (wantsJson(request) || !"GET".equals(request.method())) {
                return json;
            }
            ApiResponse html = LandingPage.refused(json.status(), e, lang);
            return json.headers().containsKey("retry-after")
                    ? html.withHeader("retry-after", json.headers().get("retry-after")) : html;
        } catch (RuntimeException e) {
            return ErrorResponses.unexpected(e);
        }
    }

    private ApiResponse scan(ApiRequest request) {
        String token = request.pathParam("token");
        ScanService.Landing landing = scans.scan(new ScanService.Scan(token, request.headers(), request.sourceIp()));
        if (!wantsJson(request)) {
            return landingPage.accepted(token, landing, language(request));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "ok");
        out.put("codeId", landing.codeId().toString());
        out.put("group", Map.of("name", landing.groupName(), "joinPolicy", landing.joinPolicy().wireName()));
        out.put("joinTicket", landing.joinTicket());
        out.put("welcomeMessage", landing.welcomeMessage());
        return ApiResponse.json(200, out);
    }

    private ApiResponse join(ApiRequest request) {
        JsonFields body = JsonFields.of(Json.body(request), Set.of("joinTicket", "passcode", "memberRef",
                DisplayName.FIELD));
        String ticket = body.requiredString("joinTicket", 200);
        String passcode = body.string("passcode", 10);
        String memberRef = body.string("memberRef", 128);
        if (memberRef != null && !MemberRef.valid(memberRef)) {
            throw RefusalException.badField("memberRef", MemberRef.RULE);
        }
        String displayName = DisplayName.check(body.string(DisplayName.FIELD, 200));
        JoinService.Outcome outcome = joins.join(new JoinService.Request(
                new ScanService.Scan(request.pathParam("token"), request.headers(), request.sourceIp()),
                ticket, passcode, memberRef, displayName));
        Map<String, Object> out = new LinkedHashMap<>();
        if (!outcome.joined()) {
            out.put("status", "pending");
            out.put("requestId", outcome.requestId().toString());
            out.put("statusUrl", statusBase + statuses.issue(outcome.tenantId(), outcome.requestId()));
            return ApiResponse.json(202, out);
        }
        out.put("status", "joined");
        out.put("welcomeMessage", outcome.welcomeMessage());
        if (outcome.entry() != null) {
            out.put("entry", reveal.reveal(outcome.entry()));
        }
        if (outcome.invite() != null) {
            out.put("invite", outcome.invite().toJson());
        }
        return ApiResponse.json(200, out);
    }

    /** {@code GET /R/{token}}: a join request's status, and its group's entry once approved. */
    private ApiResponse requestStatus(ApiRequest request) {
        RequestStatusService.Status status = statuses.status(
                new ScanService.Scan(request.pathParam("token"), request.headers(), request.sourceIp()));
        Map<String, Object> revealed = status.entry() == null ? null : reveal.reveal(status.entry());
        if (!wantsJson(request)) {
            return landingPage.status(status, revealed, language(request));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", status.status());
        if (revealed != null) {
            out.put("entry", revealed);
        }
        if (status.entryExpired()) {
            out.put("entryExpired", true);
        }
        if (status.invite() != null) {
            out.put("invite", status.invite().toJson());
        }
        return ApiResponse.json(200, out);
    }

    /**
     * {@code GET /P/{token}}: an inviter's progress in a campaign, as JSON, or for a browser
     * (no {@code application/json} in Accept) a small page in the viewer's language.
     */
    private ApiResponse inviteProgress(ApiRequest request) {
        ProgressService.Progress p = progress.progress(request.pathParam("token"));
        if (!wantsJson(request)) {
            return ProgressPage.of(p, language(request));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("qualified", p.qualified());
        out.put("pending", p.pending());
        out.put("goal", p.goal());
        if (p.rewardCode() != null) {
            out.put("rewardCode", p.rewardCode());
        }
        return ApiResponse.json(200, out);
    }

    /** The scan base's {@code /S/} becomes {@code /R/}: status links live beside scan links, on the same host. */
    private static String statusBase(String scanBaseUrl) {
        if (scanBaseUrl == null || !scanBaseUrl.endsWith("/S/")) {
            throw new IllegalArgumentException("GROUPGATE_SCAN_BASE_URL must end in /S/, was " + scanBaseUrl);
        }
        return scanBaseUrl.substring(0, scanBaseUrl.length() - 3) + "/R/";
    }

    /** The scanner's language: the browser's Accept-Language, else WeChat's User-Agent, else English. */
    private static Messages language(ApiRequest request) {
        return LanguageChoice.of(request.header("accept-language"), request.header("user-agent"));
    }

    private static boolean wantsJson(ApiRequest request) {
        String accept = request.header("accept");
        return accept != null && accept.contains("application/json");
    }
}
