package com.groupgate.entry;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A PNG or JPEG picture uploaded as a request's body (a logo, a poster template), checked
 * before anything is decoded or written: the declared type, the file's size, its magic
 * bytes against the declared type, then its sides read from its header alone (as entry
 * pictures are), so that no pixel of an oversized picture is ever decoded. Each refusal
 * names the field {@code body}. Whether the whole picture then decodes, and what sides a
 * use allows, is the caller's.
 *
 * @param file the picture's bytes
 * @param contentType {@code image/png} or {@code image/jpeg}, as declared and as the bytes are
 */
public record UploadedPicture(byte[] file, String contentType, int width, int height) {

    /**
     * @param contentTypeHeader the request's {@code Content-Type} (parameters ignored), or null
     * @param body the body's bytes, asked for only once the declared type is one of the two
     * @param maxBytes the file's size, at most
     * @throws RefusalException 415 for another or a missing type, bytes of another type or a
     *     header that cannot be read; 413 past {@code maxBytes}; 400 for a picture whose
     *     header promises more than may be decoded
     */
    public static UploadedPicture check(String contentTypeHeader, Supplier<byte[]> body, int maxBytes) {
        String contentType = contentTypeHeader == null ? ""
                : contentTypeHeader.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!contentType.equals("image/png") && !contentType.equals("image/jpeg")) {
            throw new RefusalException(Refusal.UNSUPPORTED_MEDIA_TYPE, "body: must be image/png or image/jpeg",
                    "body", -1);
        }
        byte[] file = body.get();
        if (file.length > maxBytes) {
            throw new RefusalException(Refusal.PAYLOAD_TOO_LARGE, "body: larger than " + size(maxBytes), "body", -1);
        }
        if (file.length == 0 || QrPicture.contentTypeOf(file).filter(contentType::equals).isEmpty()) {
            throw new RefusalException(Refusal.UNSUPPORTED_MEDIA_TYPE, "body: the bytes are not a "
                    + ("image/png".equals(contentType) ? "PNG" : "JPEG") + " picture", "body", -1);
        }
        int[] side = new int[2];
        QrPicture.Reading refused = QrPicture.plan(file, plan -> {
            side[0] = plan.width();
            side[1] = plan.height();
        });
        if (refused instanceof QrPicture.TooLarge tooLarge) {
            throw RefusalException.badField("body", tooLarge.why());
        }
        if (refused != null) {
            throw new RefusalException(Refusal.UNSUPPORTED_MEDIA_TYPE, "body: the picture cannot be read", "body", -1);
        }
        return new UploadedPicture(file, contentType, side[0], side[1]);
    }

    /** {@code 2 MiB}, {@code 512 KiB}: a limit as the refusal states it. */
    private static String size(int bytes) {
        return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
    }
}
