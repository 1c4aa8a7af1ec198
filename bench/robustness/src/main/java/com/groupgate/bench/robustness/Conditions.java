package com.groupgate.bench.robustness;

import java.util.Random;

/**
 * How one photograph of a printed code is taken: the pose of the print before the camera,
 * the optics and sensor, the light, and what covers the print. Positions on the print are
 * fractions of the printed square's side from its centre, so a preset and the default at
 * the same size are photographed under the same conditions.
 *
 * @param distanceMm camera to print
 * @param tiltDeg angle between the print's normal and the camera's axis
 * @param tiltAxisDeg direction, in the print's plane, of the axis it is tilted about
 * @param rollDeg rotation of the print in its own plane
 * @param shiftU sub-pixel shift of the sensor grid, 0..1
 * @param shiftV sub-pixel shift of the sensor grid, 0..1
 * @param blurSigmaPx Gaussian blur (defocus, motion) on the sensor, in pixels
 * @param noiseSd sensor noise, standard deviation in grey levels, besides the base noise
 * @param contrast share of the print's contrast the camera keeps (1 = all)
 * @param glarePeak grey levels a specular highlight adds at its centre
 * @param glareX centre of the highlight
 * @param glareY centre of the highlight
 * @param coverFraction share of the symbol's area covered at its lower-right corner (the one without a finder pattern)
 * @param artSeed the artwork around the printed square
 * @param noiseSeed the sensor noise
 */
record Conditions(double distanceMm, double tiltDeg, double tiltAxisDeg, double rollDeg, double shiftU,
                  double shiftV, double blurSigmaPx, double noiseSd, double contrast, double glarePeak,
                  double glareX, double glareY, double coverFraction, long artSeed, long noiseSeed) {

    /**
     * An ordinary, undamaged photograph at about {@code viewingDistanceMm}: held by hand,
     * so up to 10 % nearer or farther, tilted up to 8° and turned up to 10° either way.
     */
    static Conditions handheld(double viewingDistanceMm, Random random) {
        return new Conditions(viewingDistanceMm * (0.9 + 0.2 * random.nextDouble()), 8 * random.nextDouble(),
                360 * random.nextDouble(), -10 + 20 * random.nextDouble(), random.nextDouble(), random.nextDouble(),
                0, 0, 1, 0, -0.25 + 0.5 * random.nextDouble(), -0.25 + 0.5 * random.nextDouble(), 0,
                random.nextLong(), random.nextLong());
    }

    /** A change to the conditions of a photograph. */
    @FunctionalInterface
    interface Change {
        Conditions apply(Conditions conditions);
    }

    Conditions withTilt(double degrees) {
        return new Conditions(distanceMm, degrees, tiltAxisDeg, rollDeg, shiftU, shiftV, blurSigmaPx, noiseSd,
                contrast, glarePeak, glareX, glareY, coverFraction, artSeed, noiseSeed);
    }

    Conditions withBlur(double sigmaPx) {
        return new Conditions(distanceMm, tiltDeg, tiltAxisDeg, rollDeg, shiftU, shiftV, sigmaPx, noiseSd,
                contrast, glarePeak, glareX, glareY, coverFraction, artSeed, noiseSeed);
    }

    Conditions withNoise(double sd) {
        return new Conditions(distanceMm, tiltDeg, tiltAxisDeg, rollDeg, shiftU, shiftV, blurSigmaPx, sd,
                contrast, glarePeak, glareX, glareY, coverFraction, artSeed, noiseSeed);
    }

    Conditions withContrast(double kept) {
        return new Conditions(distanceMm, tiltDeg, tiltAxisDeg, rollDeg, shiftU, shiftV, blurSigmaPx, noiseSd,
                kept, glarePeak, glareX, glareY, coverFraction, artSeed, noiseSeed);
    }

    Conditions withGlare(double peak) {
        return new Conditions(distanceMm, tiltDeg, tiltAxisDeg, rollDeg, shiftU, shiftV, blurSigmaPx, noiseSd,
                contrast, peak, glareX, glareY, coverFraction, artSeed, noiseSeed);
    }

    Conditions withCover(double fraction) {
        return new Conditions(distanceMm, tiltDeg, tiltAxisDeg, rollDeg, shiftU, shiftV, blurSigmaPx, noiseSd,
                contrast, glarePeak, glareX, glareY, fraction, artSeed, noiseSeed);
    }
}
