package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.groupgate.api.CodesApiHandler;
import com.groupgate.api.audit.AuditApiHandler;
import com.groupgate.localaws.CloudFormationTemplate;
import com.groupgate.designs.DesignsHandler;
import com.groupgate.scan.ScanHandler;
import com.groupgate.testkit.ApiContract;
import com.groupgate.testkit.TestDeployment;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml describes exactly the routes GroupGate serves: every route a function's
 * router registers is an operation of the document and every operation is a registered
 * route (path templates and parameter names alike), and template.yaml — its HTTP API, and
 * the edge's behaviors in front of it — sends each operation to the function that registers
 * it, with no HTTP API route left over.
 */
class OpenApiCoverageIT {
    private static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.ofRepository();
    private static Map<String, List<String>> routesByFunction;

    @BeforeAll
    static void routers() {
        TestDeployment aws = TestDeployment.get();
        routesByFunction = Map.of(
                LocalGroupGate.CODES_API_FUNCTION, new CodesApiHandler(
                        aws.wiring(LocalGroupGate.CODES_API_FUNCTION, Clock.systemUTC())).routes(),
                LocalGroupGate.SCAN_FUNCTION, new ScanHandler(
                        aws.wiring(LocalGroupGate.SCAN_FUNCTION, Clock.systemUTC())).routes(),
                LocalGroupGate.AUDIT_FUNCTION, new AuditApiHandler(
                        aws.wiring(LocalGroupGate.AUDIT_FUNCTION, Clock.systemUTC())).routes(),
                LocalGroupGate.DESIGNS_FUNCTION, new DesignsHandler(
                        aws.wiring(LocalGroupGate.DESIGNS_FUNCTION, Clock.systemUTC())).routes());
    }

    private static TreeSet<String> documented() {
        TreeSet<String> out = new TreeSet<>();
        ApiContract.get().operations().forEach(op -> out.add(op.route()));
        return out;
    }

    @Test
    void theDocumentHasEveryRouteTheRoutersRegisterAndNoOther() {
        TreeSet<String> registered = new TreeSet<>();
        routesByFunction.values().forEach(registered::addAll);
        TreeSet<String> missingFromDocument = new TreeSet<>(registered);
        missingFromDocument.removeAll(documented());
        TreeSet<String> missingFromCode = documented();
        missingFromCode.removeAll(registered);
        assertEquals(List.of(), List.copyOf(missingFromDocument), "registered by a router, not in openapi.yaml");
        assertEquals(List.of(), List.copyOf(missingFromCode), "in openapi.yaml, registered by no router");
    }

    @Test
    void theTemplateSendsEveryOperationToTheFunctionThatServesIt() {
        List<HttpRoute> template = HttpRoute.fromTemplate(TEMPLATE);
        List<String> problems = new ArrayList<>();
        for (ApiContract.Operation op : ApiContract.get().operations()) {
            String path = op.pathTemplate().replaceAll("\\{([^}]+)}", "$1");
            Optional<HttpRoute.Matched> routed = HttpRoute.resolve(template, op.method(), path);
            if (routed.isEmpty()) {
                problems.add(op.route() + ": no HttpApi event of template.yaml takes it");
            } else if (!routesByFunction.getOrDefault(routed.get().route().functionLogicalId(), List.of())
                    .contains(op.route())) {
                problems.add(op.route() + ": template.yaml sends it to " + routed.get().route().functionLogicalId()
                        + ", whose router does not register it");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void throughTheEdgeEveryOperationStillReachesTheFunctionThatServesIt() {
        Routes edge = Routes.fromTemplate(TEMPLATE, Map.of("Edge", "true"));
        List<String> problems = new ArrayList<>();
        for (ApiContract.Operation op : ApiContract.get().operations()) {
            String path = op.pathTemplate().replaceAll("\\{([^}]+)}", "$1");
            Routes.Target target = edge.resolve(op.method(), path).orElse(null);
            String function = target instanceof Routes.FunctionUrl url ? url.functionLogicalId()
                    : target instanceof Routes.HttpApi api ? api.matched().route().functionLogicalId() : null;
            if (function == null || !routesByFunction.getOrDefault(function, List.of()).contains(op.route())) {
                problems.add(op.route() + ": the edge sends it to " + function);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyTemplateRouteIsInTheDocument() {
        List<String> problems = new ArrayList<>();
        for (HttpRoute route : HttpRoute.fromTemplate(TEMPLATE)) {
            boolean described = ApiContract.get().operations().stream().anyMatch(op -> {
                String path = op.pathTemplate().replaceAll("\\{([^}]+)}", "$1");
                return route.match(op.method(), path).isPresent()
                        && HttpRoute.resolve(HttpRoute.fromTemplate(TEMPLATE), op.method(), path)
                        .map(m -> m.route().equals(route)).orElse(false);
            });
            if (!described) {
                problems.add(route.routeKey() + " (" + route.functionLogicalId() + ") takes no operation of openapi.yaml");
            }
        }
        assertEquals(List.of(), problems);
    }
}
