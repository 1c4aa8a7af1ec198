package com.groupgate.analytics;

/**
 * What a rollup is kept per. Every fact counts toward its tenant, its channel and its
 * label bucket, and toward the code, group and live code it names, if any (a group's
 * also per label).
 */
public enum Dimension {
    TENANT,
    CODE,
    GROUP,
    LIVE_CODE,
    CHANNEL,
    /** Per code label, by {@link LabelKey}. */
    LABEL,
    /** Per group and code label, by {@link GroupLabelKey}: a chain's stores within one group. */
    GROUP_LABEL
}
