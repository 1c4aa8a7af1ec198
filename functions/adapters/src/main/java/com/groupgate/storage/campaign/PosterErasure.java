package com.groupgate.storage.campaign;

import com.groupgate.campaign.Campaign;
import com.groupgate.campaign.Invites;
import com.groupgate.id.CampaignId;
import com.groupgate.id.TenantId;
import com.groupgate.image.ImageBucket;

/**
 * Removes a member's posters from the images bucket before their invites go
 * ({@link CampaignErasure}): each invite records the poster files drawn for it
 * ({@link InviteTable#recordPoster}), so the files are found without listing the bucket.
 * Safe to repeat: deleting a file that is gone is not an error.
 */
public final class PosterErasure {
    private static final int PAGE = 100;

    private final CampaignTable campaigns;
    private final InviteTable invites;
    private final ImageBucket images;

    public PosterErasure(CampaignTable campaigns, InviteTable invites, ImageBucket images) {
        this.campaigns = campaigns;
        this.invites = invites;
        this.images = images;
    }

    /** Deletes every poster file of {@code memberRef}'s invites in the tenant's campaigns; how many. */
    public int erase(TenantId tenantId, String memberRef) {
        int erased = 0;
        CampaignId after = null;
        do {
            CampaignTable.Page page = campaigns.list(tenantId, PAGE, after);
            for (Campaign c : page.items()) {
                for (String key : invites.posterKeys(tenantId, c.campaignId(), Invites.idOf(c.campaignId(), memberRef))) {
                    images.delete(key);
                    erased++;
                }
            }
            after = page.nextCursor() == null ? null : CampaignId.parse(page.nextCursor()).orElseThrow();
        } while (after != null);
        return erased;
    }
}
