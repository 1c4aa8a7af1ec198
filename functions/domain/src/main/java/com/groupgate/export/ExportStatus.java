package com.groupgate.export;

import java.util.Locale;

/** Where an export is: queued until a worker takes it, running, then done (with its file) or failed. */
public enum ExportStatus {
    QUEUED,
    RUNNING,
    DONE,
    FAILED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stored text read back; an unknown one is a stored shape this code did not write. */
    public static ExportStatus parse(String text) {
        for (ExportStatus s : values()) {
            if (s.wire().equals(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("status: not an export status: " + text);
    }

    /** Whether nothing more will happen to it. */
    public boolean finished() {
        return this == DONE || this == FAILED;
    }
}
