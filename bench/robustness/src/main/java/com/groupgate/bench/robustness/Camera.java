package com.groupgate.bench.robustness;

import java.util.Random;

/**
 * A phone camera photographing a printed symbol: a pinhole camera with a 1080p preview
 * (1920 pixels across a 66° field, what scanning apps decode from) looking at the print's
 * plane through a homography, each pixel the mean of 2 × 2 samples; then blur, the contrast
 * the light leaves, sensor noise and 8-bit clipping. Only the part of the frame around the
 * printed square is produced (a sixth of its side on every side), since decoders look for
 * the symbol there anyway.
 *
 * <p>Around the printed square is artwork: blocks of random grey, as on a poster, so the
 * quiet zone has to do its job. Paper reflects 88 %, ink 6 %; the camera maps reflectance
 * 0..1 to grey 30..230 before the light's damage.
 */
final class Camera {
    static final int PREVIEW_WIDTH_PX = 1920;
    static final double FIELD_OF_VIEW_DEG = 66;
    static final double FOCAL_PX = PREVIEW_WIDTH_PX / 2.0 / Math.tan(Math.toRadians(FIELD_OF_VIEW_DEG / 2));
    private static final int SAMPLES = 2;
    private static final double PAPER = 0.88;
    private static final double INK = 0.06;
    /** A thumb or a dark tag over the corner. */
    private static final double COVER = 0.25;
    private static final double BLACK_LEVEL = 30;
    private static final double WHITE_LEVEL = 230;
    /** Sensor noise every photograph has. */
    private static final double BASE_NOISE_SD = 2;
    /** The highlight's radius (sigma) as a share of the printed square's side. */
    private static final double GLARE_SIGMA = 0.12;
    /** Artwork blocks per side of the printed square. */
    private static final int ART_BLOCKS = 8;

    private Camera() {
    }

    /** A grey photograph, row by row, one byte a pixel. */
    record Photo(byte[] gray, int width, int height) {
    }

    static Photo photograph(Symbol symbol, Conditions conditions) {
        double[] forward = forward(conditions);
        double[] inverse = invert(forward);
        double half = symbol.targetMm() / 2;
        double minU = Double.MAX_VALUE;
        double minV = Double.MAX_VALUE;
        double maxU = -Double.MAX_VALUE;
        double maxV = -Double.MAX_VALUE;
        for (int corner = 0; corner < 4; corner++) {
            double x = (corner & 1) == 0 ? -half : half;
            double y = (corner & 2) == 0 ? -half : half;
            double w = forward[6] * x + forward[7] * y + forward[8];
            double u = (forward[0] * x + forward[1] * y + forward[2]) / w;
            double v = (forward[3] * x + forward[4] * y + forward[5]) / w;
            minU = Math.min(minU, u);
            maxU = Math.max(maxU, u);
            minV = Math.min(minV, v);
            maxV = Math.max(maxV, v);
        }
        double margin = Math.max(maxU - minU, maxV - minV) / 6;
        double originU = Math.floor(minU - margin) + conditions.shiftU();
        double originV = Math.floor(minV - margin) + conditions.shiftV();
        int width = (int) Math.ceil(maxU - minU + 2 * margin);
        int height = (int) Math.ceil(maxV - minV + 2 * margin);

        Print print = new Print(symbol, conditions);
        float[] image = new float[width * height];
        for (int row = 0; row < height; row++) {
            for (int column = 0; column < width; column++) {
                double sum = 0;
                for (int sy = 0; sy < SAMPLES; sy++) {
                    double v = originV + row + (sy + 0.5) / SAMPLES;
                    for (int sx = 0; sx < SAMPLES; sx++) {
                        double u = originU + column + (sx + 0.5) / SAMPLES;
                        double w = inverse[6] * u + inverse[7] * v + inverse[8];
                        double x = (inverse[0] * u + inverse[1] * v + inverse[2]) / w;
                        double y = (inverse[3] * u + inverse[4] * v + inverse[5]) / w;
                        sum += print.grey(x, y);
                    }
                }
                image[row * width + column] = (float) (sum / (SAMPLES * SAMPLES));
            }
        }
        if (conditions.blurSigmaPx() > 0) {
            image = GaussianBlur.blur(image, width, height, conditions.blurSigmaPx());
        }
        return new Photo(sensor(image, conditions), width, height);
    }

    /** The light's contrast, the sensor's noise, 8 bits. */
    private static byte[] sensor(float[] image, Conditions conditions) {
        Random noise = new Random(conditions.noiseSeed());
        double sd = Math.hypot(BASE_NOISE_SD, conditions.noiseSd());
        double middle = (BLACK_LEVEL + WHITE_LEVEL) / 2;
        byte[] gray = new byte[image.length];
        for (int i = 0; i < image.length; i++) {
            double value = middle + (image[i] - middle) * conditions.contrast() + noise.nextGaussian() * sd;
            gray[i] = (byte) Math.max(0, Math.min(255, Math.round(value)));
        }
        return gray;
    }

