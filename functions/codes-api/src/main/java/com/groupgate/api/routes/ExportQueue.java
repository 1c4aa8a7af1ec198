package com.groupgate.api.routes;

import com.groupgate.storage.export.ExportMessage;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The export queue: one message per export asked for; the export worker takes them. */
public final class ExportQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    public ExportQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    void send(ExportMessage message) {
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(message.toJson()));
    }
}
