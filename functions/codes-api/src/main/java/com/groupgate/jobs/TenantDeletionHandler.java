package com.groupgate.jobs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.groupgate.auditlog.AuditLogSweep;
import com.groupgate.config.Config;
import com.groupgate.config.Wiring;
import com.groupgate.image.ImageBucket;
import com.groupgate.storage.tenant.ApiKeyTable;
import com.groupgate.storage.tenant.TenantDeletionTable;
import com.groupgate.storage.tenant.TenantItemSweep;
import com.groupgate.storage.tenant.TenantTable;
import java.time.Duration;
import java.util.Map;

/**
 * The scheduled run (every minute) that carries tenant deletions on: it works while more
 * than {@link #RESERVE} of its time is left, so a page is never cut off by the timeout.
 */
public final class TenantDeletionHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    static final Duration RESERVE = Duration.ofSeconds(15);
    /** Without a Lambda context (a local run): the budget of one run. */
    private static final Duration LOCAL_BUDGET = Duration.ofSeconds(40);

    private final TenantDeletionWorker worker;

    public TenantDeletionHandler() {
        this(Wiring.fromEnvironment());
    }

    public TenantDeletionHandler(Wiring wiring) {
        this(wiring, TenantDeletionWorker.Settings.DEFAULT);
    }

    /** With the grace after access went and the page size given (tests shorten them). */
    public TenantDeletionHandler(Wiring wiring, Duration grace, int pageSize) {
        this(wiring, new TenantDeletionWorker.Settings(grace, pageSize));
    }

    private TenantDeletionHandler(Wiring wiring, TenantDeletionWorker.Settings settings) {
        Config config = wiring.config();
        var dynamo = wiring.aws().dynamo();
        this.worker = new TenantDeletionWorker(new TenantDeletionTable(dynamo, config.mainTable()),
                new TenantTable(dynamo, config.mainTable(), new ApiKeyTable(dynamo, config.mainTable()), wiring.clock()),
                new TenantItemSweep(dynamo, config.mainTable()), new TenantItemSweep(dynamo, config.analyticsTable()),
                new AuditLogSweep(dynamo, config.auditTable()),
                new ImageBucket(wiring.aws(), config.imagesBucket()), wiring.clock(), settings);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        long budgetEnd = System.nanoTime() + (context == null || context.getRemainingTimeInMillis() <= 0
                ? LOCAL_BUDGET.toNanos()
                : Duration.ofMillis(context.getRemainingTimeInMillis()).minus(RESERVE).toNanos());
        int pages = worker.run(() -> System.nanoTime() < budgetEnd);
        return Map.of("pages", pages);
    }
}
