package com.groupgate.local;

import com.groupgate.emulator.CloudFormationTemplate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which function serves a request, as template.yaml routes it in a stack deployed with the
 * given parameters. When the stack creates the edge (its CloudFront distribution exists), the
 * distribution's cache behaviors decide first, in template order, as CloudFront does: a
 * behavior whose origin is a Lambda function URL sends every request its path pattern matches
 * to that function, which routes within itself; the default behavior sends the rest to the
 * HTTP API, whose routes ({@link HttpRoute}) pick the function; a behavior whose origin is an S3
 * bucket (origin access control) reads the object the path names. Without the edge, the HTTP API
 * routes alone decide.
 *
 * <p>A function URL origin is recognised by its domain naming {@code !GetAtt <F>Url.FunctionUrl},
 * the {@code AWS::Lambda::Url} SAM generates for function {@code F}'s {@code FunctionUrlConfig};
 * a bucket origin by its domain naming {@code !GetAtt <Bucket>.RegionalDomainName} of an
 * {@code AWS::S3::Bucket}; any other origin must be the HTTP API.
 */
public final class Routes {
    /** What answers a request. */
    public sealed interface Target permits FunctionUrl, BucketObject, HttpApi, EdgeRefusal {
    }

    /**
     * The request reads object {@code key} of bucket {@code bucketLogicalId}, through the behavior of
     * {@code pathPattern}; {@code behavior} says what else the distribution does on the way (a
     * viewer-request function that may change the key, response headers).
     */
    public record BucketObject(String bucketLogicalId, String key, String pathPattern, Behavior behavior) implements Target {
        public BucketObject(String bucketLogicalId, String key, String pathPattern) {
            this(bucketLogicalId, key, pathPattern, null);
        }
    }

    /** The request goes to {@code functionLogicalId}'s URL, through the behavior of {@code pathPattern}. */
    public record FunctionUrl(String functionLogicalId, String pathPattern) implements Target {
    }

    /** The request goes to the HTTP API, whose route {@code matched} takes it. */
    public record HttpApi(HttpRoute.Matched matched) implements Target {
    }

    /** CloudFront answers itself: the behavior does not allow the method. */
    public record EdgeRefusal(int status, String message) implements Target {
    }

    /**
     * One cache behavior: {@code pathPattern} (null for the default behavior), the methods it
     * allows, the function whose URL is its origin, or the bucket that is (both null when the
     * origin is the HTTP API); the CloudFront Function it runs on viewer requests and its response
     * headers policy (logical ids, or null).
     */
    public record Behavior(String pathPattern, Set<String> allowedMethods, String functionUrlOf, String bucketOf,
                           String viewerRequestFunction, String responseHeadersPolicy) {
        public Behavior {
            allowedMethods = Set.copyOf(allowedMethods);
        }

        public Behavior(String pathPattern, Set<String> allowedMethods, String functionUrlOf, String bucketOf) {
            this(pathPattern, allowedMethods, functionUrlOf, bucketOf, null, null);
        }

        public Behavior(String pathPattern, Set<String> allowedMethods, String functionUrlOf) {
            this(pathPattern, allowedMethods, functionUrlOf, null);
        }

        /** CloudFront's path pattern match: case-sensitive, {@code *} any run of characters, {@code ?} one. */
        boolean matches(String rawPath) {
            if (pathPattern == null) {
                return true;
            }
            String pattern = pathPattern.startsWith("/") ? pathPattern : "/" + pathPattern;
            StringBuilder regex = new StringBuilder();
            for (char c : pattern.toCharArray()) {
                regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
            }
            return rawPath.matches(regex.toString());
        }
    }

    private static final String DISTRIBUTION = "AWS::CloudFront::Distribution";
    private static final String FUNCTION = "AWS::Serverless::Function";
    private static final String BUCKET = "AWS::S3::Bucket";

    /** An origin: a function's URL, a bucket, or (both null) the HTTP API. */
    private record Origin(String function, String bucket) {
    }

    private final boolean edge;
    private final List<Behavior> behaviors;
    private final List<HttpRoute> httpApiRoutes;

    private Routes(boolean edge, List<Behavior> behaviors, List<HttpRoute> httpApiRoutes) {
        this.edge = edge;
        this.behaviors = List.copyOf(behaviors);
        this.httpApiRoutes = List.copyOf(httpApiRoutes);
    }

