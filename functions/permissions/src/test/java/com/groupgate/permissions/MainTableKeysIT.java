package com.groupgate.permissions;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.localaws.RepositoryRoot;
import com.groupgate.storage.MainTableKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every MainTable key the whole suite's functions wrote — recorded by each module's tests
 * (testkit's MainTableWrites, under target/main-table-keys) — is one MainTableKeys reads
 * back, and a tenant's item starts its pk, and its gsi1pk when it has one, with
 * {@code T#<that tenant>#}: what a tenant's deletion relies on to find the tenant's items.
 * The one exception is a pending credit's entry in the due index, read across tenants by
 * the qualification run (its item is the tenant's; settling removes the entry).
 * The kinds keyed otherwise are the ones MainTableKeys.Kind lists, with the reason.
 *
 * <p>This module runs last in the reactor, after every suite that records.
 */
class MainTableKeysIT {

    @Test
    void everyKeyTheSuiteWroteParsesAndATenantsItemsStartWithItsTenant() throws IOException {
        Set<String> written = recorded();
        assertTrue(!written.isEmpty(), "no recorded keys under functions/*/target/main-table-keys: run the whole"
                + " suite (mvn verify) before this check");
        List<String> problems = new ArrayList<>();
        Set<MainTableKeys.Kind> seen = EnumSet.noneOf(MainTableKeys.Kind.class);
        for (String line : written) {
            String[] p = line.split("\t", -1);
            Optional<MainTableKeys.Parsed> parsed = MainTableKeys.parse(p[0], p[1]);
            if (parsed.isEmpty()) {
                problems.add("no MainTableKeys kind has this key: pk=" + p[0] + " sk=" + p[1]);
                continue;
            }
            MainTableKeys.Parsed key = parsed.get();
            seen.add(key.kind());
            String gsi = p.length > 2 ? p[2] : "";
            if (key.kind().tenantInKey() && !gsi.isEmpty()
                    && !gsi.startsWith(key.tenantPartition() + "#")
                    && !(key.kind() == MainTableKeys.Kind.INVITEE && MainTableKeys.dueIndex(gsi))) {
                problems.add(key.kind() + " of tenant " + key.tenantId() + " is indexed outside its tenant: gsi1pk="
                        + gsi);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(seen.contains(MainTableKeys.Kind.GROUP) && seen.contains(MainTableKeys.Kind.CODE_COUNTER),
                "the suite wrote no groups or code counters: were the recordings read? " + seen);
    }

    /** {@code pk, sk, gsi1pk} lines from every module's recordings. */
    private static Set<String> recorded() throws IOException {
        Set<String> out = new TreeSet<>();
        try (Stream<Path> modules = Files.list(RepositoryRoot.find().resolve("functions"))) {
            for (Path module : modules.toList()) {
                Path dir = module.resolve("target/main-table-keys");
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path f : files.toList()) {
                        out.addAll(Files.readAllLines(f, StandardCharsets.UTF_8));
                    }
                }
            }
        }
        out.remove("");
        return out;
    }
}
