package com.groupgate.localaws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local emulator: moto's server from the project's .venv, run through
 * moto-server/serial_moto.py (one request at a time, transactions and IAM as AWS does them,
 * Lambda's credentials endpoint, injectable faults; see moto-server/README.md) on a free
 * loopback port, with IAM enforced from its first request on.
 */
public final class MotoProcess implements AutoCloseable {
    private final Process process;
    private final URI endpoint;
    private final Map<String, String> announced;

    private MotoProcess(Process process, URI endpoint, Map<String, String> announced) {
        this.process = process;
        this.endpoint = endpoint;
        this.announced = Map.copyOf(announced);
    }

    public static MotoProcess start(Path root) {
        return start(root, Map.of());
    }

    /**
     * The emulator with {@code environment} added to its process's, e.g.
     * {@code GROUPGATE_LAMBDA_CREDENTIALS_SECONDS} for functions' credentials that expire soon.
     */
    public static MotoProcess start(Path root, Map<String, String> environment) {
        Path python = root.resolve(".venv/bin/python");
        if (!Files.isExecutable(python)) {
            throw new IllegalStateException(python + " is missing: run `make venv` (make test and make run do it)");
        }
        ProcessBuilder builder = new ProcessBuilder(python.toString(),
                root.resolve("moto-server/serial_moto.py").toString(), "--host", "127.0.0.1", "--port", "0",
                "--enforce-iam");
        builder.environment().putAll(environment);
        Path log = root.resolve(".run/moto.log");
        builder.redirectError(environment.isEmpty() ? log.toFile() : root.resolve(".run/moto-own.log").toFile());
        try {
            Files.createDirectories(log.getParent());
            Process process = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            Map<String, String> announced = new LinkedHashMap<>();
            for (String line = out.readLine(); !"GROUPGATE_READY".equals(line); line = out.readLine()) {
                if (line == null || line.indexOf('=') < 0) {
                    process.destroyForcibly();
                    throw new IllegalStateException("moto did not start: " + line + " (see " + log + ")");
                }
                announced.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1).trim());
            }
            int port = Integer.parseInt(announced.get("GROUPGATE_MOTO_PORT"));
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "moto-stdout");
            drain.setDaemon(true);
            drain.start();
            return new MotoProcess(process, URI.create("http://127.0.0.1:" + port), announced);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + python, e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** What the emulator announced at start: operator keys, the Lambda credentials token. */
    public String announced(String name) {
        String v = announced.get(name);
        if (v == null) {
            throw new IllegalStateException("the emulator did not announce " + name);
        }
        return v;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
