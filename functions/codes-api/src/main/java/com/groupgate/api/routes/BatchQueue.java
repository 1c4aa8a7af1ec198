package com.groupgate.api.routes;

import com.groupgate.id.BatchId;
import com.groupgate.id.TenantId;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The batch queue: one message per batch, {@code {"tenantId","batchId"}}, which the batch
 * worker takes. Sending twice is harmless (a second run finds every row issued), so a
 * retried upload sends again whenever its batch is still queued.
 */
public final class BatchQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public BatchQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    void send(TenantId tenantId, BatchId batchId) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl)
                .messageBody("{\"tenantId\":\"" + tenantId + "\",\"batchId\":\"" + batchId + "\"}"));
    }
}
