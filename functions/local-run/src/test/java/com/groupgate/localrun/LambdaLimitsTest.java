package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The local invoker holds functions to Lambda's limits: the function's timeout and the 6 MB response. */
class LambdaLimitsTest {

    @Test
    void anInvocationPastTheFunctionsTimeoutFailsAndItsHandlerIsInterrupted() throws InterruptedException {
        CountDownLatch interrupted = new CountDownLatch(1);
        LocalFunction<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> slow = new LocalFunction<>("Slow", 1, 128,
                (event, context) -> {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                    }
                    return APIGatewayV2HTTPResponse.builder().withStatusCode(200).build();
                });
        long started = System.nanoTime();
        LocalFunction.InvocationFailed e = assertThrows(LocalFunction.InvocationFailed.class,
                () -> slow.invoke(new APIGatewayV2HTTPEvent()));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals("Task timed out after 1.00 seconds", e.getMessage());
        // The handler would run a minute: any answer well before that is the invoker giving up at
        // the timeout (the bound is loose so a loaded machine cannot fail it).
        assertTrue(millis < 30_000, "gave up at the timeout, not when the handler finished: " + millis + " ms");
        assertTrue(interrupted.await(5, TimeUnit.SECONDS));
    }

    @Test
    void aResponseOverSixMegabytesFailsTheInvocationAndOneJustUnderPasses() {
        LocalFunction<Integer, APIGatewayV2HTTPResponse> sized = new LocalFunction<>("Sized", 10, 128,
                (size, context) -> APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody("x".repeat(size))
                        .build());
        LocalFunction.InvocationFailed e = assertThrows(LocalFunction.InvocationFailed.class,
                () -> sized.invoke(LocalFunction.MAX_RESPONSE_BYTES));
        assertTrue(e.getMessage().contains("exceeded maximum allowed payload size (6291556 bytes)"), e.getMessage());
        assertEquals(200, sized.invoke(6_000_000).getStatusCode());
    }

    @Test
    void theHandlersOwnExceptionPropagatesUnchanged() {
        LocalFunction<String, String> failing = new LocalFunction<>("Failing", 3, 128, (in, context) -> {
            throw new IllegalStateException("handler bug");
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> failing.invoke("x"));
        assertEquals("handler bug", e.getMessage());
    }
}
