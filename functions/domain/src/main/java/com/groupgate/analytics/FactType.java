package com.groupgate.analytics;

/** What a fact records: a scan of a code (accepted or refused) or a member joining a group. */
public enum FactType {
    SCAN,
    JOIN
}
