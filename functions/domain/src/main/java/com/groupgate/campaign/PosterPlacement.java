package com.groupgate.campaign;

import com.groupgate.design.Colour;
import com.groupgate.error.RefusalException;
import java.util.function.Function;

/**
 * Where a campaign's poster template takes the inviter's invite code and display name, in
 * the template picture's pixels (origin top left, y downward): the QR square at
 * ({@code qrX}, {@code qrY}), {@code qrSize} on a side; the name's line from
 * ({@code nameX}, {@code nameY}), its top, {@code nameSize} high, running to the right edge
 * (a longer name is drawn smaller), in {@code nameColor}.
 *
 * <p>Checked against the picture once, when the template is uploaded, so that every
 * member's poster can be drawn: both parts inside the picture, the QR square large enough
 * for a phone to read an invite URL from a print or a screen, and the name's line clear of
 * the QR square (text over the modules would make the code unreadable).
 */
public record PosterPlacement(int qrX, int qrY, int qrSize, int nameX, int nameY, int nameSize, Colour nameColor) {
    /**
     * The QR square's side, at least: an invite URL (about 110 alphanumeric characters) is a
     * version 6 symbol at level M, 41 modules and a 4-module quiet zone each side, so 150
     * pixels give three pixels a module — what a phone reads from a screen or a print.
     */
    public static final int MIN_QR_SIZE = 150;
    /** The name's height, at least and at most, in pixels. */
    public static final int MIN_NAME_SIZE = 12;
    public static final int MAX_NAME_SIZE = 200;
    /** The query fields, in the order the API lists them. */
    public static final String[] FIELDS = {"qrX", "qrY", "qrSize", "nameX", "nameY", "nameSize", "nameColor"};

    public PosterPlacement {
        if (nameColor == null) {
            throw new IllegalArgumentException("nameColor is required");
        }
    }

    /**
     * The placement the query fields give ({@code query} answers a field's text, or null),
     * checked against a {@code width} × {@code height} picture: a 400 naming the first field
     * that is missing, not a whole number, or out of place.
     */
    public static PosterPlacement of(Function<String, String> query, int width, int height) {
        int qrX = whole(query, "qrX", 0, width - 1);
        int qrY = whole(query, "qrY", 0, height - 1);
        int qrSize = whole(query, "qrSize", MIN_QR_SIZE, Math.max(MIN_QR_SIZE, Math.min(width, height)));
        if (qrX + qrSize > width) {
            throw RefusalException.badField("qrSize", "the QR square (qrX + qrSize = " + (qrX + qrSize)
                    + ") runs past the picture's width " + width);
        }
        if (qrY + qrSize > height) {
            throw RefusalException.badField("qrSize", "the QR square (qrY + qrSize = " + (qrY + qrSize)
                    + ") runs past the picture's height " + height);
        }
        int nameX = whole(query, "nameX", 0, width - 1);
        int nameY = whole(query, "nameY", 0, height - 1);
        int nameSize = whole(query, "nameSize", MIN_NAME_SIZE, MAX_NAME_SIZE);
        if (nameY + nameSize > height) {
            throw RefusalException.badField("nameSize", "the name's line (nameY + nameSize = " + (nameY + nameSize)
                    + ") runs past the picture's height " + height);
        }
        boolean rowsMeet = nameY < qrY + qrSize && qrY < nameY + nameSize;
        boolean columnsMeet = nameX < qrX + qrSize;
        if (rowsMeet && columnsMeet) {
            throw RefusalException.badField("nameY", "the name's line (from nameX to the right edge, nameY to nameY + "
                    + "nameSize) overlaps the QR square; move it above, below or to the right of the code");
        }
        String colour = query.apply("nameColor");
        if (colour == null) {
            throw RefusalException.badField("nameColor", "is required: six hex digits, such as 1a2b3c");
        }
        return new PosterPlacement(qrX, qrY, qrSize, nameX, nameY, nameSize, Colour.parse(colour, "nameColor"));
    }

    /** The placement as one line of text: what the poster's content address covers. */
    public String canonical() {
        return qrX + "," + qrY + "," + qrSize + "," + nameX + "," + nameY + "," + nameSize + "," + nameColor.hex();
    }

    private static int whole(Function<String, String> query, String field, int min, int max) {
        String text = query.apply(field);
        if (text == null) {
            throw RefusalException.badField(field, "is required (pixels of the template picture)");
        }
        if (text.isEmpty() || text.length() > 6 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw RefusalException.badField(field, "must be a whole number of pixels");
        }
        int value = Integer.parseInt(text);
        if (value < min || value > max) {
            throw RefusalException.badField(field, "must be " + min + ".." + max + " for this picture, was " + value);
        }
        return value;
    }
}
