package com.groupgate.id;

import java.util.Objects;
import java.util.Optional;

/**
 * A batch's id (one CSV upload, its progress and its ZIP). Its own type so that it cannot
 * be passed where another entity's id is wanted; the 8 bytes and the 13-character text are
 * those of {@link Id}.
 */
public record BatchId(Id id) {
    public BatchId {
        Objects.requireNonNull(id, "id");
    }

    public static BatchId random() {
        return new BatchId(Id.random());
    }

    /** The id written in {@code text}, or empty when it is not one. */
    public static Optional<BatchId> parse(String text) {
        return Id.parse(text).map(BatchId::new);
    }

    /** As written in the API and the tables. */
    public String text() {
        return id.toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
