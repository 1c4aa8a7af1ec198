package com.groupgate.exports;

import com.groupgate.analytics.RecordedFact;
import com.groupgate.aws.Attr;
import com.groupgate.code.Channel;
import com.groupgate.export.ExportJob;
import com.groupgate.export.ExportTimes;
import com.groupgate.fact.FactCodec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code joins}: each join in the range with the fact its member item carries — the code or
 * live code and channel it came through, and the place and device of the joiner (never the
 * address hash).
 */
final class JoinRows implements ExportRows {
    private final JobGroups groups;
    private final MemberItems members;

    JoinRows(JobGroups groups, MemberItems members) {
        this.groups = groups;
        this.members = members;
    }

    @Override
    public void forEach(ExportJob job, ExportTimes times, Consumer<List<String>> row) {
        groups.forEach(job, group -> members.forEach(job, group.groupId(), item -> {
            String joinedAt = times.formatEpochSecond(Attr.num(item, "joinedAt", 0));
            String memberRef = Attr.str(item, "memberRef");
            Map<String, AttributeValue> stored = Attr.mapOf(item, "fact");
            RecordedFact f = stored == null || stored.isEmpty() ? null : FactCodec.decode(stored);
            row.accept(f == null
                    ? Arrays.asList(joinedAt, group.groupId().toString(), memberRef, null, null, null, null, null,
                            null, null, null, null)
                    : Arrays.asList(joinedAt, group.groupId().toString(), memberRef, f.codeId(), f.liveCodeId(),
                            Channel.textOrNull(f.channel()), f.country(), f.region(), f.city(), f.device(), f.os(), f.app()));
        }));
    }
}
