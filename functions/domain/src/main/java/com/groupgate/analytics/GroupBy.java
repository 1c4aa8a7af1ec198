package com.groupgate.analytics;

import com.groupgate.error.RefusalException;

/** What tenant-level stats rows are per, and the rollup dimension each reads. */
public enum GroupBy {
    CHANNEL(Dimension.CHANNEL),
    CODE(Dimension.CODE),
    GROUP(Dimension.GROUP),
    LABEL(Dimension.LABEL);

    private final Dimension dimension;

    GroupBy(Dimension dimension) {
        this.dimension = dimension;
    }

    public Dimension dimension() {
        return dimension;
    }

    /**
     * The {@code groupBy} query parameter.
     *
     * @throws RefusalException a 400 naming {@code groupBy} unless it is channel, code, group or label
     */
    public static GroupBy parse(String groupBy) {
        if (groupBy != null) {
            switch (groupBy) {
                case "channel":
                    return CHANNEL;
                case "code":
                    return CODE;
                case "group":
                    return GROUP;
                case "label":
                    return LABEL;
                default:
                    break;
            }
        }
        throw RefusalException.badField("groupBy", "must be channel, code, group or label");
    }
}
