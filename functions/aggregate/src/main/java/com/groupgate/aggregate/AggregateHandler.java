package com.groupgate.aggregate;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.groupgate.config.Wiring;
import java.util.ArrayList;

/** DynamoDB stream batches of scan and join facts in, partial batch response out. */
public final class AggregateHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {

    public AggregateHandler() {
        this(Wiring.fromEnvironment());
    }

    public AggregateHandler(Wiring wiring) {
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return new StreamsEventResponse(new ArrayList<>());
    }
}
