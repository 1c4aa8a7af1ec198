package com.groupgate.analytics;

/**
 * What a batch adds to one usage item. Codes issued and image bytes stored are metered
 * where codes are made, not from the fact stream, so they are not here.
 *
 * @param scansVerified accepted scans
 * @param joins         joins
 */
public record UsageDelta(long scansVerified, long joins) {
    public static final UsageDelta ZERO = new UsageDelta(0, 0);

    public UsageDelta {
        if (scansVerified < 0 || joins < 0) {
            throw new IllegalArgumentException("scansVerified and joins must be >= 0: " + scansVerified + ", " + joins);
        }
    }

    /** The usage {@code fact} adds, which is zero for refused scans. */
    public static UsageDelta of(Fact fact) {
        if (fact.isAcceptedScan()) {
            return new UsageDelta(1, 0);
        }
        return fact.isJoin() ? new UsageDelta(0, 1) : ZERO;
    }

    public UsageDelta plus(UsageDelta other) {
        return new UsageDelta(scansVerified + other.scansVerified, joins + other.joins);
    }

    public boolean isZero() {
        return scansVerified == 0 && joins == 0;
    }
}
