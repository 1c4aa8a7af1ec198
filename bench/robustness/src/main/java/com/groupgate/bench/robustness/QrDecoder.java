package com.groupgate.bench.robustness;

/** A QR reader under test: whether it reads exactly {@code expected} from a photograph. */
interface QrDecoder extends AutoCloseable {
    String name();

    boolean reads(Camera.Photo photo, String expected);

    @Override
    default void close() {
    }
}
