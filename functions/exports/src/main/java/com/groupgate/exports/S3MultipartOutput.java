package com.groupgate.exports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * A file written to S3 as it is produced, holding at most one part in memory: bytes fill a
 * buffer of {@link #PART_SIZE}; each full buffer is one UploadPart of a multipart upload
 * (begun with the first full part), and {@link #complete} sends the rest as the last part
 * and completes the upload. A file smaller than one part is a single PutObject. The object
 * appears only on completion, whole: a reader never sees half a file, and a second run over
 * the same key replaces the first run's file instead of adding to it.
 *
 * <p>S3 refuses a part under 5 MiB except the last (EntityTooSmall at completion), so every
 * part but the last is exactly {@link #PART_SIZE}. An upload given up on is aborted
 * ({@link #abort}); one whose process died is removed by the bucket's lifecycle rule
 * (abort-incomplete-uploads, a day).
 */
final class S3MultipartOutput extends OutputStream {
    /** S3's smallest part but the last: what one worker holds in memory. */
    static final int PART_SIZE = 5 * 1024 * 1024;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final String contentType;
    private final String contentDisposition;
    private final byte[] buffer = new byte[PART_SIZE];
    private final List<CompletedPart> parts = new ArrayList<>();
    private int filled;
    private String uploadId;
    private long bytes;
    private boolean closed;

    S3MultipartOutput(S3Client s3, String bucket, String key, String contentType, String contentDisposition) {
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.key = Objects.requireNonNull(key, "key");
        this.contentType = contentType;
        this.contentDisposition = contentDisposition;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (filled == PART_SIZE) {
            uploadFullPart();
        }
        buffer[filled++] = (byte) b;
        bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            if (filled == PART_SIZE) {
                uploadFullPart();
            }
            int n = Math.min(len, PART_SIZE - filled);
            System.arraycopy(b, off, buffer, filled, n);
            filled += n;
            off += n;
            len -= n;
            bytes += n;
        }
    }

    /** Bytes written so far. */
    long bytes() {
        return bytes;
    }

    /** Parts uploaded so far (the last one counts once {@link #complete} has sent it). */
    int parts() {
        return parts.size();
    }

    /** Sends what is left and makes the object appear, whole. */
    void complete() {
        ensureOpenUnchecked();
        closed = true;
        if (uploadId == null) {
            s3.putObject(p -> p.bucket(bucket).key(key).contentType(contentType)
                    .contentDisposition(contentDisposition), filledPart());
            return;
        }
        if (filled > 0) {
            uploadPart();
        }
        s3.completeMultipartUpload(c -> c.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(m -> m.parts(parts)));
    }

    /** Gives the upload up: its parts are deleted; no object appears. Safe to call more than once. */
    void abort() {
        closed = true;
        if (uploadId != null) {
            String id = uploadId;
            uploadId = null;
            s3.abortMultipartUpload(a -> a.bucket(bucket).key(key).uploadId(id));
        }
    }

    /** Nothing to close: {@link #complete} or {@link #abort} ends the upload, never a close. */
    @Override
    public void close() {
        // A writer stacked on this stream closes it; the upload's end is decided by complete or abort.
    }

    private void uploadFullPart() {
        if (uploadId == null) {
            uploadId = s3.createMultipartUpload(c -> c.bucket(bucket).key(key).contentType(contentType)
                    .contentDisposition(contentDisposition)).uploadId();
        }
        uploadPart();
    }

    private void uploadPart() {
        int number = parts.size() + 1;
        String etag = s3.uploadPart(u -> u.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                .contentLength((long) filled), filledPart()).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        filled = 0;
    }

    /**
     * The buffer's filled bytes as a request body, read in place (no copy of the part): the
     * call is synchronous, so the buffer is not written again until it has been sent.
     */
    private RequestBody filledPart() {
        int length = filled;
        return RequestBody.fromContentProvider(() -> new ByteArrayInputStream(buffer, 0, length), length,
                "application/octet-stream");
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("the upload is complete or aborted");
        }
    }

    private void ensureOpenUnchecked() {
        if (closed) {
            throw new IllegalStateException("the upload is complete or aborted");
        }
    }
}
