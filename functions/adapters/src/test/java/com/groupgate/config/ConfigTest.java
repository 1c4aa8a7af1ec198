package com.groupgate.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTest {
    private static boolean required(Map<String, String> env) {
        return Config.fromEnvironment(env).requireOriginVerify();
    }

    @Test
    void theOriginCheckIsOnOnlyWhenTheEnvironmentSaysTrue() {
        assertTrue(required(Map.of(Config.REQUIRE_ORIGIN_VERIFY, "true")));
        assertTrue(required(Map.of(Config.REQUIRE_ORIGIN_VERIFY, "TRUE")));
        assertFalse(required(Map.of(Config.REQUIRE_ORIGIN_VERIFY, "false")));
        assertFalse(required(Map.of()), "absent: the aggregate and rotation functions have no HTTP to check");
        assertFalse(required(Map.of(Config.REQUIRE_ORIGIN_VERIFY, " ")));
    }

    @Test
    void aValueThatIsNeitherTrueNorFalseStopsTheFunctionInsteadOfOpeningIt() {
        for (String typo : new String[] {"yes", "1", "ture", "on"}) {
            assertThrows(IllegalArgumentException.class,
                    () -> Config.fromEnvironment(Map.of(Config.REQUIRE_ORIGIN_VERIFY, typo)), typo);
        }
    }
}
