package com.groupgate.localaws;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A template as CloudFormation deploys it: AWS's own SAM translator (aws-sam-translator,
 * pinned in requirements.txt) run on it by moto-server/sam_translate.py. Functions come out
 * with Globals merged in and their execution roles with every policy template expanded,
 * exactly as a deployment creates them; the local run takes roles and function settings
 * from here. Translated once per template file and content in a JVM.
 */
public final class SamTranslation {
    private static final Map<String, CloudFormationTemplate> CACHE = new ConcurrentHashMap<>();

    private SamTranslation() {
    }

    /** The deployed form of {@code template} (a file in SAM format). */
    public static CloudFormationTemplate translate(Path template) {
        Path root = RepositoryRoot.find();
        try {
            String key = template.toAbsolutePath() + "#" + Files.readString(template).hashCode();
            return CACHE.computeIfAbsent(key, k -> run(root, template));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + template, e);
        }
    }

    private static CloudFormationTemplate run(Path root, Path template) {
        Path python = root.resolve(".venv/bin/python");
        if (!Files.isExecutable(python)) {
            throw new IllegalStateException(python + " is missing: run `make venv` (make test and make run do it)");
        }
        ProcessBuilder builder = new ProcessBuilder(python.toString(), root.resolve("moto-server/sam_translate.py").toString(),
                template.toAbsolutePath().toString());
        builder.environment().put("AWS_DEFAULT_REGION", LocalAws.REGION);
        try {
            Path errors = Files.createTempFile("sam-translate", ".log");
            builder.redirectError(errors.toFile());
            Process process = builder.start();
            String json;
            try (InputStream out = process.getInputStream()) {
                json = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("the SAM translator refused " + template + ": "
                        + Files.readString(errors));
            }
            Files.deleteIfExists(errors);
            return CloudFormationTemplate.parse(json);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + python, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted translating " + template, e);
        }
    }
}
