package com.groupgate.scan;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.groupgate.config.Wiring;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ErrorResponses;
import com.groupgate.http.Router;

/** The public scan and join routes: HTTP API events in, responses out. */
public final class ScanHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Router router;

    public ScanHandler() {
        this(Wiring.fromEnvironment());
    }

    public ScanHandler(Wiring wiring) {
        this.router = new Router();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return ErrorResponses.guard(() -> router.dispatch(ApiRequest.from(event))).toEvent();
    }
}
