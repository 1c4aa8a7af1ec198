package com.groupgate.localrun;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each function's environment in the running local stack, written where other tools find it:
 * <ul>
 * <li>{@code lambda-env.json}: everything the handler sees, its role's credentials URI and token
 * included; {@code make invoke} builds the function's wiring from it in its own JVM, so the
 * handler runs under its role against the same emulator.</li>
 * <li>{@code env.json}: only the variables template.yaml declares, resolved to the running stack's
 * table, bucket, key and queue names, in {@code sam local invoke --env-vars} form
 * ({@code {"FunctionLogicalId": {"NAME": "value"}}}); {@code make env-json} copies it to the
 * repository root.</li>
 * </ul>
 * Both are owner-only: they hold the emulator's credentials token and the local admin key's hash.
 */
public final class LambdaEnvironmentFiles {
    public static final String LAMBDA_ENV = "lambda-env.json";
    public static final String SAM_ENV_VARS = "env.json";
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private LambdaEnvironmentFiles() {
    }

    /** Writes both files for every function of {@code local} into {@code dir}. */
    public static void write(LocalGroupGate local, Path dir) throws IOException {
        Map<String, Map<String, String>> lambda = new LinkedHashMap<>();
        Map<String, Map<String, String>> declared = new LinkedHashMap<>();
        for (String id : local.functionLogicalIds()) {
            lambda.put(id, local.lambdaEnvironment(id));
            declared.put(id, local.templateEnvironment(id));
        }
        Files.createDirectories(dir);
        ownerOnly(dir.resolve(LAMBDA_ENV), MAPPER.writeValueAsString(lambda));
        ownerOnly(dir.resolve(SAM_ENV_VARS), MAPPER.writeValueAsString(declared));
    }

    /** One function's environment from a {@code lambda-env.json} (or {@code env.json}) file. */
    public static Map<String, String> read(Path file, String functionLogicalId) throws IOException {
        Map<String, Map<String, String>> all = MAPPER.readValue(file.toFile(), new TypeReference<>() {
        });
        Map<String, String> environment = all.get(functionLogicalId);
        if (environment == null) {
            throw new IllegalArgumentException("FUNCTION: " + file + " has no function " + functionLogicalId
                    + "; it has " + all.keySet());
        }
        return environment;
    }

    private static void ownerOnly(Path file, String text) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        try {
            Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the directory's own permissions are all there is.
        }
        Files.writeString(temp, text);
        Files.move(temp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
