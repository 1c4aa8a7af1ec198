package com.groupgate.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The console's built files ({@code console/dist}, from {@code make console}) put into the bucket
 * the edge serves {@code /console*} from, exactly as {@code make console-publish} puts them into a
 * deployed stack's (scripts/console-publish.sh): under {@code console/}, the content-hashed assets
 * first with a year's immutable caching, then {@code index.html} with {@code no-cache}, so a viewer
 * never gets an index whose assets are not there yet.
 */
public final class ConsoleFiles {
    /** Where the files live in the bucket: the path CloudFront asks for, without its leading slash. */
    public static final String PREFIX = "console/";
    public static final String INDEX_CACHE_CONTROL = "no-cache";
    public static final String ASSET_CACHE_CONTROL = "public, max-age=31536000, immutable";

    private ConsoleFiles() {
    }

    /**
     * The built console of the checkout this runs in ({@code groupgate.root}, else the nearest
     * directory up from here holding {@code console/build.mjs}), when it has been built.
     */
    public static Optional<Path> built() {
        String root = System.getProperty("groupgate.root");
        Path dir = root != null ? Path.of(root).toAbsolutePath() : Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("console/build.mjs"))) {
                Path dist = d.resolve("console/dist");
                return Files.isRegularFile(dist.resolve("index.html")) ? Optional.of(dist) : Optional.empty();
            }
            if (root != null) {
                break;
            }
        }
        return Optional.empty();
    }

    /** Puts every file of {@code dist} into {@code bucket}; the number of files. */
    public static int publish(S3Client s3, String bucket, Path dist) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dist)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dist, e);
        }
        Path index = dist.resolve("index.html");
        for (Path file : files) {
            if (!file.equals(index)) {
                put(s3, bucket, dist, file, ASSET_CACHE_CONTROL);
            }
        }
        put(s3, bucket, dist, index, INDEX_CACHE_CONTROL);
        return files.size();
    }

    private static void put(S3Client s3, String bucket, Path dist, Path file, String cacheControl) {
        String key = PREFIX + dist.relativize(file).toString().replace('\\', '/');
        s3.putObject(b -> b.bucket(bucket).key(key).cacheControl(cacheControl).contentType(contentType(key)),
                RequestBody.fromFile(file));
    }

    /** The Content-Type of a console file, by its extension (what `aws s3 sync` guesses, with charsets). */
    static String contentType(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (n.endsWith(".js") || n.endsWith(".mjs")) {
            return "text/javascript; charset=utf-8";
        }
        if (n.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (n.endsWith(".json")) {
            return "application/json";
        }
        if (n.endsWith(".svg")) {
            return "image/svg+xml";
        }
        if (n.endsWith(".png")) {
            return "image/png";
        }
        if (n.endsWith(".woff2")) {
            return "font/woff2";
        }
        return "application/octet-stream";
    }
}
