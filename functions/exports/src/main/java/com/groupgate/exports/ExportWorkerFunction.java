package com.groupgate.exports;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.groupgate.config.Wiring;
import com.groupgate.export.CsvWriter;
import com.groupgate.export.ExportJob;
import com.groupgate.export.ExportKind;
import com.groupgate.export.ExportTimes;
import com.groupgate.storage.export.ExportMessage;
import com.groupgate.storage.export.ExportTable;
import com.groupgate.storage.group.GroupTable;
import com.groupgate.storage.tenant.ApiKeyTable;
import com.groupgate.storage.tenant.TenantTable;
import com.groupgate.telemetry.Log;
import com.groupgate.tenant.Tenant;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The export worker: each message of the export queue names one job; the worker takes it
 * (queued or running becomes running), writes its rows as CSV ({@link CsvWriter}) straight
 * into an S3 multipart upload ({@link S3MultipartOutput}: one 5 MiB part in memory, however
 * many rows), completes the file and marks the job done with its row count.
 *
 * <p>Tried again from the start: a run that fails aborts its upload and leaves the message
 * to come back (a batch item failure); the next run writes the whole file again under the
 * same key, and only a completed upload makes an object, so the file never holds a row
 * twice. After {@link #LAST_ATTEMPT} receives the job is marked failed (and the message goes
 * to the dead-letter queue). A message of a finished job is done with at once.
 */
public final class ExportWorkerFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** The receive after which a failure is final: the queue's maxReceiveCount in template.yaml. */
    static final int LAST_ATTEMPT = 3;
    /** Between the CSV writer and the part buffer: few, large writes into the part. */
    private static final int WRITER_BUFFER_CHARS = 64 * 1024;

    private final ExportTable exports;
    private final TenantTable tenants;
    private final S3Client s3;
    private final String bucket;
    private final Map<ExportKind, ExportRows> kinds = new EnumMap<>(ExportKind.class);
    private final Clock clock;

    public ExportWorkerFunction() {
        this(Wiring.fromEnvironment());
    }

    public ExportWorkerFunction(Wiring wiring) {
        DynamoDbClient dynamo = wiring.aws().dynamo();
        String table = wiring.config().mainTable();
        this.exports = new ExportTable(dynamo, table);
        this.tenants = new TenantTable(dynamo, table, new ApiKeyTable(dynamo, table), wiring.clock());
        this.s3 = wiring.aws().build(S3Client.builder().forcePathStyle(wiring.aws().endpoint() != null));
        this.bucket = wiring.config().imagesBucket();
        this.clock = wiring.clock();
        JobGroups groups = new JobGroups(new GroupTable(dynamo, table));
        MemberItems members = new MemberItems(dynamo, table);
        kinds.put(ExportKind.MEMBERS, new MemberRows(groups, members));
        kinds.put(ExportKind.JOINS, new JoinRows(groups, members));
        kinds.put(ExportKind.REQUESTS, new RequestRows(groups, dynamo, table));
        kinds.put(ExportKind.SCANS, new ScanRows(dynamo, table, wiring.config().analyticsTable()));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> again = new ArrayList<>();
        for (SQSEvent.SQSMessage m : event.getRecords() == null ? List.<SQSEvent.SQSMessage>of() : event.getRecords()) {
            if (!handle(m)) {
                again.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
            }
        }
        return new SQSBatchResponse(again);
    }

    /** True when the message is done with; false when it should come back. */
    private boolean handle(SQSEvent.SQSMessage m) {
        ExportMessage message;
        try {
            message = ExportMessage.parse(m.getBody());
        } catch (IllegalArgumentException unreadable) {
            Log.error("exports.unreadable_message", Map.of("messageId", m.getMessageId()));
            return true;
        }
        Optional<ExportJob> taken = exports.take(message.tenantId(), message.exportId());
        if (taken.isEmpty()) {
            return true; // finished already, or gone
        }
        ExportJob job = taken.get();
        int attempt = receiveCount(m);
        try {
            long rows = run(job);
            exports.done(job.tenantId(), job.exportId(), rows, clock.instant());
            return true;
        } catch (RuntimeException e) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("exportId", job.exportId().toString());
            fields.put("attempt", attempt);
            fields.put("exception", e.getClass().getSimpleName());
            Log.error("exports.run_failed", fields);
            if (attempt >= LAST_ATTEMPT) {
                // Its message goes on to the dead-letter queue, for an operator to look at.
                exports.failed(job.tenantId(), job.exportId(), clock.instant());
            }
            return false;
        }
    }

    /** Writes the job's file; its data rows. */
    private long run(ExportJob job) {
        ExportTimes times = new ExportTimes(tenants.find(job.tenantId()).map(Tenant::timezone).orElse(ZoneOffset.UTC));
        String key = ExportTable.objectKey(job.tenantId(), job.exportId());
        S3MultipartOutput file = new S3MultipartOutput(s3, bucket, key, "text/csv; charset=utf-8",
                "attachment; filename=\"" + job.kind().wire() + "-" + job.exportId() + ".csv\"");
        try {
            Writer text = new BufferedWriter(new OutputStreamWriter(file, StandardCharsets.UTF_8), WRITER_BUFFER_CHARS);
            CsvWriter csv = CsvWriter.start(text, job.kind().header());
            kinds.get(job.kind()).forEach(job, times, csv::row);
            csv.flush();
            file.complete();
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("exportId", job.exportId().toString());
            fields.put("kind", job.kind().wire());
            fields.put("rows", csv.rows());
            fields.put("bytes", file.bytes());
            fields.put("parts", Math.max(1, file.parts()));
            Log.info("exports.done", fields);
            return csv.rows();
        } catch (RuntimeException e) {
            try {
                file.abort();
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
    }

    private static int receiveCount(SQSEvent.SQSMessage m) {
        String count = m.getAttributes() == null ? null : m.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
