package com.groupgate.qr;

import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;

/** QR error-correction level: the share of the symbol that may be damaged and still read. */
public enum Ecc {
    /** About 7 % recoverable. */
    L(ErrorCorrectionLevel.L),
    /** About 15 %; the level scan URLs are sized for. */
    M(ErrorCorrectionLevel.M),
    /** About 25 %. */
    Q(ErrorCorrectionLevel.Q),
    /** About 30 %. */
    H(ErrorCorrectionLevel.H);

    private final ErrorCorrectionLevel zxing;

    Ecc(ErrorCorrectionLevel zxing) {
        this.zxing = zxing;
    }

    ErrorCorrectionLevel zxing() {
        return zxing;
    }
}
