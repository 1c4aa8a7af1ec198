package com.groupgate.jobs;

import com.groupgate.auditlog.AuditLogSweep;
import com.groupgate.id.TenantId;
import com.groupgate.image.ImageBucket;
import com.groupgate.storage.tenant.TenantDeletionTable;
import com.groupgate.storage.tenant.TenantDeletionTable.Job;
import com.groupgate.storage.tenant.TenantDeletionTable.Position;
import com.groupgate.storage.tenant.TenantItemSweep;
import com.groupgate.storage.tenant.TenantTable;
import com.groupgate.telemetry.Log;
import com.groupgate.tenant.TenantDeletion;
import com.groupgate.wordlist.WordListStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Moves tenant deletions on, a page at a time, saving after each page where it stopped:
 * a run that ends (its time is up, it fails, Lambda retries it) is picked up by the next
 * one from the last saved page, and deleting an item or object twice is harmless.
 */
final class TenantDeletionWorker {
    /** How long the main table's sweep waits after access went, and how many items or objects one page reads. */
    record Settings(Duration grace, int pageSize) {
        static final Settings DEFAULT = new Settings(TenantDeletion.CACHE_GRACE, 500);
    }

    private final TenantDeletionTable jobs;
    private final TenantTable tenants;
    private final TenantItemSweep mainTable;
    private final TenantItemSweep analyticsTable;
    private final AuditLogSweep auditLog;
    private final ImageBucket images;
    private final Clock clock;
    private final Settings settings;

    TenantDeletionWorker(TenantDeletionTable jobs, TenantTable tenants, TenantItemSweep mainTable,
                         TenantItemSweep analyticsTable, AuditLogSweep auditLog, ImageBucket images, Clock clock,
                         Settings settings) {
        this.jobs = jobs;
        this.tenants = tenants;
        this.mainTable = mainTable;
        this.analyticsTable = analyticsTable;
        this.auditLog = auditLog;
        this.images = images;
        this.clock = clock;
        this.settings = settings;
    }

    /** One page's work: what it removed, where the phase stands, and whether the phase is finished. */
    private record Step(long items, long objects, Position position, boolean finished) {
    }

    /** Works on every running deletion while {@code timeLeft} says so; how many pages were done. */
    int run(BooleanSupplier timeLeft) {
        int pages = 0;
        for (Job running : jobs.running()) {
            Job job = running;
            while (timeLeft.getAsBoolean() && !job.deletion().done()
                    && job.deletion().mayRun(clock.instant(), settings.grace()) && mayRun(job)) {
                Step step = step(job);
                Instant now = clock.instant();
                TenantDeletion next = job.deletion().progressed(step.items(), step.objects(), now);
                Position position = step.position();
                if (step.finished()) {
                    next = next.phaseDone(now);
                    position = null;
                }
                if (!jobs.save(job, next, position)) {
                    break; // another run saved it since: that one carries on
                }
                pages++;
                job = new Job(next, position, job.version() + 1);
                if (step.finished()) {
                    Log.info("tenant_deletion_phase", Map.of("tenantId", next.tenantId().toString(),
                            "phase", next.phase().wireName(), "itemsDeleted", next.itemsDeleted(),
                            "objectsDeleted", next.objectsDeleted()));
                }
            }
        }
        return pages;
    }

    /** The audit log goes only once a signed checkpoint covers all of it (the hourly signer's). */
    private boolean mayRun(Job job) {
        return job.deletion().phase() != TenantDeletion.Phase.AUDIT_LOG
                || auditLog.signedThroughHead(job.deletion().tenantId());
    }

    private Step step(Job job) {
        TenantDeletion d = job.deletion();
        return switch (d.phase()) {
            case ACCESS -> new Step(tenants.removeAccess(d.tenantId()), 0, null, true);
            case MAIN_TABLE -> items(mainTable, job);
            case ANALYTICS_TABLE -> items(analyticsTable, job);
            case AUDIT_LOG -> page(auditLog.sweep(job.deletion().tenantId(), job.position(), settings.pageSize()));
            case OBJECTS -> objects(job);
            case DONE -> new Step(0, 0, null, true);
        };
    }

    private Step items(TenantItemSweep sweep, Job job) {
        return page(sweep.sweep(job.deletion().tenantId(), job.position(), settings.pageSize()));
    }

    private static Step page(TenantItemSweep.Page page) {
        return new Step(page.deleted(), 0, page.next(), page.next() == null);
    }

    /** Every prefix the tenant's objects are under: its pictures, and its word list's versions. */
    static List<String> prefixes(TenantId tenantId) {
        List<String> out = new ArrayList<>(ImageBucket.tenantPrefixes(tenantId));
        out.add(WordListStore.tenantPrefix(tenantId));
        return out;
    }

    /** Prefix by prefix ({@code first} is its number), one listing page at a time ({@code second} its token). */
    private Step objects(Job job) {
        List<String> prefixes = prefixes(job.deletion().tenantId());
        int index = job.position() == null ? 0 : Integer.parseInt(job.position().first());
        String token = job.position() == null ? null : job.position().second();
        ImageBucket.Swept swept = images.deleteUnder(prefixes.get(index), token, settings.pageSize());
        if (swept.next() != null) {
            return new Step(0, swept.deleted(), new Position(Integer.toString(index), swept.next()), false);
        }
        boolean last = index + 1 == prefixes.size();
        return new Step(0, swept.deleted(), last ? null : new Position(Integer.toString(index + 1), null), last);
    }
}