    /**
     * The routes of {@code template} in a stack deployed with {@code parameters} (template
     * defaults fill the rest), e.g. {@code Map.of("Edge", "false")}.
     */
    public static Routes fromTemplate(CloudFormationTemplate template, Map<String, String> parameters) {
        List<HttpRoute> api = HttpRoute.fromTemplate(template);
        List<String> distributions = template.resourcesOfType(DISTRIBUTION).keySet().stream()
                .filter(id -> template.isCreated(id, parameters)).toList();
        if (distributions.isEmpty()) {
            return new Routes(false, List.of(), api);
        }
        if (distributions.size() > 1) {
            throw new IllegalStateException("the local runner serves one distribution; the template creates "
                    + distributions);
        }
        Map<String, Object> config = map(template.properties(distributions.get(0)).get("DistributionConfig"));
        Map<String, Origin> functionByOrigin = new java.util.HashMap<>();
        for (Object o : list(config.get("Origins"))) {
            Map<String, Object> origin = map(o);
            Optional<String> bucket = bucketOf(template, origin.get("DomainName"));
            functionByOrigin.put(String.valueOf(origin.get("Id")), bucket.isPresent() ? new Origin(null, bucket.get())
                    : new Origin(functionUrlOf(template, origin.get("DomainName")).orElse(null), null));
        }
        List<Behavior> behaviors = new ArrayList<>();
        for (Object b : list(config.get("CacheBehaviors"))) {
            behaviors.add(behavior(map(b), String.valueOf(map(b).get("PathPattern")), functionByOrigin));
        }
        behaviors.add(behavior(map(config.get("DefaultCacheBehavior")), null, functionByOrigin));
        return new Routes(true, behaviors, api);
    }

    /** Whether requests pass the distribution first (the stack creates the edge). */
    public boolean edge() {
        return edge;
    }

    /** The distribution's behaviors in the order CloudFront tries them, the default last; empty without the edge. */
    public List<Behavior> behaviors() {
        return behaviors;
    }

    /** The HTTP API's routes. */
    public List<HttpRoute> httpApiRoutes() {
        return httpApiRoutes;
    }

    /** The buckets behaviors read objects from, by logical id. */
    public Set<String> buckets() {
        Set<String> out = new LinkedHashSet<>();
        behaviors.stream().filter(b -> b.bucketOf() != null).forEach(b -> out.add(b.bucketOf()));
        return out;
    }

    /** Every function a request can reach, through a function URL or an HTTP API route. */
    public Set<String> functions() {
        Set<String> out = new LinkedHashSet<>();
        behaviors.stream().filter(b -> b.functionUrlOf() != null).forEach(b -> out.add(b.functionUrlOf()));
        httpApiRoutes.forEach(r -> out.add(r.functionLogicalId()));
        return out;
    }

    /** What answers {@code method} on {@code rawPath}; empty when nothing does (the HTTP API's 404). */
    public Optional<Target> resolve(String method, String rawPath) {
        String m = method.toUpperCase(Locale.ROOT);
        if (edge) {
            Behavior behavior = behaviors.stream().filter(b -> b.matches(rawPath)).findFirst().orElseThrow();
            if (!behavior.allowedMethods().contains(m)) {
                return Optional.of(new EdgeRefusal(403,
                        "This distribution is not configured to allow the HTTP request method that was used for this request."));
            }
            if (behavior.functionUrlOf() != null) {
                return Optional.of(new FunctionUrl(behavior.functionUrlOf(), behavior.pathPattern()));
            }
            if (behavior.bucketOf() != null) {
                return Optional.of(new BucketObject(behavior.bucketOf(), keyOf(rawPath), behavior.pathPattern(), behavior));
            }
        }
        return HttpRoute.resolve(httpApiRoutes, m, rawPath).map(HttpApi::new);
    }

