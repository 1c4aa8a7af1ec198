package com.groupgate.storage.batch;

import com.groupgate.batch.BatchStatus;
import com.groupgate.id.BatchId;
import com.groupgate.id.TenantId;

/**
 * A batch as stored: its progress and, once done, where its ZIP is.
 *
 * @param bodySha256 hex SHA-256 of the uploaded file, so a retried upload with the same
 *                   Idempotency-Key is recognised and one with another body is refused
 * @param done       rows whose code is issued (or, for live code rows, drawn); only grows
 * @param zipKey     the ZIP's object key once {@code done}, else null
 * @param error      why a failed batch failed, else null
 */
public record Batch(TenantId tenantId, BatchId batchId, BatchStatus status, int done, int total, long createdAt,
                    String bodySha256, String zipKey, String error) {
}
