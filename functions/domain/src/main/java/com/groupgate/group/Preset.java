package com.groupgate.group;

import com.groupgate.error.RefusalException;
import com.groupgate.scan.Expiry;
import java.util.Locale;

/**
 * Named defaults after the platforms' own group codes: how long a code lives and how many
 * members a group holds. Explicit request fields override a preset.
 *
 * <p>QQ and DingTalk group codes never expire on their platforms, but every GroupGate
 * group code expires (a code that never expires is a live code, a different thing), so
 * those presets use the longest code lifetime allowed, {@link Expiry#MAX_TTL_SECONDS}
 * (30 days); refreshing renews it. WeChat's 2000-member capacity for verified tenants is
 * not modelled here: it is 500, and a tenant may ask for more explicitly. WeChat groups
 * over 50 members need members to be verified before joining: the preset's
 * {@code verifyAbove} is 50, so joins past that go through approval.
 */
public enum Preset {
    WECHAT(Expiry.DEFAULT_TTL_SECONDS, 500, 50),
    QQ(Expiry.MAX_TTL_SECONDS, 2000, null),
    DINGTALK(Expiry.MAX_TTL_SECONDS, 3000, null),
    WHATSAPP(24L * 3600, 256, null);

    private final long codeTtlSeconds;
    private final int capacity;
    private final Integer verifyAbove;
    private final String wireName = name().toLowerCase(Locale.ROOT);

    Preset(long codeTtlSeconds, int capacity, Integer verifyAbove) {
        assert codeTtlSeconds >= Expiry.MIN_TTL_SECONDS && codeTtlSeconds <= Expiry.MAX_TTL_SECONDS;
        assert capacity >= 1 && capacity <= GroupSettings.MAX_CAPACITY;
        this.codeTtlSeconds = codeTtlSeconds;
        this.capacity = capacity;
        this.verifyAbove = verifyAbove;
    }

    /** Members past which joins need approval unless the request says otherwise; null for none. */
    public Integer verifyAbove() {
        return verifyAbove;
    }

    /** How long this preset's codes live unless the request says otherwise. */
    public long codeTtlSeconds() {
        return codeTtlSeconds;
    }

    /** Group capacity unless the request says otherwise. */
    public int capacity() {
        return capacity;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * The preset named by {@code text} (lowercase, as on the wire).
     *
     * @throws RefusalException naming {@code field} when it names none
     */
    public static Preset parse(String text, String field) {
        for (Preset p : values()) {
            if (p.wireName.equals(text)) {
                return p;
            }
        }
        throw RefusalException.badField(field, "must be one of wechat, qq, dingtalk, whatsapp");
    }
}
