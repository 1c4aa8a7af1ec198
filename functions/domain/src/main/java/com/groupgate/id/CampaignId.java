package com.groupgate.id;

import java.util.Objects;
import java.util.Optional;

/**
 * A referral campaign's id. Its own type so that it cannot be passed where another entity's id is
 * wanted; the 8 bytes and the 13-character text are those of {@link Id}.
 */
public record CampaignId(Id id) {
    public CampaignId {
        Objects.requireNonNull(id, "id");
    }

    public static CampaignId random() {
        return new CampaignId(Id.random());
    }

    /** The id written in {@code text}, or empty when it is not one. */
    public static Optional<CampaignId> parse(String text) {
        return Id.parse(text).map(CampaignId::new);
    }

    /** As written in the API and the tables. */
    public String text() {
        return id.toString();
    }

    @Override
    public String toString() {
        return text();
    }
}