    /**
     * The homography from the print's plane (millimetres from the printed square's centre)
     * to the image (pixels from the optical axis): K [r1 r2 t], where the print is turned by
     * the roll in its plane, tilted about an axis in its plane and set at the distance.
     */
    private static double[] forward(Conditions conditions) {
        double[] roll = rotation(0, 0, 1, Math.toRadians(conditions.rollDeg()));
        double axis = Math.toRadians(conditions.tiltAxisDeg());
        double[] tilt = rotation(Math.cos(axis), Math.sin(axis), 0, Math.toRadians(conditions.tiltDeg()));
        double[] r = multiply(tilt, roll);
        double f = FOCAL_PX;
        double d = conditions.distanceMm();
        return new double[] {
            f * r[0], f * r[1], 0,
            f * r[3], f * r[4], 0,
            r[6], r[7], d,
        };
    }

    /** Rotation by {@code angle} about the unit axis (x, y, z) (Rodrigues), row-major. */
    private static double[] rotation(double x, double y, double z, double angle) {
        double c = Math.cos(angle);
        double s = Math.sin(angle);
        double t = 1 - c;
        return new double[] {
            t * x * x + c, t * x * y - s * z, t * x * z + s * y,
            t * x * y + s * z, t * y * y + c, t * y * z - s * x,
            t * x * z - s * y, t * y * z + s * x, t * z * z + c,
        };
    }

    private static double[] multiply(double[] a, double[] b) {
        double[] product = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    product[3 * i + j] += a[3 * i + k] * b[3 * k + j];
                }
            }
        }
        return product;
    }

    private static double[] invert(double[] m) {
        double[] adjugate = {
            m[4] * m[8] - m[5] * m[7], m[2] * m[7] - m[1] * m[8], m[1] * m[5] - m[2] * m[4],
            m[5] * m[6] - m[3] * m[8], m[0] * m[8] - m[2] * m[6], m[2] * m[3] - m[0] * m[5],
            m[3] * m[7] - m[4] * m[6], m[1] * m[6] - m[0] * m[7], m[0] * m[4] - m[1] * m[3],
        };
        double determinant = m[0] * adjugate[0] + m[1] * adjugate[3] + m[2] * adjugate[6];
        for (int i = 0; i < 9; i++) {
            adjugate[i] /= determinant;
        }
        return adjugate;
    }

    /** What the camera sees at a point of the print's plane, in grey levels before the light's damage. */
    private static final class Print {
        private final Symbol symbol;
        private final Conditions conditions;
        private final double half;
        private final double coverFrom;
        private final double glareX;
        private final double glareY;
        private final double glareTwoSigmaSquared;
        private final double artBlockMm;

        Print(Symbol symbol, Conditions conditions) {
            this.symbol = symbol;
            this.conditions = conditions;
            this.half = symbol.targetMm() / 2;
            double symbolHalf = symbol.symbolMm() / 2;
            this.coverFrom = symbolHalf - Math.sqrt(conditions.coverFraction()) * symbol.symbolMm();
            this.glareX = conditions.glareX() * symbol.targetMm();
            this.glareY = conditions.glareY() * symbol.targetMm();
            double sigma = GLARE_SIGMA * symbol.targetMm();
            this.glareTwoSigmaSquared = 2 * sigma * sigma;
            this.artBlockMm = symbol.targetMm() / ART_BLOCKS;
        }

        double grey(double x, double y) {
            double reflectance;
            if (conditions.coverFraction() > 0 && x >= coverFrom && y >= coverFrom) {
                reflectance = COVER;
            } else if (Math.abs(x) <= half && Math.abs(y) <= half) {
                reflectance = symbol.darkAt(x, y) ? INK : PAPER;
            } else {
                reflectance = artwork((long) Math.floor(x / artBlockMm), (long) Math.floor(y / artBlockMm));
            }
            double grey = BLACK_LEVEL + (WHITE_LEVEL - BLACK_LEVEL) * reflectance;
            if (conditions.glarePeak() > 0) {
                double dx = x - glareX;
                double dy = y - glareY;
                grey += conditions.glarePeak() * Math.exp(-(dx * dx + dy * dy) / glareTwoSigmaSquared);
            }
            return grey;
        }

        /** A grey between 10 % and 90 % for each block, fixed by the seed. */
        private double artwork(long blockX, long blockY) {
            long h = conditions.artSeed() ^ (blockX * 0x9E3779B97F4A7C15L) ^ (blockY * 0xC2B2AE3D27D4EB4FL);
            h = (h ^ (h >>> 31)) * 0xBF58476D1CE4E5B9L;
            h ^= h >>> 29;
            return 0.1 + 0.8 * ((h >>> 11) * 0x1.0p-53);
        }
    }
}
