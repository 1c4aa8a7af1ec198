package com.groupgate.batch;

import java.util.Locale;
import java.util.Optional;

/** The file a batch row's code is drawn as; the wire name is the constant in lowercase. */
public enum PrintFormat {
    PNG("png"),
    SVG("svg"),
    PDF("pdf");

    private final String extension;

    PrintFormat(String extension) {
        this.extension = extension;
    }

    /** The format a wire name ({@code png}, {@code svg}, {@code pdf}; exact lowercase) names, or empty. */
    public static Optional<PrintFormat> parse(String wireName) {
        for (PrintFormat f : values()) {
            if (f.extension.equals(wireName)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The file name extension, without the dot. */
    public String extension() {
        return extension;
    }
}
