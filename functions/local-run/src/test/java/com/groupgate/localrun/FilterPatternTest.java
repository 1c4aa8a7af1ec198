package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.groupgate.localaws.CloudFormationTemplate;
import org.junit.jupiter.api.Test;

class FilterPatternTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final EventSourceMapping AGGREGATE =
            EventSourceMapping.fromTemplate(CloudFormationTemplate.ofRepository(), "AggregateFunction");

    private static JsonNode json(String s) {
        try {
            return MAPPER.readTree(s.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    @Test
    void templateFilterAdmitsOnlyItemsCarryingAFactId() {
        assertEquals(1, AGGREGATE.filters().size());
        assertTrue(AGGREGATE.admits(json("{'eventName':'INSERT','dynamodb':{'NewImage':{'fact':{'M':{'id':{'S':'f1'}}}}}}")));
        assertFalse(AGGREGATE.admits(json("{'eventName':'INSERT','dynamodb':{'NewImage':{'pk':{'S':'x'}}}}")));
        assertFalse(AGGREGATE.admits(json("{'eventName':'MODIFY','dynamodb':{'NewImage':{'fact':{'M':{'id':{'N':'1'}}}}}}")));
        assertFalse(AGGREGATE.admits(json("{'eventName':'REMOVE','dynamodb':{'OldImage':{'fact':{'M':{'id':{'S':'f1'}}}}}}")));
        assertFalse(AGGREGATE.admits(json("{'dynamodb':{'NewImage':{'fact':{'M':{'id':{'M':{}}}}}}}")));
    }

    @Test
    void templateMappingSettingsAreRead() {
        assertEquals("MainTable", AGGREGATE.tableLogicalId());
        assertEquals("StreamFailureQueue", AGGREGATE.onFailureQueueLogicalId());
        assertEquals(500, AGGREGATE.batchSize());
        assertEquals(5, AGGREGATE.maximumRetryAttempts());
        assertTrue(AGGREGATE.bisectBatchOnFunctionError());
        assertTrue(AGGREGATE.reportBatchItemFailures());
        assertEquals("TRIM_HORIZON", AGGREGATE.startingPosition());
        assertEquals(java.time.Duration.ofSeconds(900), AGGREGATE.tumblingWindow());
        assertTrue(AGGREGATE.windowed(), "the aggregate keeps a checkpoint per shard: its events must name the shard");
    }

    @Test
    void existsFalseNeedsTheFieldAbsent() {
        FilterPattern p = FilterPattern.parse("{\"dynamodb\":{\"OldImage\":[{\"exists\":false}]}}");
        assertTrue(p.matches(json("{'dynamodb':{'NewImage':{}}}")));
        assertTrue(p.matches(json("{}")));
        FilterPattern leaf = FilterPattern.parse("{\"a\":{\"b\":[{\"exists\":false}]}}");
        assertFalse(leaf.matches(json("{'a':{'b':'x'}}")));
    }

    @Test
    void literalsPrefixesNumbersAndExclusions() {
        assertTrue(FilterPattern.parse("{\"eventName\":[\"INSERT\",\"MODIFY\"]}").matches(json("{'eventName':'MODIFY'}")));
        assertFalse(FilterPattern.parse("{\"eventName\":[\"INSERT\"]}").matches(json("{'eventName':'REMOVE'}")));
        assertTrue(FilterPattern.parse("{\"k\":{\"S\":[{\"prefix\":\"SCAN#\"}]}}").matches(json("{'k':{'S':'SCAN#1'}}")));
        assertTrue(FilterPattern.parse("{\"n\":{\"N\":[{\"numeric\":[\">\",0,\"<=\",5]}]}}").matches(json("{'n':{'N':'5'}}")));
        assertFalse(FilterPattern.parse("{\"n\":{\"N\":[{\"numeric\":[\">\",0,\"<=\",5]}]}}").matches(json("{'n':{'N':'6'}}")));
        assertTrue(FilterPattern.parse("{\"t\":[{\"anything-but\":[\"JOIN\"]}]}").matches(json("{'t':'SCAN'}")));
        assertFalse(FilterPattern.parse("{\"t\":[{\"anything-but\":[\"JOIN\"]}]}").matches(json("{'t':'JOIN'}")));
        assertTrue(FilterPattern.parse("{\"ss\":[\"b\"]}").matches(json("{'ss':['a','b']}")));
    }

    @Test
    void unsupportedOperatorsAreRefusedWhenParsed() {
        assertThrows(IllegalArgumentException.class, () -> FilterPattern.parse("{\"a\":[{\"cidr\":\"10.0.0.0/8\"}]}"));
        assertThrows(IllegalArgumentException.class, () -> FilterPattern.parse("{\"a\":\"x\"}"));
        assertThrows(IllegalArgumentException.class, () -> FilterPattern.parse("[1]"));
    }
}
