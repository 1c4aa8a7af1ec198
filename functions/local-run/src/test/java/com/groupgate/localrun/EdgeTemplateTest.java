package com.groupgate.localrun;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.localaws.CloudFormationTemplate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The edge template.yaml creates (Edge=true) is the one the functions assume: only CloudFront,
 * signing with origin access control, may invoke the scan function's URL; every origin request
 * carries X-Origin-Verify, the scan requests the viewer geo headers and never Host; the web ACL
 * rate-limits the scan paths per address, and exists only where it can. Code images come from the
 * private bucket, read only by this distribution and only under i/, cached for a year; every
 * answer carries HSTS.
 */
class EdgeTemplateTest {
    private static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.ofRepository();
    private static final List<String> EDGE_RESOURCES = List.of("EdgeDistribution", "ScanOriginRequestPolicy",
            "ScanOriginAccessControl", "ScanUrlInvokeUrlFromEdge", "ScanUrlInvokeFromEdge",
            "ImagesOriginAccessControl", "ImagesCachePolicy", "EdgeResponseHeadersPolicy", "ConsoleBucket",
            "ConsoleBucketPolicy", "ConsoleOriginAccessControl", "ConsoleCachePolicy", "ConsoleResponseHeadersPolicy",
            "ConsoleIndexFunction");

    @Test
    void everyFunctionOriginRequestCarriesTheOriginSecret() {
        for (Map<String, Object> origin : origins()) {
            if (origin.containsKey("S3OriginConfig")) {
                continue; // S3 authorizes the distribution's signature; there is no function to tell
            }
            // OriginSecret's current value, or the version the operator pins after putting a new one.
            assertEquals(List.of(Map.of("HeaderName", "X-Origin-Verify", "HeaderValue", Map.of("Fn::If", List.of(
                            "OriginSecretPinned",
                            Map.of("Fn::Sub", "{{resolve:secretsmanager:${OriginSecret}:SecretString:::${OriginSecretVersionId}}}"),
                            Map.of("Fn::Sub", "{{resolve:secretsmanager:${OriginSecret}:SecretString}}"))))),
                    origin.get("OriginCustomHeaders"), String.valueOf(origin.get("Id")));
        }
    }

    @Test
    void theScanOriginIsTheFunctionUrlSignedWithOriginAccessControl() {
        Map<String, Object> scan = origins().stream().filter(o -> "ScanFunctionUrl".equals(o.get("Id"))).findFirst()
                .orElseThrow();
        assertEquals(Map.of("Fn::GetAtt", List.of("ScanOriginAccessControl", "Id")), scan.get("OriginAccessControlId"));
        assertEquals(Map.of("OriginAccessControlOriginType", "lambda", "SigningBehavior", "always",
                        "SigningProtocol", "sigv4"),
                subset(map(TEMPLATE.properties("ScanOriginAccessControl").get("OriginAccessControlConfig")),
                        "OriginAccessControlOriginType", "SigningBehavior", "SigningProtocol"));
        assertEquals("AWS_IAM", map(TEMPLATE.properties("ScanFunction").get("FunctionUrlConfig")).get("AuthType"));
        for (Map<String, Object> behavior : scanBehaviors()) {
            assertEquals("ScanFunctionUrl", behavior.get("TargetOriginId"));
            assertEquals("4135ea2d-6df8-44a3-9df3-4b5a84be39ad", behavior.get("CachePolicyId"), "nothing cached");
            boolean scans = behavior.get("PathPattern").toString().toLowerCase(java.util.Locale.ROOT).startsWith("/s/");
            assertEquals(scans, ((List<?>) behavior.get("AllowedMethods")).contains("POST"),
                    "joins are POSTs; a request's status is only read: " + behavior.get("PathPattern"));
        }
    }

