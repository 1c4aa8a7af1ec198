package com.groupgate.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The lines a test JVM records, written sorted at its exit to
 * {@code target/<folder>/<pid>.tsv} of the module under test, where a check of
 * functions/permissions reads every module's after the whole suite has run. The first
 * {@link #start} clears the files of earlier runs in this module: they would keep a line
 * no longer recorded.
 */
final class ExitRecords {
    private final String folder;
    private final Path directory;
    private final Set<String> lines = ConcurrentHashMap.newKeySet();
    private boolean started;

    ExitRecords(String folder) {
        this.folder = folder;
        this.directory = Path.of("target", folder);
    }

    /** Clears earlier runs' files and has this JVM's lines written at its exit, once. */
    synchronized void start() {
        if (!started) {
            started = true;
            clearEarlierRuns();
            Runtime.getRuntime().addShutdownHook(new Thread(this::write, folder + "-write"));
        }
    }

    void add(String line) {
        lines.add(line);
    }

    private void clearEarlierRuns() {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write() {
        try {
            Files.createDirectories(directory);
            Files.write(directory.resolve(ProcessHandle.current().pid() + ".tsv"), new TreeSet<>(lines),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
