package com.groupgate.api.routes;

import com.groupgate.error.RefusalException;
import com.groupgate.hash.Sha256;
import com.groupgate.http.ApiRequest;
import com.groupgate.http.ApiResponse;
import com.groupgate.http.ContentSecurityPolicy;
import com.groupgate.http.Router;
import com.groupgate.http.SecurityHeaders;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;

/**
 * The tenant's dashboard (数据看板): one HTML page and its static files, served from the
 * classpath by the codes API on the API's own origin. The page holds no data; its script
 * reads everything from the public API with the key the tenant pastes in.
 *
 * <p>Every file is read once per container. Our own script and stylesheet are served under
 * names that carry a hash of their content and ECharts under its version, so all three can
 * be cached for a year; the page itself is never cached, so a deployment shows at once.
 * Nothing is loaded from another origin, and the Content-Security-Policy says so.
 */
public final class DashboardRoutes {
    /** Same origin only: no inline script or style, no eval, no frames, no other hosts. */
    static final ContentSecurityPolicy POLICY = ContentSecurityPolicy.of("'self'", "'self'");
    static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private static final String OWN = "dashboard/";
    private static final String WEBJAR = "META-INF/resources/webjars/echarts/";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars/echarts/pom.properties";

    /** A static file as served: its bytes and, where it pays, their gzip. */
    private record Asset(String contentType, byte[] bytes, byte[] gzipped) {
    }

    private final String page;
    private final Map<String, Asset> assets;

    public DashboardRoutes() {
        Map<String, Asset> files = new LinkedHashMap<>();
        String script = hashedName("app", ".js", read(OWN + "app.js"));
        String style = hashedName("app", ".css", read(OWN + "app.css"));
        String echartsVersion = echartsVersion();
        String echarts = "echarts-" + echartsVersion + ".min.js";
        files.put(script, asset("text/javascript; charset=utf-8", read(OWN + "app.js")));
        files.put(style, asset("text/css; charset=utf-8", read(OWN + "app.css")));
        files.put(echarts, asset("text/javascript; charset=utf-8",
                read(WEBJAR + echartsVersion + "/echarts.min.js")));
        this.assets = Map.copyOf(files);
        this.page = new String(read(OWN + "index.html"), StandardCharsets.UTF_8)
                .replace("{{app.js}}", script).replace("{{app.css}}", style).replace("{{echarts.js}}", echarts);
    }

    public void register(Router router) {
        router.on("GET", "/dashboard", this::page)
                .on("GET", "/dashboard/{file}", this::file);
    }

    /** The names the page refers to its files by (hashed or versioned). */
    public Iterable<String> fileNames() {
        return assets.keySet();
    }

    private ApiResponse page(ApiRequest request) {
        return ApiResponse.html(200, page, POLICY);
    }

    private ApiResponse file(ApiRequest request) {
        Asset asset = assets.get(request.pathParam("file"));
        if (asset == null) {
            throw RefusalException.notFound();
        }
        String accept = request.header("accept-encoding");
        boolean gzip = asset.gzipped() != null && accept != null && accept.contains("gzip");
        ApiResponse response = new ApiResponse(200, Map.of("content-type", asset.contentType(),
                "cache-control", IMMUTABLE, "vary", "accept-encoding"),
                Base64.getEncoder().encodeToString(gzip ? asset.gzipped() : asset.bytes()), true);
        return SecurityHeaders.page(gzip ? response.withHeader("content-encoding", "gzip") : response, POLICY);
    }

    private static Asset asset(String contentType, byte[] bytes) {
        byte[] gzipped = gzip(bytes);
        return new Asset(contentType, bytes, gzipped.length < bytes.length ? gzipped : null);
    }

    /** {@code app.<first 12 hex of SHA-256>.js}: a new name whenever the content changes. */
    static String hashedName(String stem, String suffix, byte[] content) {
        return stem + "." + Sha256.hexPrefix(content, 6) + suffix;
    }

    /** The packaged ECharts WebJar's version, from its Maven metadata. */
    private static String echartsVersion() {
        Properties p = new Properties();
        try (InputStream in = resource(WEBJAR_POM)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(WEBJAR_POM, e);
        }
        String version = p.getProperty("version");
        if (version == null || !version.matches("[0-9A-Za-z.-]+")) {
            throw new IllegalStateException(WEBJAR_POM + " names no usable version: " + version);
        }
        return version;
    }

    private static byte[] read(String name) {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(name, e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = DashboardRoutes.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("the dashboard file " + name + " is not on the classpath");
        }
        return in;
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("gzip in memory", e);
        }
        return out.toByteArray();
    }
}
