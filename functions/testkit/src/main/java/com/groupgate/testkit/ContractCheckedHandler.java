package com.groupgate.testkit;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.groupgate.telemetry.Log;
import java.util.List;
import java.util.Map;

/**
 * An HTTP function whose every exchange is held to openapi.yaml ({@link ContractCheck}), and
 * whose every answer to presigned URLs that live at most 15 minutes ({@link PresignedUrlLifetimes}):
 * what {@link HttpCalls} calls, and what the local stack's tests serve through the HTTP
 * bridge, so requests sent by {@code java.net.http} and by a browser are checked too. A
 * violation is an {@link AssertionError} thrown from the call, and also written to stderr:
 * through the bridge it becomes API Gateway's bare 500, and its message would be lost.
 */
public final class ContractCheckedHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
    private final ContractCheck check;

    private ContractCheckedHandler(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        this.handler = handler;
        this.check = new ContractCheck(ApiContract.get());
    }

    /** {@code handler}, checked; a handler already checked is returned as it is. */
    public static RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> of(
            RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        return handler instanceof ContractCheckedHandler ? handler : new ContractCheckedHandler(handler);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        APIGatewayV2HTTPResponse response = handler.handleRequest(event, context);
        try {
            check.verify(event, response);
            List<String> presigned = PresignedUrlLifetimes.problems(response);
            if (!presigned.isEmpty()) {
                throw new AssertionError(event.getRawPath() + " answered " + String.join("; ", presigned));
            }
        } catch (AssertionError e) {
            // Said here too: behind the local HTTP bridge the failure reaches the test as a 500.
            Log.error("openapi_contract_violation", Map.of("message", String.valueOf(e.getMessage())));
            throw e;
        }
        return response;
    }
}
