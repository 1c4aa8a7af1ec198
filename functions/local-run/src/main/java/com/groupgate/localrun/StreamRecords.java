package com.groupgate.localrun;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Date;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * A DynamoDB Streams record as the SDK reads it, turned into the record Lambda's event
 * source mapping delivers ({@code DynamodbEvent.DynamodbStreamRecord}, with
 * {@code eventSourceARN}), and into the JSON form Lambda matches filter patterns against.
 */
public final class StreamRecords {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StreamRecords() {
    }

    public static DynamodbEvent.DynamodbStreamRecord toLambda(Record record, String streamArn) {
        DynamodbEvent.DynamodbStreamRecord out = new DynamodbEvent.DynamodbStreamRecord();
        out.setEventID(record.eventID());
        out.setEventName(record.eventNameAsString());
        out.setEventVersion(record.eventVersion());
        out.setEventSource("aws:dynamodb");
        out.setAwsRegion(record.awsRegion());
        out.setEventSourceARN(streamArn);
        if (record.userIdentity() != null) {
            Identity identity = new Identity();
            identity.setPrincipalId(record.userIdentity().principalId());
            identity.setType(record.userIdentity().type());
            out.setUserIdentity(identity);
        }
        var in = record.dynamodb();
        StreamRecord dynamodb = new StreamRecord();
        if (in.approximateCreationDateTime() != null) {
            dynamodb.setApproximateCreationDateTime(Date.from(in.approximateCreationDateTime()));
        }
        if (in.hasKeys()) {
            dynamodb.setKeys(AttributeValues.toLambda(in.keys()));
        }
        if (in.hasNewImage()) {
            dynamodb.setNewImage(AttributeValues.toLambda(in.newImage()));
        }
        if (in.hasOldImage()) {
            dynamodb.setOldImage(AttributeValues.toLambda(in.oldImage()));
        }
        dynamodb.setSequenceNumber(in.sequenceNumber());
        dynamodb.setSizeBytes(in.sizeBytes());
        if (in.streamViewTypeAsString() != null) {
            dynamodb.setStreamViewType(StreamViewType.fromValue(in.streamViewTypeAsString()));
        }
        out.setDynamodb(dynamodb);
        return out;
    }

    /** The record as Lambda serializes it for filtering: {@code {"eventName":..., "dynamodb":{"NewImage":{...}}}}. */
    public static ObjectNode toJson(Record record, String streamArn) {
        ObjectNode out = JSON.objectNode();
        out.put("eventID", record.eventID());
        out.put("eventName", record.eventNameAsString());
        out.put("eventVersion", record.eventVersion());
        out.put("eventSource", "aws:dynamodb");
        out.put("awsRegion", record.awsRegion());
        var in = record.dynamodb();
        ObjectNode dynamodb = out.putObject("dynamodb");
        if (in.approximateCreationDateTime() != null) {
            dynamodb.put("ApproximateCreationDateTime", in.approximateCreationDateTime().getEpochSecond());
        }
        if (in.hasKeys()) {
            dynamodb.set("Keys", AttributeValues.toJson(in.keys()));
        }
        if (in.hasNewImage()) {
            dynamodb.set("NewImage", AttributeValues.toJson(in.newImage()));
        }
        if (in.hasOldImage()) {
            dynamodb.set("OldImage", AttributeValues.toJson(in.oldImage()));
        }
        dynamodb.put("SequenceNumber", in.sequenceNumber());
        if (in.sizeBytes() != null) {
            dynamodb.put("SizeBytes", in.sizeBytes());
        }
        dynamodb.put("StreamViewType", in.streamViewTypeAsString());
        if (record.userIdentity() != null) {
            ObjectNode identity = out.putObject("userIdentity");
            identity.put("principalId", record.userIdentity().principalId());
            identity.put("type", record.userIdentity().type());
        }
        out.put("eventSourceARN", streamArn);
        return out;
    }
}
