package com.groupgate.http;

import com.groupgate.config.Config;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.scan.ClientContext;
import java.util.Set;

/**
 * Only the edge may call the functions. Deployed, CloudFront adds {@code X-Origin-Verify:
 * <secret>} to every request it forwards; a request without it came straight to the
 * execute-api URL, where geo rules see "country unknown" and every deny list passes. With
 * enforcement on, such a request is refused 403 {@code forbidden} before the handler does
 * anything else — no route, no key check, no AWS call — except the routes left open
 * (the codes API's {@code GET /health}, which load balancers and people probe directly).
 *
 * <p>The refusal names no field and no header: whoever calls the origin directly is not a
 * client to be helped.
 */
public final class EdgeGate {
    private final boolean enforced;
    private final String secret;
    private final Set<String> open;

    private EdgeGate(boolean enforced, String secret, Set<String> open) {
        this.enforced = enforced;
        this.secret = secret;
        this.open = Set.copyOf(open);
    }

    /**
     * The gate {@code config} asks for.
     *
     * @param openRoutes routes answered without the header, as {@code "GET /health"}
     * @throws IllegalStateException when enforcement is on without a secret: every request
     *                               would be refused, so the function refuses to start
     */
    public static EdgeGate of(Config config, String... openRoutes) {
        boolean enforced = config.requireOriginVerify();
        if (enforced && (config.originSecret() == null || config.originSecret().isEmpty())) {
            throw new IllegalStateException(Config.REQUIRE_ORIGIN_VERIFY
                    + " is true but GROUPGATE_ORIGIN_SECRET is empty: no request could pass");
        }
        return new EdgeGate(enforced, config.originSecret(), Set.of(openRoutes));
    }

    /**
     * Lets {@code request} through, or refuses it.
     *
     * @throws RefusalException 403 forbidden when enforcement is on, the route is not open
     *                          and {@code x-origin-verify} is missing or wrong
     */
    public void admit(ApiRequest request) {
        if (!enforced || open.contains(request.method() + " " + request.path())) {
            return;
        }
        if (!ClientContext.fromOurCloudFront(request.header(ClientContext.ORIGIN_VERIFY), secret)) {
            throw new RefusalException(Refusal.FORBIDDEN, "forbidden");
        }
    }
}
