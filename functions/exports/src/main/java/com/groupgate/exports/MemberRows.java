package com.groupgate.exports;

import com.groupgate.aws.Attr;
import com.groupgate.export.ExportJob;
import com.groupgate.export.ExportTimes;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** {@code members}: groupId, groupName, memberRef, joinedAt — the members now, who joined in the range. */
final class MemberRows implements ExportRows {
    private final JobGroups groups;
    private final MemberItems members;

    MemberRows(JobGroups groups, MemberItems members) {
        this.groups = groups;
        this.members = members;
    }

    @Override
    public void forEach(ExportJob job, ExportTimes times, Consumer<List<String>> row) {
        groups.forEach(job, group -> members.forEach(job, group.groupId(), item -> row.accept(Arrays.asList(
                group.groupId().toString(), group.name(), Attr.str(item, "memberRef"),
                times.formatEpochSecond(Attr.num(item, "joinedAt", 0))))));
    }
}
