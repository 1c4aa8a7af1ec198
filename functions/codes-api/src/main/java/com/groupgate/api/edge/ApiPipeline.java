package com.groupgate.api.edge;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.groupgate.auditlog.AuditTrail;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.EdgeGate;
import com.groupgate.http.ErrorResponses;
import com.groupgate.http.Router;
import com.groupgate.http.SecurityHeaders;

/**
 * One API request through a tenant-facing function (the codes API, the audit function):
 * the edge's check, the key's scope, the route; every refusal as the error shape; and the
 * request's audit trail forgotten at the end, whatever happened; every answer, refusals
 * included, with {@link SecurityHeaders#api}.
 */
public record ApiPipeline(EdgeGate edge, Authenticator auth, AuditTrail trail, Router router) {

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        try {
            return SecurityHeaders.api(ErrorResponses.guard(() -> {
                ApiRequest request = ApiRequest.from(event);
                edge.admit(request);
                auth.refuseOutOfScope(request);
                return router.dispatch(request);
            })).toEvent();
        } finally {
            trail.clear();
        }
    }
}
