package com.groupgate.localrun;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.groupgate.localaws.CloudFormationTemplate;
import com.groupgate.telemetry.Log;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The template's scheduled functions (EventBridge Scheduler) as a local run has them: each
 * invoked on its own interval, with an empty event, as Lambda would run it, one invocation
 * at a time. A failed invocation is logged and the schedule goes on, as the next scheduled
 * invocation would.
 */
final class LocalSchedules implements AutoCloseable {
    private final CloudFormationTemplate template;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "local-schedules");
        t.setDaemon(true);
        return t;
    });

    LocalSchedules(CloudFormationTemplate template) {
        this.template = template;
    }

    /** Invokes {@code functionLogicalId}'s {@code handler} every {@code interval}, the first time one interval from now. */
    void every(Duration interval, String functionLogicalId,
               RequestHandler<Map<String, Object>, Map<String, Object>> handler) {
        LocalFunction<Map<String, Object>, Map<String, Object>> function = LocalFunction.of(template,
                functionLogicalId, handler);
        long every = interval.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                function.invoke(Map.of());
            } catch (RuntimeException e) {
                Log.error("schedule_invocation_failed", Map.of("function", functionLogicalId,
                        "exception", e.getClass().getName(), "message", String.valueOf(e.getMessage())));
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
