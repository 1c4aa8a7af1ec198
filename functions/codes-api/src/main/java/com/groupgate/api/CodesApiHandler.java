package com.groupgate.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.groupgate.config.Wiring;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.ErrorResponses;
import com.groupgate.http.Router;
import java.util.Map;

/** The tenant-facing API: translates HTTP API events to calls and results to responses. */
public final class CodesApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Router router;

    public CodesApiHandler() {
        this(Wiring.fromEnvironment());
    }

    public CodesApiHandler(Wiring wiring) {
        this.router = new Router()
                .on("GET", "/health", r -> ApiResponse.json(200, Map.of("status", "ok")));
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ErrorResponses.guard(() -> router.dispatch(ApiRequest.from(event))).toEvent();
    }
}
