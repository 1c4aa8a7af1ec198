package com.groupgate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Fetches a presigned URL as a browser would, recording it as the signing function's S3 read. */
public final class PresignedUrls {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PresignedUrls() {
    }

    /** The answer to a GET of {@code url}, presigned by {@code functionLogicalId}. */
    public static HttpResponse<byte[]> get(String url, String functionLogicalId) {
        URI uri = URI.create(url);
        TestDeployment aws = TestDeployment.get();
        ActionRecorder.forFunction(functionLogicalId, aws.resources()).presignedGet(uri);
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
