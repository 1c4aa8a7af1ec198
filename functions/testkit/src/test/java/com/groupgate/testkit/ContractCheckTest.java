package com.groupgate.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The checker fails what openapi.yaml does not describe, and passes what it does. */
class ContractCheckTest {
    private static final ContractCheck CHECK = new ContractCheck(ApiContract.get());
    private static final String GROUP_ID = "abcdefghijklm";
    private static final String ERROR_404 = "{\"error\":{\"code\":\"not_found\",\"message\":\"not found\"}}";
    private static final String ERROR_400 = "{\"error\":{\"code\":\"bad_request\",\"message\":\"name: is required\","
            + "\"field\":\"name\"}}";

    private static APIGatewayV2HTTPEvent request(String method, String path, Map<String, String> query, String body,
                                                 Map<String, String> headers) {
        return APIGatewayV2HTTPEvent.builder().withRawPath(path).withHeaders(headers)
                .withQueryStringParameters(query.isEmpty() ? null : query).withBody(body)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder().withMethod(method).build())
                        .build())
                .build();
    }

    private static APIGatewayV2HTTPResponse json(int status, String body) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("content-type", "application/json")).withBody(body).build();
    }

    private static final Map<String, String> KEY = Map.of("authorization", "Bearer gg_key",
            "content-type", "application/json");

    private static List<String> problems(APIGatewayV2HTTPEvent request, APIGatewayV2HTTPResponse response) {
        return CHECK.problems(request, response);
    }

    @Test
    void aDocumentedAnswerPasses() {
        assertEquals(List.of(), problems(request("GET", "/health", Map.of(), null, Map.of()),
                json(200, "{\"status\":\"ok\"}")));
    }

    @Test
    void aFieldTheSchemaDoesNotHaveFails() {
        assertTrue(problems(request("GET", "/health", Map.of(), null, Map.of()),
                json(200, "{\"status\":\"ok\",\"uptime\":5}")).toString().contains("uptime"));
    }

    @Test
    void anUndocumentedStatusFails() {
        assertTrue(problems(request("GET", "/health", Map.of(), null, Map.of()), json(418, "{}"))
                .toString().contains("status 418 is not documented"));
    }

    @Test
    void anUndocumentedContentTypeFails() {
        var html = APIGatewayV2HTTPResponse.builder().withStatusCode(200)
                .withHeaders(Map.of("content-type", "text/html")).withBody("<p>ok</p>").build();
        assertTrue(problems(request("GET", "/health", Map.of(), null, Map.of()), html).toString()
                .contains("text/html is not documented"));
    }

    @Test
    void aRouteTheDocumentLacksMayOnlyBeRefused() {
        var unknown = request("GET", "/v1/secret-route", Map.of(), null, KEY);
        assertEquals(List.of(), problems(unknown, json(404, ERROR_404)));
        assertTrue(problems(unknown, json(200, "{}")).toString().contains("does not have answered 200"));
        var wrongMethod = request("DELETE", "/v1/groups", Map.of(), null, KEY);
        assertTrue(problems(wrongMethod, json(200, "{}")).toString().contains("does not have answered 200"));
    }

    @Test
    void anInvalidRequestMustBeRefusedWithA4xx() {
        var noName = request("POST", "/v1/groups", Map.of(), "{\"capacity\":5}", KEY);
        assertEquals(List.of(), problems(noName, json(400, ERROR_400)));
        String group = "{\"groupId\":\"" + GROUP_ID + "\",\"name\":\"g\",\"capacity\":5,\"members\":0,"
                + "\"joinPolicy\":\"open\",\"category\":\"personal\",\"welcomeMessage\":\"\",\"verifyAbove\":null,"
                + "\"status\":\"active\",\"entry\":null}";
        assertTrue(problems(noName, json(201, group)).toString().contains("rather than refused with a 4xx"));
        var noKey = request("GET", "/v1/groups/" + GROUP_ID, Map.of(), null, Map.of());
        assertTrue(problems(noKey, json(200, group)).toString().contains("no Authorization"));
        var badLimit = request("GET", "/v1/groups", Map.of("limit", "500"), null, KEY);
        assertTrue(problems(badLimit, json(200, "{\"items\":[],\"nextCursor\":null}")).toString()
                .contains("query parameter limit"));
    }

    @Test
    void aJsonBodyOfAnotherMediaTypeOrCharsetMustBeRefused() {
        String group = "{\"name\":\"g\",\"capacity\":5}";
        String created = "{\"groupId\":\"" + GROUP_ID + "\",\"name\":\"g\",\"capacity\":5,\"members\":0,"
                + "\"joinPolicy\":\"open\",\"category\":\"personal\",\"welcomeMessage\":\"\",\"verifyAbove\":null,"
                + "\"status\":\"active\",\"entry\":null}";
        for (String type : new String[] {"application/x-www-form-urlencoded", "application/json; charset=GBK"}) {
            var form = request("POST", "/v1/groups", Map.of(), group,
                    Map.of("authorization", "Bearer gg_key", "content-type", type));
            assertTrue(problems(form, json(201, created)).toString().contains("rather than refused with a 4xx"), type);
        }
        var bare = request("POST", "/v1/groups", Map.of(), group, Map.of("authorization", "Bearer gg_key"));
        assertTrue(problems(bare, json(201, created)).toString().contains("without Content-Type"));
        var utf8 = request("POST", "/v1/groups", Map.of(), group,
                Map.of("authorization", "Bearer gg_key", "content-type", "application/json; charset=utf-8"));
        assertEquals(List.of(), problems(utf8, json(201, created)));
    }

    @Test
    void aValidRequestPassesWithItsDocumentedAnswer() {
        var list = request("GET", "/v1/groups", Map.of("limit", "5"), null, KEY);
        assertEquals(List.of(), problems(list, json(200, "{\"items\":[],\"nextCursor\":null}")));
    }

    /** A JSON scan refusal with the scan headers but Retry-After. */
    private static APIGatewayV2HTTPResponse scanRefusal(int status, String code) {
        return APIGatewayV2HTTPResponse.builder().withStatusCode(status)
                .withHeaders(Map.of("content-type", "application/json", "cache-control", "no-store"))
                .withBody("{\"error\":{\"code\":\"" + code + "\",\"message\":\"m\"}}").build();
    }

    @Test
    void aRequiredResponseHeaderMustBeThere() {
        var scan = request("GET", "/S/TOKEN", Map.of(), null, Map.of("accept", "application/json"));
        assertTrue(problems(scan, scanRefusal(429, "daily_limit")).toString()
                .contains("header Retry-After is required"));
    }

    @Test
    void anErrorCodeTheStatusDoesNotListFails() {
        var scan = request("GET", "/S/TOKEN", Map.of(), null, Map.of("accept", "application/json"));
        List<String> problems = problems(scan, scanRefusal(410, "group_full"));
        assertTrue(problems.toString().contains("/error/code"), problems.toString());
    }
}
