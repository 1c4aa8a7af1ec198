package com.groupgate.localaws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Intrinsic functions resolve as CloudFormation resolves them. */
class IntrinsicsTest {
    private final Map<String, String> refs = Map.of("MainTable", "MainTable", "AWS::Region", "us-east-1",
            "AWS::Partition", "aws", "AWS::AccountId", "123456789012", "CreateEdge", "true");
    private final Map<String, String> attributes = Map.of(
            "MainTable.StreamArn", "arn:aws:dynamodb:us-east-1:123456789012:table/MainTable/stream/2026-12-02T00:00:00.000",
            "Bucket.Arn", "arn:aws:s3:::images");
    private final Intrinsics intrinsics = new Intrinsics(refs::get, attributes::get,
            Map.of("Edge", Map.of("Fn::Equals", List.of(Map.of("Ref", "CreateEdge"), "true")),
                    "NoEdge", Map.of("Fn::Not", List.of(Map.of("Condition", "Edge")))));

    @Test
    void subReplacesRefsAttributesAndItsOwnVariables() {
        assertEquals("arn:aws:dynamodb:us-east-1:123456789012:table/MainTable/index/*",
                intrinsics.resolve(Map.of("Fn::Sub", List.of(
                        "arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${tableName}/index/*",
                        Map.of("tableName", Map.of("Ref", "MainTable"))))));
        assertEquals("arn:aws:s3:::images/codes/*", intrinsics.resolve(Map.of("Fn::Sub", "${Bucket.Arn}/codes/*")));
        assertEquals("${literal}", intrinsics.resolve(Map.of("Fn::Sub", "${!literal}")));
    }

    @Test
    void selectOfSplitPicksTheStreamLabel() {
        assertEquals("2026-12-02T00:00:00.000", intrinsics.resolve(Map.of("Fn::Select", List.of(3,
                Map.of("Fn::Split", List.of("/", Map.of("Fn::GetAtt", List.of("MainTable", "StreamArn"))))))));
    }

    @Test
    void ifFollowsTheConditionAndNoValueRemovesTheProperty() {
        Object resolved = intrinsics.resolve(Map.of("A", Map.of("Fn::If", List.of("Edge", "on", "off")),
                "B", Map.of("Fn::If", List.of("NoEdge", "x", Map.of("Ref", "AWS::NoValue"))),
                "C", List.of("kept", Map.of("Fn::If", List.of("NoEdge", "gone", Map.of("Ref", "AWS::NoValue"))))));
        assertEquals(Map.of("A", "on", "C", List.of("kept")), resolved);
        assertEquals("a,b", intrinsics.resolve(Map.of("Fn::Join", List.of(",", List.of("a", "b")))));
    }

    @Test
    void anUnknownReferenceIsAnErrorNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> intrinsics.resolve(Map.of("Fn::GetAtt", List.of("Queue", "Arn"))));
        assertEquals("cannot resolve Fn::GetAtt Queue.Arn", e.getMessage());
    }
}
