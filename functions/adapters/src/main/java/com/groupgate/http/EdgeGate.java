package com.groupgate.http;

import com.groupgate.config.Config;
import com.groupgate.config.Wiring;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.scan.ClientContext;
import com.groupgate.secret.RotatingSecret;
import com.groupgate.secret.SecretValues;
import java.util.Set;

/**
 * Only the edge may call the functions. Deployed, CloudFront adds {@code X-Origin-Verify:
 * <secret>} to every request it forwards (the secret's current value in Secrets Manager, or
 * its previous one until CloudFront is changed after a rotation); a request without it came straight to the
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
    private final RotatingSecret secret;
    private final Set<String> open;

    private EdgeGate(boolean enforced, RotatingSecret secret, Set<String> open) {
        this.enforced = enforced;
        this.secret = secret;
        this.open = Set.copyOf(open);
    }

    /**
     * The gate {@code wiring}'s settings ask for, checking the origin secret in Secrets
     * Manager (both its current and previous value, read on first use).
     *
     * @param openRoutes routes answered without the header, as {@code "GET /health"}
     * @throws IllegalStateException when enforcement is on without a secret: every request
     *                               would be refused, so the function refuses to start
     */
    public static EdgeGate of(Wiring wiring, String... openRoutes) {
        Config config = wiring.config();
        boolean enforced = config.requireOriginVerify();
        if (enforced && (config.originSecretArn() == null || config.originSecretArn().isBlank())) {
            throw new IllegalStateException(Config.REQUIRE_ORIGIN_VERIFY
                    + " is true but " + Config.ORIGIN_SECRET_ARN + " is empty: no request could pass");
        }
        return of(enforced, wiring.originSecret(), openRoutes);
    }

    /**
     * A gate checking {@code secret}.
     *
     * @throws IllegalStateException when enforcement is on without a secret
     */
    public static EdgeGate of(boolean enforced, RotatingSecret secret, String... openRoutes) {
        if (enforced && secret == null) {
            throw new IllegalStateException(Config.REQUIRE_ORIGIN_VERIFY + " is true without an origin secret");
        }
        return new EdgeGate(enforced, secret == null ? () -> SecretValues.NONE : secret, Set.of(openRoutes));
    }

    /** The secret this gate checks: what also decides whether viewer headers are believed. */
    public RotatingSecret secret() {
        return secret;
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
        String presented = request.header(ClientContext.ORIGIN_VERIFY);
        if (presented == null || !secret.accepts(presented)) {
            throw new RefusalException(Refusal.FORBIDDEN, "forbidden");
        }
    }
}
