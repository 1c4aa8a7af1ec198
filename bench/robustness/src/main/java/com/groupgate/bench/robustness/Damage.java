package com.groupgate.bench.robustness;

import java.util.List;
import java.util.Locale;

/**
 * What happens to a printed code between the printer and the phone, each at four strengths
 * from mild to severe (the first is the mild one the presets test uses).
 */
enum Damage {
    /** No damage: the handheld photograph alone. */
    NONE("", List.of(0.0)) {
        @Override
        Conditions apply(Conditions base, double strength) {
            return base;
        }
    },
    /** Defocus or motion: a Gaussian blur, sigma in camera pixels. */
    BLUR("σ px", List.of(0.6, 0.9, 1.2, 1.5)) {
        @Override
        Conditions apply(Conditions base, double strength) {
            return base.withBlur(strength);
        }
    },
    /** Dim light, a cheap sensor: Gaussian noise, standard deviation in grey levels. */
    NOISE("sd", List.of(8.0, 16.0, 24.0, 32.0)) {
        @Override
        Conditions apply(Conditions base, double strength) {
            return base.withNoise(strength);
        }
    },
    /** Seen from the side: the print tilted by this many degrees (a homography). */
    PERSPECTIVE("tilt °", List.of(30.0, 40.0, 50.0, 60.0)) {
        @Override
        Conditions apply(Conditions base, double strength) {
            return base.withTilt(strength);
        }
    },
    /** Faded ink, grey paper, backlight: the share of the contrast that is left. */
    LOW_CONTRAST("kept", List.of(0.5, 0.3, 0.2, 0.12)) {
        @Override
        Conditions apply(Conditions base, double strength) {
            return base.withContrast(strength);
        }
    },
    /** A specular highlight on glossy paper or glass: grey levels added at its centre. */
    GLARE("peak", List.of(120.0, 200.0, 280.0, 360.0)) {
        @Override
        Conditions apply(Conditions base, double strength) {
            return base.withGlare(strength);
        }
    },
    /** A thumb, a price tag or a torn corner over the corner without a finder pattern: share of the symbol. */
    OCCLUSION("area", List.of(0.02, 0.05, 0.08, 0.12)) {
        @Override
        Conditions apply(Conditions base, double strength) {
            return base.withCover(strength);
        }
    };

    private final String unit;
    private final List<Double> strengths;

    Damage(String unit, List<Double> strengths) {
        this.unit = unit;
        this.strengths = strengths;
    }

    abstract Conditions apply(Conditions base, double strength);

    List<Double> strengths() {
        return strengths;
    }

    /** The mildest strength. */
    double mild() {
        return strengths.get(0);
    }

    String label(double strength) {
        if (this == NONE) {
            return "none";
        }
        String value = strength == Math.rint(strength) ? String.valueOf((long) strength) : String.valueOf(strength);
        return name().toLowerCase(Locale.ROOT).replace('_', ' ') + " " + value + " " + unit;
    }
}
