package com.groupgate.api.routes;

import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.image.EdgeImages;
import com.groupgate.image.ImageBucket;
import com.groupgate.keys.CodeTokens;
import com.groupgate.keys.SigningKeyTable;
import com.groupgate.qr.Ecc;
import com.groupgate.qr.QrImage;
import com.groupgate.qr.QrPng;
import com.groupgate.qr.QrReadBack;
import com.groupgate.telemetry.Log;
import com.groupgate.token.CodeKind;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Signs a code's token, renders its QR PNG and stores the image under its content's hash,
 * where the edge serves it ({@link EdgeImages}); the symbol is read back before it is
 * handed out, and re-salted if a camera-style reader would miss it. Tokens are never
 * stored: the scan URL is re-derived from the key version and salt kept with the code.
 */
public final class SignedImages {
    private final CodeTokens tokens;
    private final ImageBucket images;
    private final EdgeImages edge;

    public SignedImages(SigningKeyTable keys, ImageBucket images, String scanBase) {
        this.tokens = new CodeTokens(keys, scanBase);
        this.images = images;
        this.edge = EdgeImages.onScanHost(scanBase);
    }

    /** What was signed and stored: {@code imageKey} is the image's content-addressed name. */
    record Signed(String scanUrl, int keyVersion, byte[] salt, String imageKey, long imageBytes, int qrVersion) {
    }

    Signed issue(CodeKind kind, Id codeId, TenantId tenantId, Id targetId, long expiresAt, Ecc ecc, int modulePx) {
        CodeTokens.Signed signed = tokens.issue(kind, codeId, tenantId, targetId, expiresAt,
                url -> QrReadBack.readsBack(url, ecc, modulePx));
        String scanUrl = signed.scanUrl();
        QrPng png = QrImage.render(scanUrl, ecc, modulePx);
        String imageKey = EdgeImages.key(kind == CodeKind.LIVE_CODE ? EdgeImages.Kind.LIVE_CODE
                : EdgeImages.Kind.GROUP_CODE, tenantId, png.png());
        images.putCodeImage(imageKey, png.png());
        return new Signed(scanUrl, signed.keyVersion(), signed.salt(), imageKey, png.byteCount(), png.qrVersion());
    }

    /** The scan URL a stored code was issued with. */
    String scanUrl(CodeKind kind, Id codeId, TenantId tenantId, Id targetId, long expiresAt, int keyVersion, byte[] salt) {
        return tokens.scanUrl(kind, codeId, tenantId, targetId, expiresAt, keyVersion, salt);
    }

    /**
     * Writes the item of a code whose image {@link #issue} has stored, and removes the image
     * when the write fails and the item is not there: no image outlives a code that was
     * never written. When the item cannot even be read back (AWS unreachable), the image
     * stays — a group code's with the bucket's lifecycle to remove it — and is logged.
     *
     * @param itemExists whether the code's item is stored, read after a failed write (whose
     *                   answer may have been lost after it succeeded)
     */
    <T> T storeOrDiscard(String imageKey, Supplier<T> write, BooleanSupplier itemExists) {
        try {
            return write.get();
        } catch (RuntimeException e) {
            boolean written;
            try {
                written = itemExists.getAsBoolean();
            } catch (RuntimeException unreadable) {
                Log.info("image_kept_unconfirmed", Map.of("imageKey", imageKey));
                throw e;
            }
            if (!written) {
                discard(imageKey);
            }
            throw e;
        }
    }

    /** Removes the image of a code that was not stored; a failure leaves it to the lifecycle, logged. */
    void discard(String imageKey) {
        try {
            images.delete(imageKey);
        } catch (RuntimeException e) {
            Log.info("image_discard_failed", Map.of("imageKey", imageKey, "exception", e.getClass().getSimpleName()));
        }
    }

    /** The image's URL on the edge: public, cacheable, and never expiring with any credentials. */
    String imageUrl(String imageKey) {
        return edge.url(imageKey);
    }
}
