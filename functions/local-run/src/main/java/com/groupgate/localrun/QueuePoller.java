package com.groupgate.localrun;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.groupgate.aws.AwsClients;
import com.groupgate.localaws.CloudFormationTemplate;
import com.groupgate.localaws.LocalResources;
import com.groupgate.telemetry.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Lambda's SQS event source mapping, locally: receives up to the mapping's batch size,
 * invokes the function with an {@link SQSEvent} (attributes as Lambda passes them:
 * {@code ApproximateReceiveCount}, {@code SentTimestamp}, …), and deletes what succeeded:
 * every message, or with {@code ReportBatchItemFailures} all but those the response names.
 * A message not deleted comes back once its visibility timeout passes — the queue's, or
 * what the function set it to. A thrown invocation deletes nothing. It receives with the
 * function's role, as the mapping does, and checks the queue at start with
 * GetQueueAttributes, as Lambda does when the mapping is created.
 *
 * <p>It asks without long polling ({@code WaitTimeSeconds=0}) every poll interval: the
 * local emulator serves one request at a time, and a held receive would hold every other.
 */
public final class QueuePoller implements AutoCloseable {
    private final QueueMapping mapping;
    private final SqsClient sqs;
    private final String queueUrl;
    private final LocalFunction<SQSEvent, SQSBatchResponse> function;
    private final Duration pollInterval;
    private final String queueArn;
    private final PollingThread thread;
    private volatile boolean invoking;
    private volatile long lastMessageNanos = System.nanoTime();

    QueuePoller(QueueMapping mapping, SqsClient sqs, String queueUrl, String queueArn,
                LocalFunction<SQSEvent, SQSBatchResponse> function, Duration pollInterval) {
        this.mapping = mapping;
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = queueArn;
        this.function = function;
        this.pollInterval = pollInterval;
        this.thread = new PollingThread("queue-poller-" + mapping.functionLogicalId(), Duration.ofSeconds(20));
    }

    /** The poller of {@code functionLogicalId}'s SQS event in template.yaml, with the function's role ({@code functionAws}). */
    public static QueuePoller forFunction(CloudFormationTemplate template, LocalResources resources,
                                          AwsClients functionAws, String functionLogicalId,
                                          RequestHandler<SQSEvent, SQSBatchResponse> handler, Duration pollInterval) {
        QueueMapping mapping = QueueMapping.fromTemplate(template, functionLogicalId);
        SqsClient sqs = functionAws.build(SqsClient.builder());
        String url = resources.ref(mapping.queueLogicalId());
        sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNamesWithStrings("VisibilityTimeout"));
        return new QueuePoller(mapping, sqs, url, resources.attribute(mapping.queueLogicalId(), "Arn"),
                LocalFunction.of(template, functionLogicalId, handler), pollInterval);
    }

    public QueuePoller start() {
        thread.start(this::run);
        return this;
    }

    @Override
    public void close() {
        thread.stop();
    }

    /**
     * Whether no message has come for at least {@code quiet} and none is being handled:
     * for tests that must see that nothing more is on its way.
     */
    public boolean idleFor(Duration quiet) {
        return !invoking && System.nanoTime() - lastMessageNanos >= quiet.toNanos();
    }

    private void run() {
        while (thread.running()) {
            boolean busy = false;
            try {
                busy = poll();
            } catch (SdkException e) {
                if (!thread.running()) {
                    return;
                }
                Log.error("queue_poll_failed", Map.of("function", mapping.functionLogicalId(),
                        "exception", e.getClass().getName()));
            }
            if (!busy && !thread.pause(pollInterval)) {
                return;
            }
        }
    }

    /** One receive and, when messages came, one invocation; true when there was work. */
    private boolean poll() {
        List<Message> received = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(mapping.batchSize())
                .waitTimeSeconds(0).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                .messageAttributeNames("All")).messages();
        if (received.isEmpty()) {
            return false;
        }
        invoking = true;
        try {
            handle(received);
        } finally {
            lastMessageNanos = System.nanoTime();
            invoking = false;
        }
        return true;
    }

    private void handle(List<Message> received) {
        SQSEvent event = new SQSEvent();
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : received) {
            SQSEvent.SQSMessage r = new SQSEvent.SQSMessage();
            r.setMessageId(m.messageId());
            r.setReceiptHandle(m.receiptHandle());
            r.setBody(m.body());
            r.setMd5OfBody(m.md5OfBody());
            Map<String, String> attributes = new HashMap<>();
            m.attributesAsStrings().forEach(attributes::put);
            r.setAttributes(attributes);
            r.setMessageAttributes(Map.of());
            r.setEventSource("aws:sqs");
            r.setEventSourceArn(queueArn);
            r.setAwsRegion("us-east-1");
            records.add(r);
        }
        event.setRecords(records);
        SQSBatchResponse response;
        try {
            response = function.invoke(event);
        } catch (RuntimeException | Error e) {
            Log.error("queue_batch_failed", Map.of("function", mapping.functionLogicalId(),
                    "messages", received.size(), "exception", e.getClass().getName()));
            return;
        }
        Set<String> failed = new HashSet<>();
        if (mapping.reportBatchItemFailures() && response != null && response.getBatchItemFailures() != null) {
            response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
        }
        for (Message m : received) {
            if (!failed.contains(m.messageId())) {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(m.receiptHandle()));
            }
        }
    }
}
