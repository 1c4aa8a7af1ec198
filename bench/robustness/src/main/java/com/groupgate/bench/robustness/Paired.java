package com.groupgate.bench.robustness;

/**
 * One row of the benchmark: the same photographs (same scan URL, pose, light and damage) of a
 * preset and of the zxing default, and which of the two each decoder read. Paired like this, a
 * difference between the two is judged by the photographs only one of them read (McNemar's
 * exact test), not by comparing two rates that chance alone moves by a photograph or two.
 */
final class Paired {
    /** A preset counts as worse in a row when chance would make it lose this often less than 5 % of the time. */
    static final double SIGNIFICANCE = 0.05;

    private int trials;
    private int both;
    private int presetOnly;
    private int plainOnly;

    void add(boolean presetRead, boolean plainRead) {
        trials++;
        if (presetRead && plainRead) {
            both++;
        } else if (presetRead) {
            presetOnly++;
        } else if (plainRead) {
            plainOnly++;
        }
    }

    int trials() {
        return trials;
    }

    int preset() {
        return both + presetOnly;
    }

    int plain() {
        return both + plainOnly;
    }

    /**
     * The chance of the default reading at least {@code plainOnly} of the photographs only one
     * of the two read, were both equally good: the one-sided exact binomial (sign) test.
     */
    double worseP() {
        int discordant = presetOnly + plainOnly;
        double p = 0;
        for (int k = plainOnly; k <= discordant; k++) {
            p += binomial(discordant, k);
        }
        return p / Math.pow(2, discordant);
    }

    boolean worse() {
        return preset() < plain();
    }

    boolean significantlyWorse() {
        return worse() && worseP() < SIGNIFICANCE;
    }

    private static double binomial(int n, int k) {
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }
}
