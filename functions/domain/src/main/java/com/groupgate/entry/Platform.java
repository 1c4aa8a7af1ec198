package com.groupgate.entry;

import java.util.Locale;

/**
 * The chat platform a group lives on, as its entry's host names it. GroupGate does not run
 * chats: a tenant's group lives on one of these, and what a verified joiner receives is its
 * way in (an invite link, or the platform's own group QR picture).
 */
public enum Platform {
    WECHAT("weixin.qq.com"),
    WHATSAPP("chat.whatsapp.com"),
    TELEGRAM("t.me"),
    DISCORD("discord.gg", "discord.com"),
    QQ("qm.qq.com", "jq.qq.com"),
    DINGTALK("qr.dingtalk.com", "h5.dingtalk.com"),
    FEISHU("applink.feishu.cn", "applink.larksuite.com"),
    SLACK("join.slack.com"),
    OTHER();

    private final String[] hosts;
    private final String wireName = name().toLowerCase(Locale.ROOT);

    Platform(String... hosts) {
        this.hosts = hosts;
    }

    public String wireName() {
        return wireName;
    }

    /** The platform whose invite host {@code host} is (exactly, case-insensitively); {@link #OTHER} otherwise. */
    public static Platform ofHost(String host) {
        if (host == null) {
            return OTHER;
        }
        String h = host.toLowerCase(Locale.ROOT);
        for (Platform p : values()) {
            for (String known : p.hosts) {
                if (known.equals(h)) {
                    return p;
                }
            }
        }
        return OTHER;
    }

    /** The platform named by its wire name. */
    public static Platform parse(String wireName) {
        for (Platform p : values()) {
            if (p.wireName.equals(wireName)) {
                return p;
            }
        }
        throw new IllegalArgumentException("not a platform: " + wireName);
    }
}
