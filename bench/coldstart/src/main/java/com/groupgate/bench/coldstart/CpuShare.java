package com.groupgate.bench.coldstart;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The CPU a Lambda function of a given memory size gets, for a local process: Lambda allocates
 * CPU in proportion to memory, one vCPU at 1,769 MB, and a JVM on a workstation gets all of
 * the machine's cores whatever its heap. A Linux cgroup CPU quota of {@code memory / 1,769} of
 * one CPU per 100 ms period (CFS bandwidth control; cgroup v1 {@code cpu.cfs_quota_us} or v2
 * {@code cpu.max}) throttles a process the way that share does: it may run that much CPU time
 * per period, over any of its threads, and then waits for the next period.
 *
 * <p>Needs a writable cgroup file system (root in a container that mounts it read-write);
 * without one, {@link #create} says why and the caller measures unthrottled.
 */
final class CpuShare implements AutoCloseable {
    /** Lambda: "At 1,769 MB, a function has the equivalent of one vCPU". */
    static final int MB_PER_VCPU = 1769;
    static final int PERIOD_US = 100_000;
    private static final Path V1 = Path.of("/sys/fs/cgroup/cpu");
    private static final Path V2 = Path.of("/sys/fs/cgroup");

    private final Path dir;
    private final int quotaUs;
    private final String kind;

    private CpuShare(Path dir, int quotaUs, String kind) {
        this.dir = dir;
        this.quotaUs = quotaUs;
        this.kind = kind;
    }

    /** A cgroup named {@code name} whose processes get {@code memoryMb}'s share of one CPU, or why not. */
    static Result create(String name, int memoryMb) {
        int quota = (int) Math.round((double) PERIOD_US * memoryMb / MB_PER_VCPU);
        List<String> failures = new ArrayList<>();
        if (Files.isRegularFile(V1.resolve("cpu.cfs_quota_us"))) {
            Path dir = V1.resolve(name);
            try {
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("cpu.cfs_period_us"), Integer.toString(PERIOD_US));
                Files.writeString(dir.resolve("cpu.cfs_quota_us"), Integer.toString(quota));
                return new Result(Optional.of(new CpuShare(dir, quota, "cgroup v1 cpu.cfs_quota_us")), "");
            } catch (IOException | RuntimeException e) {
                failures.add("cgroup v1 at " + V1 + ": " + e);
                removeQuietly(dir);
            }
        }
        if (Files.isRegularFile(V2.resolve("cgroup.subtree_control"))) {
            Path dir = V2.resolve(name);
            try {
                String controls = Files.readString(V2.resolve("cgroup.subtree_control"));
                if (!controls.contains("cpu")) {
                    Files.writeString(V2.resolve("cgroup.subtree_control"), "+cpu");
                }
                Files.createDirectories(dir);
                Files.writeString(dir.resolve("cpu.max"), quota + " " + PERIOD_US);
                return new Result(Optional.of(new CpuShare(dir, quota, "cgroup v2 cpu.max")), "");
            } catch (IOException | RuntimeException e) {
                failures.add("cgroup v2 at " + V2 + ": " + e);
                removeQuietly(dir);
            }
        }
        if (failures.isEmpty()) {
            failures.add("no cgroup cpu controller mounted at " + V1 + " or " + V2);
        }
        return new Result(Optional.empty(), String.join("; ", failures));
    }

    /** What {@link #create} made, or why it could not. */
    record Result(Optional<CpuShare> share, String whyNot) {
    }

    /** {@code command}, started inside this cgroup: the shell joins it, then becomes the command. */
    List<String> wrap(List<String> command) {
        List<String> out = new ArrayList<>(List.of("/bin/sh", "-c",
                "echo $$ > \"$0\" && exec \"$@\"", dir.resolve("cgroup.procs").toString()));
        out.addAll(command);
        return out;
    }

    /** E.g. {@code cgroup v1 cpu.cfs_quota_us 28944/100000 us (0.289 CPU)}. */
    String describe() {
        return String.format(Locale.ROOT, "%s %d/%d us (%.3f CPU)", kind, quotaUs, PERIOD_US,
                (double) quotaUs / PERIOD_US);
    }

    /** How often and for how long the cgroup's processes were held back (cgroup v1 and v2 cpu.stat). */
    String throttling() {
        try {
            return Files.readString(dir.resolve("cpu.stat"), StandardCharsets.UTF_8).replace('\n', ' ').trim();
        } catch (IOException e) {
            return "cpu.stat unreadable: " + e.getMessage();
        }
    }

    @Override
    public void close() {
        removeQuietly(dir);
    }

    private static void removeQuietly(Path dir) {
        try {
            Files.deleteIfExists(dir);
        } catch (IOException | RuntimeException ignored) {
            // A cgroup with processes left cannot be removed; the next run reuses it.
        }
    }
}
