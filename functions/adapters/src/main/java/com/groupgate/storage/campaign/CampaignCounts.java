package com.groupgate.storage.campaign;

import com.groupgate.aws.Attr;
import com.groupgate.campaign.CreditStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A campaign's funnel counted from its own items (invites, credits, inviters), so that the
 * stats are the credits: {@code joins} are the credits of every status, {@code qualified}
 * the qualified ones, and {@code inviterOf} who invited whom (an erased inviter by the
 * erasure's hash), for the generations.
 */
public record CampaignCounts(long invitesIssued, long inviteScans, long joins, long pending, long qualified, long refused,
                      long removed, long rewards, Map<String, String> inviterOf) {

    /** The counts of a campaign partition's items ({@link CreditTable#counts}). */
    static CampaignCounts of(List<Map<String, AttributeValue>> items) {
        long invites = 0;
        long scans = 0;
        long joins = 0;
        long rewards = 0;
        Map<String, Long> byStatus = new HashMap<>();
        Map<String, String> inviterOf = new HashMap<>();
        for (Map<String, AttributeValue> item : items) {
            String sk = Attr.str(item, "sk");
            if (sk.startsWith("INVITE#")) {
                invites++;
                scans += Attr.num(item, "scans", 0);
            } else if (sk.startsWith("INVITEE#")) {
                joins++;
                byStatus.merge(Attr.str(item, "status"), 1L, Long::sum);
                String inviter = item.containsKey("inviterRef") ? Attr.str(item, "inviterRef")
                        : CampaignErasure.ERASED_PREFIX + Attr.str(item, CampaignErasure.INVITER_ERASED_AS);
                inviterOf.put(Attr.str(item, "memberRef"), inviter);
            } else if (sk.startsWith("REWARD#")) {
                rewards++;
            }
        }
        return new CampaignCounts(invites, scans, joins, count(byStatus, CreditStatus.PENDING),
                count(byStatus, CreditStatus.QUALIFIED), count(byStatus, CreditStatus.REFUSED),
                count(byStatus, CreditStatus.REMOVED), rewards, inviterOf);
    }

    private static long count(Map<String, Long> byStatus, CreditStatus status) {
        return byStatus.getOrDefault(status.wireName(), 0L);
    }
}
