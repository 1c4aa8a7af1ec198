package com.groupgate.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PresignedUrlLifetimesTest {
    private static APIGatewayV2HTTPResponse answer(String body, Map<String, String> headers) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody(body).withHeaders(headers).build();
    }

    @Test
    void urlsPresignedForAtMostFifteenMinutesPass() {
        assertEquals(List.of(), PresignedUrlLifetimes.problems(answer(
                "{\"imageUrl\":\"https://b.s3.amazonaws.com/entries/x.png?X-Amz-Expires=600&X-Amz-Signature=ab\"}",
                Map.of())));
        assertEquals(List.of(), PresignedUrlLifetimes.problems(answer("{\"imageUrl\":\"https://gg.example.com/i/c/t/"
                + "a.png\",\"link\":\"?X-Amz-Expires=900\"}", Map.of())));
    }

    @Test
    void aLongerOneAnywhereInTheAnswerIsReported() {
        assertEquals(List.of("a presigned URL valid 259200 s (at most 900 s)"), PresignedUrlLifetimes.problems(answer(
                "{\"imageUrl\":\"https://b.s3.amazonaws.com/codes/x.png?X-Amz-Date=20261206T000000Z&X-Amz-Expires=259200\"}",
                Map.of())));
        assertEquals(List.of("a presigned URL valid 901 s (at most 900 s)"), PresignedUrlLifetimes.problems(answer(
                "", Map.of("location", "https://b.s3.amazonaws.com/k?x-amz-expires=901"))));
        assertEquals(List.of("a presigned URL valid 604800 s (at most 900 s)"), PresignedUrlLifetimes.problems(
                answer("<img src=\"https://b/k?X-Amz-Expires%3D604800\">", Map.of())));
        APIGatewayV2HTTPResponse encoded = answer(Base64.getEncoder().encodeToString(
                "see https://b/k?X-Amz-Expires=3600".getBytes(StandardCharsets.UTF_8)), Map.of());
        encoded.setIsBase64Encoded(true);
        assertEquals(List.of("a presigned URL valid 3600 s (at most 900 s)"), PresignedUrlLifetimes.problems(encoded));
    }
}
