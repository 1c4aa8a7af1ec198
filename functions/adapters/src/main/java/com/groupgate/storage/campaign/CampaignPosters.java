package com.groupgate.storage.campaign;

import static com.groupgate.aws.Attr.n;
import static com.groupgate.aws.Attr.s;

import com.groupgate.aws.Attr;
import com.groupgate.campaign.CampaignStatus;
import com.groupgate.campaign.PosterPlacement;
import com.groupgate.campaign.PosterTemplate;
import com.groupgate.design.Colour;
import com.groupgate.id.CampaignId;
import com.groupgate.id.TenantId;
import com.groupgate.storage.MainTableKeys;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * A campaign's poster template, as the map {@value #POSTER} on the campaign's own item
 * ({@code T#<tenant>} / {@code CAMPAIGN#<id>}): the template picture's key, type and size, and
 * the placement. On the campaign's item so that the join, which reads the campaign anyway
 * (once a minute per container), knows without another read whether a poster is owed.
 * The one owner of that attribute's shape.
 */
public final class CampaignPosters {
    /** The attribute on the campaign's item. */
    public static final String POSTER = "poster";

    private final DynamoDbClient dynamo;
    private final String table;

    public CampaignPosters(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /**
     * Makes {@code template} the campaign's poster template while the campaign is stored as
     * active: one conditional UpdateItem; false when it is not (gone, or ended).
     */
    public boolean put(TenantId tenantId, CampaignId campaignId, PosterTemplate template) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(MainTableKeys.campaign(tenantId, campaignId))
                    .updateExpression("SET #p = :p")
                    .conditionExpression("attribute_exists(pk) AND #st = :active")
                    .expressionAttributeNames(Map.of("#p", POSTER, "#st", "status"))
                    .expressionAttributeValues(Map.of(":p", Attr.map(encode(template)),
                            ":active", s(CampaignStatus.ACTIVE.wireName()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** The poster template on a campaign's {@code item}, or null when it has none. */
    public static PosterTemplate from(Map<String, AttributeValue> item) {
        AttributeValue value = item.get(POSTER);
        if (value == null || !value.hasM()) {
            return null;
        }
        Map<String, AttributeValue> m = value.m();
        PosterPlacement placement = new PosterPlacement(num(m, "qrX"), num(m, "qrY"), num(m, "qrSize"),
                num(m, "nameX"), num(m, "nameY"), num(m, "nameSize"), Colour.parse(Attr.str(m, "nameColor"), POSTER));
        return new PosterTemplate(Attr.str(m, "templateKey"), Attr.str(m, "contentType"), num(m, "width"),
                num(m, "height"), placement);
    }

    static Map<String, AttributeValue> encode(PosterTemplate t) {
        PosterPlacement p = t.placement();
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("templateKey", s(t.templateKey()));
        m.put("contentType", s(t.contentType()));
        m.put("width", n(t.width()));
        m.put("height", n(t.height()));
        m.put("qrX", n(p.qrX()));
        m.put("qrY", n(p.qrY()));
        m.put("qrSize", n(p.qrSize()));
        m.put("nameX", n(p.nameX()));
        m.put("nameY", n(p.nameY()));
        m.put("nameSize", n(p.nameSize()));
        m.put("nameColor", s(p.nameColor().hex()));
        return m;
    }

    private static int num(Map<String, AttributeValue> m, String name) {
        return (int) Attr.num(m, name, 0);
    }
}
