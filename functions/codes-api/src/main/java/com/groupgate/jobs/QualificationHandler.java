package com.groupgate.jobs;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.groupgate.campaign.Rewards;
import com.groupgate.config.Config;
import com.groupgate.config.Wiring;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.storage.campaign.CampaignTable;
import com.groupgate.storage.campaign.CreditTable;
import com.groupgate.storage.campaign.DueCredits;
import com.groupgate.telemetry.Log;
import com.groupgate.token.KeyRing;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The scheduled qualification run (every minute): settles every tenant's referral credits
 * due by now, so that an inviter's count, {@code referral.credited}, the reward and
 * {@code referral.goal_reached} follow within a minute of a credit's delay, whether or not
 * anyone looks. The event is not read: a redelivered or repeated invocation, or two at once,
 * find only what is still pending, and each credit settles once.
 */
public final class QualificationHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    /** Credits looked at per run, at most: the next minute's run carries on. */
    static final int MAX_CREDITS_PER_RUN = 2_000;
    static final Duration RESERVE = Duration.ofSeconds(15);
    /** Without a Lambda context (a local run, a test): the budget of one run. */
    private static final Duration LOCAL_BUDGET = Duration.ofSeconds(40);

    private final DueCredits due;
    private final SigningKeyTable keys;
    private final Clock clock;

    public QualificationHandler() {
        this(Wiring.fromEnvironment());
    }

    public QualificationHandler(Wiring wiring) {
        Config config = wiring.config();
        var dynamo = wiring.aws().dynamo();
        this.due = new DueCredits(dynamo, config.mainTable(), new CampaignTable(dynamo, config.mainTable()),
                new CreditTable(dynamo, config.mainTable()));
        this.keys = new SigningKeyTable(dynamo, wiring.aws().kms(), config.mainTable(), config.keyId(), wiring.clock(),
                SigningKeyTable.REFRESH);
        this.clock = wiring.clock();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        long budgetEnd = System.nanoTime() + (context == null || context.getRemainingTimeInMillis() <= 0
                ? LOCAL_BUDGET.toNanos()
                : Duration.ofMillis(context.getRemainingTimeInMillis()).minus(RESERVE).toNanos());
        DueCredits.Run run = due.settle(clock.instant(), MAX_CREDITS_PER_RUN, () -> System.nanoTime() < budgetEnd,
                (tenantId, campaignId, inviterRef) -> Rewards.issue(signingRing(), tenantId, campaignId, inviterRef));
        Log.info("credits_qualified", Map.of("seen", run.seen(), "settled", run.settled()));
        return Map.of("seen", run.seen(), "settled", run.settled());
    }

    /** The keys old enough to sign with; there are some once any invite was issued (an invite is a signed token). */
    private KeyRing signingRing() {
        return keys.ticketRing().orElseThrow(() -> new IllegalStateException("no signing key yet"));
    }
}
