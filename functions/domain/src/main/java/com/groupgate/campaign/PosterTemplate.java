package com.groupgate.campaign;

import java.util.Objects;

/**
 * A campaign's poster template: the picture (stored under {@code templateKey}, its content's
 * hash, {@link Posters#templateKey}), its type and size, and where each member's code and
 * name go on it.
 */
public record PosterTemplate(String templateKey, String contentType, int width, int height, PosterPlacement placement) {
    public PosterTemplate {
        Objects.requireNonNull(templateKey, "templateKey");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(placement, "placement");
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a template has pixels, was " + width + " x " + height);
        }
    }
}
