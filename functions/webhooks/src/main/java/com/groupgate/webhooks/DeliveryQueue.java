package com.groupgate.webhooks;

import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The delivery queue: the dispatcher puts one message per endpoint and event on it; the
 * sender delays a message it will try again by changing its visibility (up to SQS's 12
 * hours), so a retry is the same message received again and its receive count is the
 * attempt number.
 */
final class DeliveryQueue {
    private final SqsClient sqs;
    private final String queueUrl;

    DeliveryQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /**
     * Queues every message, one request each (an endpoint or three per event, as a rule);
     * throws when one could not be queued, so the stream record is tried again.
     */
    void send(List<DeliveryMessage> messages) {
        for (DeliveryMessage m : messages) {
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(m.toJson()));
        }
    }

    /** The message comes back after {@code wait} (rounded up to whole seconds, at most 12 hours). */
    void delay(String receiptHandle, Duration wait) {
        long seconds = Math.min(43_200, Math.max(0, (wait.toMillis() + 999) / 1000));
        sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(receiptHandle)
                .visibilityTimeout((int) seconds));
    }
}
