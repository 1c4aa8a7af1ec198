package com.groupgate.design;

import java.util.Locale;
import java.util.Optional;

/** The file a design is served as. */
public enum DesignFormat {
    PNG("image/png"),
    SVG("image/svg+xml"),
    PDF("application/pdf");

    private final String contentType;

    DesignFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    /** The format named {@code text} (lowercase, as the API takes it), if any. */
    public static Optional<DesignFormat> parse(String text) {
        for (DesignFormat f : values()) {
            if (f.name().toLowerCase(Locale.ROOT).equals(text)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