    @Test
    void scanRequestsCarryTheViewerGeoHeadersAndNeverHost() {
        for (Map<String, Object> behavior : scanBehaviors()) {
            assertEquals(Map.of("Ref", "ScanOriginRequestPolicy"), behavior.get("OriginRequestPolicyId"));
        }
        Map<String, Object> headers = map(map(TEMPLATE.properties("ScanOriginRequestPolicy")
                .get("OriginRequestPolicyConfig")).get("HeadersConfig"));
        assertEquals("whitelist", headers.get("HeaderBehavior"));
        Set<String> names = ((List<?>) headers.get("Headers")).stream().map(h -> String.valueOf(h).toLowerCase())
                .collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("cloudfront-viewer-country", "cloudfront-viewer-country-region",
                "cloudfront-viewer-city", "cloudfront-viewer-address")), names.toString());
        assertTrue(names.containsAll(Set.of("x-amz-content-sha256", "user-agent", "accept", "content-type")),
                names.toString());
        assertFalse(names.contains("host"), "the function URL checks the signature against its own host");
    }

    @Test
    void onlyThisDistributionMayInvokeTheScanUrlsAlias() {
        Map<String, Object> url = TEMPLATE.properties("ScanUrlInvokeUrlFromEdge");
        Map<String, Object> invoke = TEMPLATE.properties("ScanUrlInvokeFromEdge");
        assertEquals("lambda:InvokeFunctionUrl", url.get("Action"));
        assertEquals("AWS_IAM", url.get("FunctionUrlAuthType"));
        assertEquals("lambda:InvokeFunction", invoke.get("Action"));
        assertEquals(Boolean.TRUE, invoke.get("InvokedViaFunctionUrl"));
        for (Map<String, Object> permission : List.of(url, invoke)) {
            assertEquals("cloudfront.amazonaws.com", permission.get("Principal"));
            assertEquals(Map.of("Ref", "ScanFunction.Alias"), permission.get("FunctionName"));
            assertEquals(Map.of("Fn::Sub", "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${EdgeDistribution}"),
                    permission.get("SourceArn"));
        }
        // As deployed: the URL and both statements are on the `live` alias, which the URL invokes.
        CloudFormationTemplate deployed = TEMPLATE.deployed();
        assertEquals(Map.of("Ref", "ScanFunctionAliaslive"), deployed.properties("ScanFunctionUrl").get("TargetFunctionArn"));
        assertEquals(Map.of("Ref", "ScanFunctionAliaslive"), deployed.properties("ScanUrlInvokeUrlFromEdge").get("FunctionName"));
        assertEquals(Map.of("Ref", "ScanFunctionAliaslive"), deployed.properties("ScanUrlInvokeFromEdge").get("FunctionName"));
    }

    @Test
    void theRateRuleLimitsEachAddressOnTheScanPathsWithA429() {
        Map<String, Object> rule = map(((List<?>) TEMPLATE.properties("EdgeWebAcl").get("Rules")).get(0));
        Map<String, Object> rate = map(map(rule.get("Statement")).get("RateBasedStatement"));
        assertEquals("IP", rate.get("AggregateKeyType"));
        assertEquals(Map.of("Ref", "ScanRateLimit"), rate.get("Limit"));
        List<?> statements = (List<?>) map(map(rate.get("ScopeDownStatement")).get("OrStatement")).get("Statements");
        // Lowercased first: /s/ stands for /S/ and /s/ (scans, joins), /r/ for /R/ and /r/ (request status), /p/ for /P/ (progress).
        assertEquals(Set.of("/s/", "/r/", "/p/"), statements.stream().map(s -> map(map(s).get("ByteMatchStatement")))
                .peek(m -> assertEquals("STARTS_WITH", m.get("PositionalConstraint")))
                .peek(m -> assertEquals(List.of(Map.of("Priority", 0, "Type", "LOWERCASE")), m.get("TextTransformations")))
                .peek(m -> assertEquals(Map.of("UriPath", Map.of()), m.get("FieldToMatch")))
                .map(m -> String.valueOf(m.get("SearchString"))).collect(Collectors.toSet()));
        assertEquals(429, map(map(map(rule.get("Action")).get("Block")).get("CustomResponse")).get("ResponseCode"));
        assertEquals("CLOUDFRONT", TEMPLATE.properties("EdgeWebAcl").get("Scope"));
    }

    @Test
    void theWebAclIsCreatedWhenAskedAttachedWhenGivenAndAbsentWithoutTheEdge() {
        String arn = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/shared/0f1e2d3c";
        assertTrue(TEMPLATE.isCreated("EdgeWebAcl", Map.of()), "the default creates it (the local region is us-east-1)");
        assertFalse(TEMPLATE.isCreated("EdgeWebAcl", Map.of("WebAcl", "none")));
        assertFalse(TEMPLATE.isCreated("EdgeWebAcl", Map.of("WebAcl", arn)));
        assertFalse(TEMPLATE.isCreated("EdgeWebAcl", Map.of("Edge", "false")));
        Object webAclId = map(TEMPLATE.properties("EdgeDistribution").get("DistributionConfig")).get("WebACLId");
        assertEquals(arn, TEMPLATE.parameterIntrinsics(Map.of("WebAcl", arn)).resolve(webAclId));
        assertNull(TEMPLATE.parameterIntrinsics(Map.of("WebAcl", "none")).resolve(webAclId), "no WebACLId at all");
    }

    @Test
    void withoutTheEdgeNoneOfItIsCreated() {
        for (String id : EDGE_RESOURCES) {
            assertTrue(TEMPLATE.isCreated(id, Map.of()), id + " with the edge");
            assertFalse(TEMPLATE.isCreated(id, Map.of("Edge", "false")), id + " without the edge");
        }
    }

    private static List<Map<String, Object>> origins() {
        return ((List<?>) distribution().get("Origins")).stream().map(EdgeTemplateTest::map).toList();
    }

    @Test
    void codeImagesComeFromTheBucketThroughOriginAccessControlCachedForAYear() {
        Map<String, Object> images = behaviors().stream().filter(b -> "/i/*".equals(b.get("PathPattern"))).findFirst()
                .orElseThrow();
        assertEquals("ImagesBucket", images.get("TargetOriginId"));
        assertEquals(List.of("GET", "HEAD"), images.get("AllowedMethods"));
        assertEquals(Map.of("Ref", "ImagesCachePolicy"), images.get("CachePolicyId"));
        Map<String, Object> origin = origins().stream().filter(o -> "ImagesBucket".equals(o.get("Id"))).findFirst()
                .orElseThrow();
        assertEquals(Map.of("Fn::GetAtt", List.of("ImagesBucket", "RegionalDomainName")), origin.get("DomainName"));
        assertEquals(Map.of("Fn::GetAtt", List.of("ImagesOriginAccessControl", "Id")), origin.get("OriginAccessControlId"));
        assertEquals(Map.of("OriginAccessIdentity", ""), origin.get("S3OriginConfig"), "no legacy OAI");
        assertEquals(Map.of("OriginAccessControlOriginType", "s3", "SigningBehavior", "always",
                        "SigningProtocol", "sigv4"),
                subset(map(TEMPLATE.properties("ImagesOriginAccessControl").get("OriginAccessControlConfig")),
                        "OriginAccessControlOriginType", "SigningBehavior", "SigningProtocol"));
        Map<String, Object> cache = map(TEMPLATE.properties("ImagesCachePolicy").get("CachePolicyConfig"));
        assertEquals(31536000, cache.get("DefaultTTL"));
        assertEquals(31536000, cache.get("MaxTTL"));
        Map<String, Object> key = map(cache.get("ParametersInCacheKeyAndForwardedToOrigin"));
        assertEquals(Map.of("HeaderBehavior", "none"), key.get("HeadersConfig"));
        assertEquals(Map.of("QueryStringBehavior", "none"), key.get("QueryStringsConfig"));
        assertEquals(Map.of("CookieBehavior", "none"), key.get("CookiesConfig"));
    }

    @Test
    void onlyThisDistributionMayReadTheBucketAndOnlyCodeImages() {
        List<Map<String, Object>> toCloudFront = statements().stream()
                .filter(st -> st.containsKey("Fn::If"))
                .map(st -> map(((List<?>) st.get("Fn::If")).get(1))).toList();
        assertEquals(1, toCloudFront.size(), "one statement, only with the edge");
        Map<String, Object> read = toCloudFront.get(0);
        assertEquals("CreateEdge", ((List<?>) statements().stream().filter(st -> st.containsKey("Fn::If"))
                .findFirst().orElseThrow().get("Fn::If")).get(0));
        assertEquals("Allow", read.get("Effect"));
        assertEquals(Map.of("Service", "cloudfront.amazonaws.com"), read.get("Principal"));
        assertEquals("s3:GetObject", read.get("Action"), "no listing: a missing image is a 403");
        assertEquals(Map.of("Fn::Sub", "${ImagesBucket.Arn}/i/*"), read.get("Resource"));
        assertEquals(Map.of("StringEquals", Map.of("AWS:SourceArn",
                        Map.of("Fn::Sub", "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${EdgeDistribution}"))),
                read.get("Condition"));
    }

    @Test
    void groupCodeImagesExpireAfterAnyGroupCodeCanAndLiveCodeImagesNever() {
        List<Map<String, Object>> rules = ((List<?>) map(TEMPLATE.properties("ImagesBucket")
                .get("LifecycleConfiguration")).get("Rules")).stream().map(EdgeTemplateTest::map).toList();
        // Code images only (under i/); batches/ has its own 7-day rule, never served by the edge.
        List<Map<String, Object>> expiring = rules.stream().filter(r -> r.containsKey("ExpirationInDays")
                && String.valueOf(r.get("Prefix")).startsWith("i/")).toList();
        assertEquals(1, expiring.size(), rules.toString());
        assertEquals("i/c/", expiring.get(0).get("Prefix"));
        long days = ((Number) expiring.get(0).get("ExpirationInDays")).longValue();
        assertTrue(days * 86400 > com.groupgate.scan.Expiry.MAX_TTL_SECONDS, days + " days");
        for (Map<String, Object> rule : rules) {
            Object prefix = rule.get("Prefix");
            assertTrue(prefix == null || !"i/l/".startsWith(String.valueOf(prefix)) || !rule.containsKey("ExpirationInDays"),
                    "a live code's image must live as long as the code: " + rule);
        }
    }

    @Test
    void everyBehaviorSendsHsts() {
        for (Map<String, Object> behavior : behaviors()) {
            // The console's behavior has a policy of its own (its CSP), with the same HSTS.
            String policy = "/console*".equals(behavior.get("PathPattern")) ? "ConsoleResponseHeadersPolicy"
                    : "EdgeResponseHeadersPolicy";
            assertEquals(Map.of("Ref", policy), behavior.get("ResponseHeadersPolicyId"),
                    String.valueOf(behavior.get("PathPattern")));
            Map<String, Object> hsts = map(map(map(TEMPLATE.properties(policy)
                    .get("ResponseHeadersPolicyConfig")).get("SecurityHeadersConfig")).get("StrictTransportSecurity"));
            assertTrue(((Number) hsts.get("AccessControlMaxAgeSec")).longValue() >= 31536000, hsts.toString());
            assertEquals(Boolean.TRUE, hsts.get("IncludeSubdomains"));
            assertEquals(Boolean.TRUE, hsts.get("Override"));
        }
    }

    private static List<Map<String, Object>> statements() {
        return ((List<?>) map(TEMPLATE.properties("ImagesBucketPolicy").get("PolicyDocument")).get("Statement"))
                .stream().map(EdgeTemplateTest::map).toList();
    }

    /** Every cache behavior, the default last. */
    private static List<Map<String, Object>> behaviors() {
        List<Map<String, Object>> out = new java.util.ArrayList<>(((List<?>) distribution().get("CacheBehaviors"))
                .stream().map(EdgeTemplateTest::map).toList());
        out.add(map(distribution().get("DefaultCacheBehavior")));
        return out;
    }

    private static List<Map<String, Object>> scanBehaviors() {
        List<Map<String, Object>> behaviors = ((List<?>) distribution().get("CacheBehaviors")).stream()
                .map(EdgeTemplateTest::map).filter(b -> "ScanFunctionUrl".equals(b.get("TargetOriginId"))).toList();
        assertEquals(List.of("/S/*", "/s/*", "/R/*", "/r/*", "/P/*"),
                behaviors.stream().map(b -> b.get("PathPattern")).toList());
        return behaviors;
    }

    private static Map<String, Object> distribution() {
        return map(TEMPLATE.properties("EdgeDistribution").get("DistributionConfig"));
    }

    private static Map<String, Object> subset(Map<String, Object> m, String... keys) {
        return java.util.Arrays.stream(keys).collect(Collectors.toMap(k -> k, m::get));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }
}
