package com.groupgate.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The local emulator: moto's server from the project's .venv, run through
 * emulator/serial_moto.py so that requests are served one at a time (conditional writes
 * atomic, as in AWS) on a free loopback port.
 */
public final class MotoProcess implements AutoCloseable {
    private final Process process;
    private final URI endpoint;

    private MotoProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static MotoProcess start(Path root) {
        Path python = root.resolve(".venv/bin/python");
        if (!Files.isExecutable(python)) {
            throw new IllegalStateException(python + " is missing: run `make venv` (make test and make run do it)");
        }
        ProcessBuilder builder = new ProcessBuilder(python.toString(),
                root.resolve("emulator/serial_moto.py").toString(), "--host", "127.0.0.1", "--port", "0");
        Path log = root.resolve(".run/moto.log");
        builder.redirectError(log.toFile());
        try {
            Files.createDirectories(log.getParent());
            Process process = builder.start();
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (line == null || !line.startsWith("GROUPGATE_MOTO_PORT=")) {
                process.destroyForcibly();
                throw new IllegalStateException("moto did not start: " + line + " (see " + log + ")");
            }
            int port = Integer.parseInt(line.substring(line.indexOf('=') + 1).trim());
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "moto-stdout");
            drain.setDaemon(true);
            drain.start();
            return new MotoProcess(process, URI.create("http://127.0.0.1:" + port));
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + python, e);
        }
    }

    public URI endpoint() {
        return endpoint;
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
