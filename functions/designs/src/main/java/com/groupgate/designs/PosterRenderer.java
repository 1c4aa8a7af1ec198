package com.groupgate.designs;

import com.groupgate.campaign.PosterPlacement;
import com.groupgate.design.DesignReadBack;
import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import com.groupgate.qr.Ecc;
import com.groupgate.qr.QrMatrix;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.UnaryOperator;
import javax.imageio.ImageIO;

/**
 * Draws a member's poster: the campaign's template picture, the invite URL's QR code in its
 * square (on a white ground with its quiet zone, whole pixels a module), and the display
 * name on its line in the template's colour (Noto Sans SC outlines, {@link FrameFont}; a
 * name too wide for the line is drawn smaller). Read back with zxing before it is kept, as
 * designs are; a poster that does not read back as its invite URL is drawn again with the
 * other mask patterns, and refused with 422 {@code design_unreadable} when none reads.
 */
final class PosterRenderer {
    /** The QR's quiet zone, in modules, each side (ISO/IEC 18004 asks for 4). */
    static final int QUIET_ZONE = 4;
    /** Level M: the template around the square cannot cover modules (the name's line is kept off it). */
    static final Ecc ECC = Ecc.M;
    private static final int MASKS = 8;
    /** Noto Sans SC's ideographs reach about 0.88 em above the baseline: the line's top is the name's. */
    private static final double ASCENT = 0.88;

    private final UnaryOperator<BufferedImage> camera;

    PosterRenderer() {
        this(UnaryOperator.identity());
    }

    /** @param camera what the read check sees of a drawn poster (tests damage it to prove the check) */
    PosterRenderer(UnaryOperator<BufferedImage> camera) {
        this.camera = camera;
    }

    /** The poster as PNG bytes: {@code template} (a PNG or JPEG file) with the code of {@code inviteUrl} and {@code name} (or null). */
    byte[] render(byte[] template, PosterPlacement placement, String inviteUrl, String name) {
        BufferedImage picture = decode(template);
        QrMatrix chosen = QrMatrix.encode(inviteUrl, ECC);
        BufferedImage poster = draw(picture, placement, chosen, name);
        if (readsBack(poster, inviteUrl)) {
            return PngFile.of(poster);
        }
        for (int mask = 0; mask < MASKS; mask++) {
            if (mask != chosen.mask()) {
                poster = draw(picture, placement, QrMatrix.encode(inviteUrl, ECC, mask), name);
                if (readsBack(poster, inviteUrl)) {
                    return PngFile.of(poster);
                }
            }
        }
        throw new RefusalException(Refusal.DESIGN_UNREADABLE, "this poster does not read back as its invite code"
                + " (the tenant's template or placement hides it)");
    }

    static BufferedImage draw(BufferedImage picture, PosterPlacement p, QrMatrix matrix, String name) {
        int w = picture.getWidth();
        int h = picture.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(picture, 0, 0, null);
            int modules = matrix.size() + 2 * QUIET_ZONE;
            int modulePx = Math.max(1, p.qrSize() / modules);
            // The square is white edge to edge; the symbol, whole pixels a module, centred in it.
            g.setColor(Color.WHITE);
            g.fillRect(p.qrX(), p.qrY(), p.qrSize(), p.qrSize());
            int origin = (p.qrSize() - modules * modulePx) / 2;
            int x0 = p.qrX() + origin + QUIET_ZONE * modulePx;
            int y0 = p.qrY() + origin + QUIET_ZONE * modulePx;
            g.setColor(Color.BLACK);
            for (int y = 0; y < matrix.size(); y++) {
                for (int x = 0; x < matrix.size(); x++) {
                    if (matrix.dark(x, y)) {
                        g.fillRect(x0 + x * modulePx, y0 + y * modulePx, modulePx, modulePx);
                    }
                }
            }
            if (name != null && !name.isEmpty()) {
                g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                g.setColor(new Color(p.nameColor().rgb()));
                g.fill(nameOutline(p, name, w));
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The name on its line: its em the line's height, smaller when it would run past the picture's right edge. */
    static Shape nameOutline(PosterPlacement p, String name, int pictureWidth) {
        double size = p.nameSize();
        double room = pictureWidth - p.nameX();
        double width = FrameFont.advance(name, size);
        if (width > room) {
            size = size * room / width;
        }
        double baseline = p.nameY() + size * ASCENT;
        return AffineTransform.getTranslateInstance(p.nameX(), baseline).createTransformedShape(
                FrameFont.outline(name, size));
    }

    private boolean readsBack(BufferedImage poster, String inviteUrl) {
        BufferedImage seen = camera.apply(poster);
        return DesignReadBack.reads(Drawing.luminance(seen), seen.getWidth(), seen.getHeight(), inviteUrl);
    }

    private static BufferedImage decode(byte[] file) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(file));
            if (image == null) {
                throw new IllegalStateException("a stored poster template does not decode");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
