package com.groupgate.batches;

import com.groupgate.aws.BatchReads;
import com.groupgate.batch.BatchCodeIds;
import com.groupgate.batch.BatchCsv;
import com.groupgate.batch.BatchRow;
import com.groupgate.batch.BatchStatus;
import com.groupgate.batch.DesignRenderer;
import com.groupgate.batch.Manifest;
import com.groupgate.batch.PngDesigns;
import com.groupgate.batch.PrintFormat;
import com.groupgate.code.Channel;
import com.groupgate.code.CodeStatus;
import com.groupgate.code.GroupCode;
import com.groupgate.group.Group;
import com.groupgate.id.BatchId;
import com.groupgate.id.CodeId;
import com.groupgate.id.GroupId;
import com.groupgate.id.Id;
import com.groupgate.id.LiveCodeId;
import com.groupgate.id.TenantId;
import com.groupgate.image.EdgeImages;
import com.groupgate.image.ImageBucket;
import com.groupgate.keys.CodeTokens;
import com.groupgate.live.LiveCode;
import com.groupgate.qr.Medium;
import com.groupgate.qr.QrImage;
import com.groupgate.qr.QrReadBack;
import com.groupgate.scan.Expiry;
import com.groupgate.scan.GeoRules;
import com.groupgate.storage.MainTableKeys;
import com.groupgate.storage.StoredValues;
import com.groupgate.storage.batch.Batch;
import com.groupgate.storage.batch.BatchFiles;
import com.groupgate.storage.batch.BatchTable;
import com.groupgate.storage.code.CodeTable;
import com.groupgate.storage.group.GroupTable;
import com.groupgate.storage.live.LiveCodeTable;
import com.groupgate.telemetry.Log;
import com.groupgate.tenant.Tenant;
import com.groupgate.token.CodeKind;
import com.groupgate.token.ScanToken;
import com.groupgate.usage.UsageTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * One run over a batch: every row's code issued (or found issued by an earlier run) and
 * drawn, the ZIP streamed to S3, progress stored as it goes.
 *
 * <p><b>Exactly once.</b> A row's code id is derived from the batch and the line
 * ({@link BatchCodeIds}) and its item is written only if absent, in one transaction with
 * the usage it adds; a run that finds it already stored (an earlier run died after
 * writing it, or a redelivered message runs the batch twice) draws the stored code
 * again instead. So a run killed anywhere and run again issues each row once and counts
 * each once in usage.
 *
 * <p><b>The ZIP.</b> Each run writes the whole ZIP anew, rows in file order, the manifest
 * last, through a multipart upload that holds one part in memory ({@link BatchFiles#PART_BYTES});
 * nothing is visible at the ZIP's key until the upload completes, so a killed run leaves
 * no half file (its parts go by the bucket's rule for incomplete uploads). Entries carry
 * the batch's creation time, so every run writes the same bytes for the same codes.
 */
final class BatchRun {
    /** Rows read per BatchGetItem (its limit) and between progress writes. */
    static final int CHUNK = 100;
    /**
     * Rows issued at once: signing, the read-back and the PNG are CPU, the image's put and
     * the code's write wait on AWS, so a few threads keep one vCPU busy.
     */
    static final int PARALLEL_ROWS = 4;
    private static final ExecutorService ROWS = Executors.newFixedThreadPool(PARALLEL_ROWS, r -> {
        Thread t = new Thread(r, "batch-row");
        t.setDaemon(true);
        return t;
    });

    private final DynamoDbClient dynamo;
    private final String table;
    private final BatchTable batches;
    private final BatchFiles files;
    private final CodeTable codes;
    private final GroupTable groups;
    private final LiveCodeTable liveCodes;
    private final UsageTable usage;
    private final ImageBucket images;
    private final CodeTokens tokens;
    private final DesignRenderer renderer;
    private final Clock clock;

    BatchRun(DynamoDbClient dynamo, String table, BatchFiles files, ImageBucket images, CodeTokens tokens,
             DesignRenderer renderer, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.batches = new BatchTable(dynamo, table);
        this.files = files;
        this.codes = new CodeTable(dynamo, table);
        this.groups = new GroupTable(dynamo, table);
        this.liveCodes = new LiveCodeTable(dynamo, table);
        this.usage = new UsageTable(table);
        this.images = images;
        this.tokens = tokens;
        this.renderer = renderer;
        this.clock = clock;
    }

    /** How a run ended: the batch done (or failed for good, or not to be run), or stopped before the end. */
    enum Outcome { FINISHED, STOPPED }

    /**
     * Runs the batch; {@code timeLeft} false stops it between chunks (the message comes back
     * and the next run carries on from what is issued).
     */
    Outcome run(Tenant tenant, BatchId batchId, BooleanSupplier timeLeft) throws IOException {
        TenantId tenantId = tenant.tenantId();
        Optional<Batch> found = batches.find(tenantId, batchId);
        if (found.isEmpty() || found.get().status() == BatchStatus.DONE
                || found.get().status() == BatchStatus.FAILED) {
            Log.info("batch.skipped", Map.of("batchId", batchId.toString(),
                    "status", found.map(b -> b.status().wireName()).orElse("gone")));
            return Outcome.FINISHED;
        }
        Batch batch = found.get();
        if (!batches.start(tenantId, batchId)) {
            return Outcome.FINISHED;
        }
        BatchCsv.Validated validated = BatchCsv.validate(files.rows(tenantId, batchId), renderer.formats());
        if (!validated.ok()) {
            // Only if what the API validated cannot be drawn here (a renderer taken away).
            batches.fail(tenantId, batchId, "line " + validated.problems().get(0).line() + ": "
                    + validated.problems().get(0).message());
            return Outcome.FINISHED;
        }
        List<BatchRow> rows = validated.rows();
        Map<GroupId, Group> groupsById = new HashMap<>();
        Map<LiveCodeId, LiveCode> livesById = new HashMap<>();
        for (BatchRow row : rows) {
            String missing = row.issuesGroupCode() ? group(tenantId, row.groupId(), groupsById)
                    : liveCode(tenantId, row.liveCodeId(), livesById);
            if (missing != null) {
                batches.fail(tenantId, batchId, "line " + row.line() + ": " + missing);
                return Outcome.FINISHED;
            }
        }
        String zipKey = BatchFiles.zipKey(tenantId, batchId);
        BatchFiles.ZipUpload upload = files.zip(zipKey);
        FileTime time = FileTime.from(Instant.ofEpochSecond(batch.createdAt()));
        StringBuilder manifest = new StringBuilder(Manifest.header());
        int issued = 0;
        int drawn = 0;
        try (ZipOutputStream zip = new ZipOutputStream(upload, StandardCharsets.UTF_8)) {
            for (int start = 0; start < rows.size(); start += CHUNK) {
                if (!timeLeft.getAsBoolean()) {
                    Log.info("batch.stopped", Map.of("batchId", batchId.toString(), "done", start));
                    return Outcome.STOPPED;
                }
                List<BatchRow> chunk = rows.subList(start, Math.min(rows.size(), start + CHUNK));
                Set<CodeId> stored = storedCodes(tenantId, batchId, chunk);
                // Rows of a chunk are issued and drawn side by side (each its own code, its own
                // conditional write); the ZIP and manifest take them in file order.
                List<Future<Drawn>> futures = new ArrayList<>();
                for (BatchRow row : chunk) {
                    futures.add(ROWS.submit(() -> row.issuesGroupCode()
                            ? groupCode(tenant, batchId, row, groupsById.get(row.groupId()), stored)
                            : liveCode(livesById.get(row.liveCodeId()), row)));
                }
                for (int i = 0; i < chunk.size(); i++) {
                    BatchRow row = chunk.get(i);
                    Drawn d = result(futures, i);
                    issued += d.issuedNow() ? 1 : 0;
                    String file = Manifest.fileName(row.line(), d.codeId().toString(), row.format());
                    storedEntry(zip, file, d.file(), time);
                    manifest.append(Manifest.line(row.line(), Channel.textOrNull(row.channel()), row.label(), d.codeId().toString(),
                            d.scanUrl(), file));
                    drawn++;
                }
                batches.progress(tenantId, batchId, drawn);
            }
            ZipEntry entry = new ZipEntry(Manifest.FILE_NAME);
            entry.setLastModifiedTime(time);
            zip.putNextEntry(entry);
            zip.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        long zipBytes = upload.complete();
        batches.finish(tenantId, batchId, rows.size(), zipKey);
        Log.info("batch.done", Map.of("batchId", batchId.toString(), "rows", rows.size(), "issuedNow", issued,
                "zipBytes", zipBytes));
        return Outcome.FINISHED;
    }

    /**
     * The row's result; when one fails, the chunk's others are left to finish (each is a
     * whole issue or none) and the failure ends the run.
     */
    private static Drawn result(List<Future<Drawn>> futures, int index) throws IOException {
        try {
            return futures.get(index).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while drawing a row", e);
        } catch (ExecutionException e) {
            for (Future<Drawn> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException | ExecutionException ignored) {
                    // the first failure is the one reported
                }
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
    }

    /** What a row became: its code (or live code) id, URL and file; whether this run issued it. */
    private record Drawn(Id codeId, String scanUrl, byte[] file, boolean issuedNow) {
    }

    private Drawn groupCode(Tenant tenant, BatchId batchId, BatchRow row, Group group, Set<CodeId> stored) {
        CodeId codeId = BatchCodeIds.of(batchId, row.line());
        if (stored.contains(codeId)) {
            return redraw(tenant.tenantId(), codeId, row);
        }
        Instant now = clock.instant();
        long ttl = row.ttlSeconds() > 0 ? row.ttlSeconds() : group.preset() == null ? Expiry.DEFAULT_TTL_SECONDS
                : group.preset().codeTtlSeconds();
        long expiresAt = now.getEpochSecond() + ttl;
        Medium medium = row.medium();
        // Signed as the codes API signs a code: re-salted until the symbol, at the module
        // size it is drawn at (its QR version decides), reads back.
        CodeTokens.Signed signed = tokens.issue(CodeKind.GROUP_CODE, codeId.id(), tenant.tenantId(),
                group.groupId().id(), expiresAt,
                url -> QrReadBack.readsBack(url, medium.ecc(), PngDesigns.modulePx(url, medium)));
        int modulePx = PngDesigns.modulePx(signed.scanUrl(), medium);
        var png = QrImage.render(signed.scanUrl(), medium.ecc(), modulePx);
        String imageKey = EdgeImages.key(EdgeImages.Kind.GROUP_CODE, tenant.tenantId(), png.png());
        images.putCodeImage(imageKey, png.png());
        GroupCode code = new GroupCode(tenant.tenantId(), codeId, group.groupId(), row.channel(), row.dailyScanLimit(),
                GeoRules.NONE, medium.ecc(), modulePx, ttl, now.getEpochSecond(), expiresAt, CodeStatus.ACTIVE,
                null, signed.keyVersion(), signed.salt(), imageKey, png.byteCount(), png.qrVersion(),
                tenant.timezone(), group.name(), group.joinPolicy(), group.welcomeMessage(), row.label());
        try {
            codes.create(code, usage.codeIssued(tenant.tenantId(), now, png.byteCount()));
        } catch (TransactionCanceledException e) {
            // Another run of this batch stored the row first: draw its code; our image is
            // left to the bucket's lifecycle (group code images go after 31 days).
            Log.info("batch.row_raced", Map.of("batchId", batchId.toString(), "line", row.line()));
            return redraw(tenant.tenantId(), codeId, row);
        }
        byte[] file = row.format() == PrintFormat.PNG ? png.png()
                : renderer.render(signed.scanUrl(), medium, row.format(), row.label());
        return new Drawn(codeId.id(), signed.scanUrl(), file, true);
    }

    private Drawn redraw(TenantId tenantId, CodeId codeId, BatchRow row) {
        GroupCode code = codes.find(tenantId, codeId).orElseThrow(() -> new IllegalStateException(
                "batch code " + codeId + " was stored and is gone"));
        String url = tokens.scanUrl(CodeKind.GROUP_CODE, code.codeId().id(), code.tenantId(), code.groupId().id(),
                code.expiresAt(), code.keyVersion(), code.salt());
        return new Drawn(codeId.id(), url, renderer.render(url, row.medium(), row.format(), row.label()), false);
    }

    private Drawn liveCode(LiveCode live, BatchRow row) {
        String url = tokens.scanUrl(CodeKind.LIVE_CODE, live.liveCodeId().id(), live.tenantId(), live.liveCodeId().id(),
                ScanToken.NEVER, live.keyVersion(), live.salt());
        return new Drawn(live.liveCodeId().id(), url, renderer.render(url, row.medium(), row.format(), row.label()), false);
    }

    /** The codes of {@code chunk}'s group rows that are already stored (one BatchGetItem). */
    private Set<CodeId> storedCodes(TenantId tenantId, BatchId batchId, List<BatchRow> chunk) {
        List<Map<String, AttributeValue>> keys = chunk.stream().filter(BatchRow::issuesGroupCode)
                .map(r -> MainTableKeys.code(tenantId, BatchCodeIds.of(batchId, r.line()))).toList();
        Set<CodeId> out = new HashSet<>();
        if (keys.isEmpty()) {
            return out;
        }
        BatchReads.getAll(dynamo, table, KeysAndAttributes.builder().keys(keys).consistentRead(true)
                        .projectionExpression("codeId").build())
                .forEach(item -> out.add(StoredValues.id(item, "codeId", CodeId::parse)));
        return out;
    }

    /** Why the row's group cannot have a code now, or null (the group remembered in {@code seen}). */
    private String group(TenantId tenantId, GroupId groupId, Map<GroupId, Group> seen) {
        if (!seen.containsKey(groupId)) {
            Optional<Group> g = groups.find(tenantId, groupId);
            if (g.isEmpty()) {
                return "group " + groupId + " no longer exists";
            }
            seen.put(groupId, g.get());
        }
        return seen.get(groupId).blocked() ? "group " + groupId + " is blocked by the operator" : null;
    }

    /** Why the row's live code cannot be drawn now, or null. */
    private String liveCode(TenantId tenantId, LiveCodeId liveCodeId, Map<LiveCodeId, LiveCode> seen) {
        if (!seen.containsKey(liveCodeId)) {
            Optional<LiveCode> l = liveCodes.find(tenantId, liveCodeId);
            if (l.isEmpty()) {
                return "live code " + liveCodeId + " no longer exists";
            }
            seen.put(liveCodeId, l.get());
        }
        return seen.get(liveCodeId).active() ? null
                : "live code " + liveCodeId + " is " + seen.get(liveCodeId).status().wireName();
    }

    /** A file stored as is: PNGs are deflated already. */
    private static void storedEntry(ZipOutputStream zip, String name, byte[] bytes, FileTime time) {
        ZipEntry entry = new ZipEntry(name);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(bytes.length);
        entry.setCompressedSize(bytes.length);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entry.setCrc(crc.getValue());
        entry.setLastModifiedTime(time);
        try {
            zip.putNextEntry(entry);
            zip.write(bytes);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
