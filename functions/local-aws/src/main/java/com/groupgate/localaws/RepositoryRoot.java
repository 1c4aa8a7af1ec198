package com.groupgate.localaws;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root: the folder holding template.yaml. */
public final class RepositoryRoot {
    private RepositoryRoot() {
    }

    public static Path find() {
        String configured = System.getProperty("groupgate.root");
        if (configured != null && Files.exists(Path.of(configured, "template.yaml"))) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("template.yaml")) && Files.exists(p.resolve("functions"))) {
                return p;
            }
        }
        throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
    }
}
