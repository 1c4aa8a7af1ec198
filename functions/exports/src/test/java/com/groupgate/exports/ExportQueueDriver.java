package com.groupgate.exports;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.groupgate.testkit.TestDeployment;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The export queue's event source mapping, for the tests: receives one message with the
 * worker's role (as Lambda polls), invokes the worker with it as an SQSEvent, and deletes it
 * unless the worker reported it failed. A failed message waits out the queue's visibility
 * timeout (16 minutes) in AWS; {@link #makeVisibleAgain} stands for that wait, with the
 * operator's client.
 */
final class ExportQueueDriver {
    private final SqsClient asWorker;
    private final String queueUrl;
    private final RequestHandler<SQSEvent, SQSBatchResponse> worker;
    private String lastFailedReceipt;

    ExportQueueDriver(TestDeployment aws, SqsClient asWorker, RequestHandler<SQSEvent, SQSBatchResponse> worker) {
        this.asWorker = asWorker;
        this.queueUrl = aws.resources().ref("ExportQueue");
        this.worker = worker;
        // Lambda checks the queue as it creates the mapping.
        asWorker.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT));
    }

    /** One receive and invocation; true when a message came and the worker was done with it. */
    boolean deliverOne() {
        List<Message> received = asWorker.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(1)
                .waitTimeSeconds(0).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        if (received.isEmpty()) {
            return false;
        }
        Message m = received.get(0);
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(m.messageId());
        record.setReceiptHandle(m.receiptHandle());
        record.setBody(m.body());
        Map<String, String> attributes = new HashMap<>(m.attributesAsStrings());
        record.setAttributes(attributes);
        record.setEventSource("aws:sqs");
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(record));
        SQSBatchResponse response = worker.handleRequest(event, null);
        if (response.getBatchItemFailures() == null || response.getBatchItemFailures().isEmpty()) {
            asWorker.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            lastFailedReceipt = null;
            return true;
        }
        lastFailedReceipt = m.receiptHandle();
        return false;
    }

    /** The wait of the visibility timeout, passed: the failed message can be received at once. */
    void makeVisibleAgain(SqsClient operator) {
        String receipt = lastFailedReceipt;
        operator.changeMessageVisibility(b -> b.queueUrl(queueUrl).receiptHandle(receipt).visibilityTimeout(0));
    }

    /** Delivers until the queue has nothing visible; how many messages were done with. */
    int drain() {
        int done = 0;
        for (int i = 0; i < 20; i++) {
            if (!deliverOne()) {
                if (lastFailedReceipt == null) {
                    return done;
                }
                throw new AssertionError("the worker failed a message");
            }
            done++;
        }
        return done;
    }
}
