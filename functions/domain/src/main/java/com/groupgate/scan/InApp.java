package com.groupgate.scan;

import java.util.Locale;

/**
 * The app whose built-in browser made the scan. {@code OTHER} covers every other app and
 * plain browsers alike, matching the product's list (WeChat, QQ, DingTalk, Alipay,
 * other): analytics asks which of these apps scanners use, not which browser. Wire names
 * are lowercase ({@link #wireName}).
 */
public enum InApp {
    WECHAT, QQ, DINGTALK, ALIPAY, OTHER;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    /** The name in analytics facts and API answers. */
    public String wireName() {
        return wireName;
    }
}
