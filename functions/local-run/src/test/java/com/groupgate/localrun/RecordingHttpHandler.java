package com.groupgate.localrun;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Keeps every event it gets (and the context's function name) and answers with {@code answer}. */
final class RecordingHttpHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    record Call(APIGatewayV2HTTPEvent event, String functionName) {
    }

    final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> answer;

    RecordingHttpHandler(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> answer) {
        this.answer = answer;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        calls.add(new Call(event, context.getFunctionName()));
        return answer.apply(event);
    }

    Call last() {
        return calls.get(calls.size() - 1);
    }
}
