package com.groupgate.campaign;

import com.groupgate.hash.Sha256;
import com.groupgate.id.CampaignId;
import com.groupgate.id.Id;
import com.groupgate.id.TenantId;
import com.groupgate.token.KeyRing;
import com.groupgate.token.RewardCodes;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Reward codes. Issued now: signed ({@link RewardCodes}, 48 characters) under the token
 * key ring, bound to the tenant, the campaign and the inviter, so that a redemption refuses
 * a forged one before any read. Issued before: 160 random bits in uppercase base32 (32
 * characters), good for as long as their stored item is. Either is good once, for the
 * tenant whose campaign issued it: its redemption is a conditional write of its own item.
 */
public final class Rewards {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int LEGACY_LENGTH = 32;

    private Rewards() {
    }

    /** A new signed code for {@code inviterRef}'s reward in {@code campaignId}. */
    public static String issue(KeyRing ring, TenantId tenantId, CampaignId campaignId, String inviterRef) {
        return RewardCodes.issue(ring, tenantId.id(), campaignId.id(), inviterId(campaignId, inviterRef), RANDOM);
    }

    /** The first 8 bytes of SHA-256("reward", campaign, memberRef), NUL-separated: the code names no member. */
    public static Id inviterId(CampaignId campaignId, String inviterRef) {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(inviterRef, "inviterRef");
        return Id.fromBytes(Sha256.of("reward\0" + campaignId.text() + "\0" + inviterRef), 0);
    }

    /** What a presented code is, told before any read. */
    public enum Presented {
        /** Signed for this tenant and campaign: look its item up. */
        SIGNED,
        /** A random code of before: only its item can tell. */
        LEGACY,
        /** Neither: forged, altered, another tenant's or campaign's, or no code at all. */
        REFUSED
    }

    /** Checks {@code text} against the ring (CPU only), for {@code tenantId}'s campaign {@code campaignId}. */
    public static Presented check(KeyRing ring, String text, TenantId tenantId, CampaignId campaignId) {
        if (text != null && text.length() == LEGACY_LENGTH && text.matches("[A-Z2-7]{32}")) {
            return Presented.LEGACY;
        }
        return ring != null && RewardCodes.verify(ring, text, tenantId.id(), campaignId.id()).isPresent()
                ? Presented.SIGNED : Presented.REFUSED;
    }
}
