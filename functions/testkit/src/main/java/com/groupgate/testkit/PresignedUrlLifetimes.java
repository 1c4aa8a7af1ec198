package com.groupgate.testkit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * No answer hands out a presigned URL that outlives {@link #MAX}: a URL signed with a
 * function's temporary credentials dies with them anyway, and a long-lived one is a
 * capability nobody can take back. Every SigV4 query signature ({@code X-Amz-Expires}) in a
 * response's headers and body is held to it.
 */
public final class PresignedUrlLifetimes {
    /** The longest a presigned URL in any answer may live. */
    public static final Duration MAX = Duration.ofMinutes(15);
    private static final Pattern EXPIRES = Pattern.compile("X-Amz-Expires(?:=|%3D|\\\\u003d)(\\d+)",
            Pattern.CASE_INSENSITIVE);

    private PresignedUrlLifetimes() {
    }

    /** The lifetimes above {@link #MAX} of the presigned URLs in {@code response}; empty when none. */
    public static List<String> problems(APIGatewayV2HTTPResponse response) {
        StringBuilder text = new StringBuilder();
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
        }
        String body = response.getBody() == null ? "" : response.getBody();
        if (response.getIsBase64Encoded()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.ISO_8859_1);
        }
        text.append(body);
        List<String> out = new ArrayList<>();
        Matcher m = EXPIRES.matcher(text);
        while (m.find()) {
            long seconds = Long.parseLong(m.group(1));
            if (seconds > MAX.toSeconds()) {
                out.add("a presigned URL valid " + seconds + " s (at most " + MAX.toSeconds() + " s)");
            }
        }
        return out;
    }
}
