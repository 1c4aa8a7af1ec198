package com.groupgate.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.Id;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A package lives in one module: a reader looking for {@code Group} in the domain's {@code group}
 * package finds the record and its rules there, and its storage under {@code storage.group} in the
 * adapters, never half of a package in each jar.
 */
class NoPackageIsSplitTest {

    @Test
    void noPackageHasClassesInBothDomainAndAdapters() throws Exception {
        Set<String> domain = packagesOf(Id.class);
        Set<String> adapters = packagesOf(MainTableKeys.class);
        assertTrue(domain.contains("com.groupgate.id") && adapters.contains("com.groupgate.storage"),
                "both modules' classes were found");
        Set<String> both = new TreeSet<>(domain);
        both.retainAll(adapters);
        assertEquals(Set.of(), both, "packages split between functions/domain and functions/adapters");
    }

    /** The packages with classes in the classes directory or jar that holds {@code anchor}. */
    private static Set<String> packagesOf(Class<?> anchor) throws IOException, URISyntaxException {
        Path root = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> packages = new TreeSet<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".class"))
                        .forEach(f -> packages.add(root.relativize(f.getParent()).toString().replace(f.getFileSystem().getSeparator(), ".")));
            }
        } else {
            try (JarFile jar = new JarFile(root.toFile())) {
                jar.stream().map(e -> e.getName())
                        .filter(n -> n.endsWith(".class") && n.contains("/"))
                        .forEach(n -> packages.add(n.substring(0, n.lastIndexOf('/')).replace('/', '.')));
            }
        }
        return packages;
    }
}
