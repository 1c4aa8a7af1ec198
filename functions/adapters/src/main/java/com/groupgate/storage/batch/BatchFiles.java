package com.groupgate.storage.batch;

import com.groupgate.aws.AwsClients;
import com.groupgate.id.BatchId;
import com.groupgate.id.TenantId;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * A batch's files in the images bucket, under {@code batches/<tenant>/<batch>/} (never
 * served by the edge; the bucket's lifecycle removes them after {@link BatchTable#KEEP}):
 * the upload as sent ({@code rows.csv}, too large for an item: 5,000 rows of labels reach
 * a megabyte) and the ZIP ({@code codes.zip}), streamed up in parts ({@link #zip}) so a
 * worker holds one part in memory, never the whole archive.
 */
public final class BatchFiles {
    /** S3's smallest part but the last; parts are this size, so memory is bounded by it. */
    public static final int PART_BYTES = 5 * 1024 * 1024;
    public static final String PREFIX = "batches/";

    private final S3Client s3;
    private final String bucket;

    public BatchFiles(AwsClients aws, String bucket) {
        this.s3 = aws.build(S3Client.builder().forcePathStyle(aws.endpoint() != null));
        this.bucket = bucket;
    }

    public static String rowsKey(TenantId tenantId, BatchId batchId) {
        return PREFIX + tenantId + "/" + batchId + "/rows.csv";
    }

    public static String zipKey(TenantId tenantId, BatchId batchId) {
        return PREFIX + tenantId + "/" + batchId + "/codes.zip";
    }

    public void putRows(TenantId tenantId, BatchId batchId, String csv) {
        s3.putObject(p -> p.bucket(bucket).key(rowsKey(tenantId, batchId)).contentType("text/csv; charset=utf-8")
                .cacheControl("private, no-store"), RequestBody.fromString(csv, StandardCharsets.UTF_8));
    }

    public String rows(TenantId tenantId, BatchId batchId) {
        return s3.getObjectAsBytes(g -> g.bucket(bucket).key(rowsKey(tenantId, batchId))).asString(StandardCharsets.UTF_8);
    }

    /**
     * A stream whose bytes become the object {@code key} in parts of {@link #PART_BYTES}:
     * {@link ZipUpload#complete()} stores it; {@link ZipUpload#abort()} drops the parts (a
     * crash leaves them to the bucket's rule for incomplete uploads). Nothing is visible
     * under {@code key} before completion, so a reader never finds half a ZIP.
     */
    public ZipUpload zip(String key) {
        String uploadId = s3.createMultipartUpload(c -> c.bucket(bucket).key(key).contentType("application/zip")
                .cacheControl("private, no-store")).uploadId();
        return new ZipUpload(key, uploadId);
    }

    /** One multipart upload, written as a stream. Not thread-safe. */
    public final class ZipUpload extends OutputStream {
        private final String key;
        private final String uploadId;
        private final List<CompletedPart> parts = new ArrayList<>();
        private byte[] buffer = new byte[PART_BYTES];
        private int filled;

        private ZipUpload(String key, String uploadId) {
            this.key = key;
            this.uploadId = uploadId;
        }

        @Override
        public void write(int b) {
            if (filled == buffer.length) {
                flushPart();
            }
            buffer[filled++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            while (len > 0) {
                if (filled == buffer.length) {
                    flushPart();
                }
                int n = Math.min(len, buffer.length - filled);
                System.arraycopy(b, off, buffer, filled, n);
                filled += n;
                off += n;
                len -= n;
            }
        }

        /** Closing the ZIP stream that wraps this one does not store anything: {@link #complete()} does. */
        @Override
        public void close() {
        }

        private void flushPart() {
            int number = parts.size() + 1;
            int length = filled;
            byte[] bytes = buffer;
            // Streamed from the buffer itself: no second copy of a part in memory.
            String etag = s3.uploadPart(u -> u.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                    .contentLength((long) length), RequestBody.fromContentProvider(
                            () -> new ByteArrayInputStream(bytes, 0, length), length, "application/zip")).eTag();
            parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            filled = 0;
        }

        /** Uploads the last part and makes the object; its size in bytes. */
        public long complete() throws IOException {
            long size = (long) parts.size() * PART_BYTES + filled;
            if (filled > 0 || parts.isEmpty()) {
                flushPart();
            }
            buffer = null;
            s3.completeMultipartUpload(c -> c.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
            return size;
        }

        /** Drops what was uploaded (a run that stops before the end). */
        public void abort() {
            buffer = null;
            s3.abortMultipartUpload(a -> a.bucket(bucket).key(key).uploadId(uploadId));
        }
    }
}
