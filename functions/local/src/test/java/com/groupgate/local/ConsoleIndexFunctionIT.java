package com.groupgate.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.groupgate.emulator.CloudFormationTemplate;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The template's ConsoleIndexFunction, its own code run as the local edge runs it (Node.js):
 * /console and /console/ become the console's index.html; every other path is left as asked.
 */
class ConsoleIndexFunctionIT {
    private static CloudFrontFunctions functions;

    @BeforeAll
    static void start() {
        functions = CloudFrontFunctions.fromTemplate(CloudFormationTemplate.ofRepository());
    }

    @AfterAll
    static void stop() {
        functions.close();
    }

    private static String uri(String path) {
        var result = functions.viewerRequest("ConsoleIndexFunction", "GET", path, "a=1",
                Map.of("Accept", "text/html"), "203.0.113.9");
        return assertInstanceOf(CloudFrontFunctions.Forward.class, result).uri();
    }

    @Test
    void theConsolesAddressesAreItsIndexAndItsFilesAreThemselves() {
        assertEquals("/console/index.html", uri("/console"));
        assertEquals("/console/index.html", uri("/console/"));
        assertEquals("/console/index.html", uri("/console/index.html"));
        assertEquals("/console/assets/main-AB12CD34.js", uri("/console/assets/main-AB12CD34.js"));
        assertEquals("/consoles", uri("/consoles"));
    }
}
