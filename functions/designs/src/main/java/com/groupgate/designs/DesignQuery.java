package com.groupgate.designs;

import com.groupgate.design.DesignColours;
import com.groupgate.design.DesignFormat;
import com.groupgate.error.RefusalException;
import com.groupgate.http.ApiRequest;
import com.groupgate.qr.Medium;

/**
 * What a design request asks for, parsed once where it enters: each bad parameter is a 400
 * naming it; colours too close together are 422 {@code low_contrast}.
 *
 * @param frame {@code null}: no frame; {@link #DEFAULT_FRAME}: a frame, with the call to
 *              action in the tenant's language unless the request has its own
 *              ({@link FrameTextParam}, which a {@code frameText} alone asks for)
 */
record DesignQuery(DesignFormat format, Medium medium, boolean logo, DesignColours colours, String frame) {
    static final String DEFAULT_FRAME = "true";

    static DesignQuery of(ApiRequest request) {
        String formatText = request.queryParam("format");
        DesignFormat format = formatText == null ? DesignFormat.PNG : DesignFormat.parse(formatText)
                .orElseThrow(() -> RefusalException.badField("format", "must be png, svg or pdf"));
        String mediumText = request.queryParam("medium");
        Medium medium = mediumText == null ? Medium.SCREEN : Medium.parse(mediumText)
                .orElseThrow(() -> RefusalException.badField("medium",
                        "must be screen, flyer, poster, billboard or sticker"));
        boolean logo = flag(request.queryParam("logo"), "logo");
        DesignColours colours = DesignColours.of(request.queryParam("fg"), request.queryParam("bg"));
        return new DesignQuery(format, medium, logo, colours, frame(request.queryParam("frame"),
                request.queryParam(FrameTextParam.FIELD) != null));
    }

    private static boolean flag(String text, String field) {
        if (text == null || "false".equals(text)) {
            return false;
        }
        if ("true".equals(text)) {
            return true;
        }
        throw RefusalException.badField(field, "must be true or false");
    }

    private static String frame(String text, boolean ownText) {
        boolean frame = flag(text, "frame");
        if (ownText && text != null && !frame) {
            throw RefusalException.badField(FrameTextParam.FIELD,
                    "is the frame's text; it needs frame=true (or no frame parameter)");
        }
        return frame || ownText ? DEFAULT_FRAME : null;
    }
}