    /** The object key CloudFront asks S3 for: the path without its leading slash, URL-decoded. */
    public static String keyOf(String rawPath) {
        return java.net.URLDecoder.decode(rawPath.substring(1).replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Behavior behavior(Map<String, Object> behavior, String pathPattern, Map<String, Origin> functionByOrigin) {
        String origin = String.valueOf(behavior.get("TargetOriginId"));
        if (!functionByOrigin.containsKey(origin)) {
            throw new IllegalStateException("cache behavior " + pathPattern + ": no origin " + origin);
        }
        Set<String> methods = new LinkedHashSet<>();
        Object allowed = behavior.get("AllowedMethods");
        // CloudFront's default when AllowedMethods is left out.
        for (Object method : allowed == null ? List.of("GET", "HEAD") : list(allowed)) {
            methods.add(String.valueOf(method).toUpperCase(Locale.ROOT));
        }
        String viewerRequest = null;
        for (Object a : list(behavior.get("FunctionAssociations"))) {
            Map<String, Object> association = map(a);
            if (!"viewer-request".equals(association.get("EventType"))) {
                throw new IllegalStateException("cache behavior " + pathPattern + ": the local edge runs viewer-request"
                        + " functions only, not " + association.get("EventType"));
            }
            if (!(association.get("FunctionARN") instanceof Map<?, ?> arn && arn.get("Fn::GetAtt") instanceof List<?> att
                    && att.size() == 2 && "FunctionARN".equals(att.get(1)))) {
                throw new IllegalStateException("cache behavior " + pathPattern
                        + ": a function association names !GetAtt <Function>.FunctionARN");
            }
            viewerRequest = String.valueOf(att.get(0));
        }
        String headersPolicy = behavior.get("ResponseHeadersPolicyId") instanceof Map<?, ?> ref
                && ref.get("Ref") != null ? String.valueOf(ref.get("Ref")) : null;
        return new Behavior(pathPattern, methods, functionByOrigin.get(origin).function(),
                functionByOrigin.get(origin).bucket(), viewerRequest, headersPolicy);
    }

    /**
     * The function whose URL {@code domainName} names, if it does; otherwise the origin must be
     * the template's HTTP API.
     */
    private static Optional<String> functionUrlOf(CloudFormationTemplate template, Object domainName) {
        List<String> urls = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        collect(domainName, urls, refs);
        Map<String, Map<String, Object>> functions = template.resourcesOfType(FUNCTION);
        for (String url : urls) {
            String function = url.endsWith("Url") ? url.substring(0, url.length() - 3) : null;
            if (function == null || !functions.containsKey(function)
                    || template.properties(function).get("FunctionUrlConfig") == null) {
                throw new IllegalStateException("origin " + domainName + ": " + url
                        + " is not the function URL SAM makes for a function's FunctionUrlConfig");
            }
            return Optional.of(function);
        }
        Set<String> apis = template.resourcesOfType("AWS::Serverless::HttpApi").keySet();
        if (refs.stream().noneMatch(apis::contains)) {
            throw new IllegalStateException("origin " + domainName
                    + ": the local runner serves function URL and HTTP API origins only");
        }
        return Optional.empty();
    }

    /** The bucket whose domain {@code domainName} names ({@code !GetAtt <Bucket>.RegionalDomainName}), if it does. */
    private static Optional<String> bucketOf(CloudFormationTemplate template, Object domainName) {
        if (domainName instanceof Map<?, ?> m && m.get("Fn::GetAtt") instanceof List<?> att && att.size() == 2
                && template.resourcesOfType(BUCKET).containsKey(String.valueOf(att.get(0)))) {
            if (!"RegionalDomainName".equals(att.get(1))) {
                throw new IllegalStateException("origin " + domainName + ": a bucket origin is its RegionalDomainName");
            }
            return Optional.of(String.valueOf(att.get(0)));
        }
        return Optional.empty();
    }

    /** Walks an intrinsic value for {@code Fn::GetAtt [X, FunctionUrl]} and the names it references. */
    private static void collect(Object value, List<String> functionUrls, List<String> refs) {
        if (value instanceof List<?> l) {
            l.forEach(v -> collect(v, functionUrls, refs));
        } else if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                if ("Fn::GetAtt".equals(k) && v instanceof List<?> att && att.size() == 2) {
                    if ("FunctionUrl".equals(att.get(1))) {
                        functionUrls.add(String.valueOf(att.get(0)));
                    }
                    refs.add(String.valueOf(att.get(0)));
                } else if ("Ref".equals(k)) {
                    refs.add(String.valueOf(v));
                } else if ("Fn::Sub".equals(k)) {
                    String text = v instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(v);
                    var matcher = Pattern.compile("\\$\\{([^}!.]+)[^}]*}").matcher(text);
                    while (matcher.find()) {
                        refs.add(matcher.group(1));
                    }
                    collect(v, functionUrls, refs);
                } else {
                    collect(v, functionUrls, refs);
                }
            });
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static List<Object> list(Object o) {
        return o == null ? List.of() : ((List<?>) o).stream().map(Object.class::cast).toList();
    }
}
