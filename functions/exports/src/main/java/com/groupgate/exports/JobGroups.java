package com.groupgate.exports;

import com.groupgate.export.ExportJob;
import com.groupgate.group.Group;
import com.groupgate.storage.group.GroupTable;
import java.util.function.Consumer;

/** The groups an export covers: the one it names, or every group of the tenant, a page at a time. */
final class JobGroups {
    private static final int PAGE = 100;

    private final GroupTable groups;

    JobGroups(GroupTable groups) {
        this.groups = groups;
    }

    void forEach(ExportJob job, Consumer<Group> each) {
        if (job.groupId() != null) {
            groups.find(job.tenantId(), job.groupId()).ifPresent(each);
            return;
        }
        String cursor = null;
        do {
            GroupTable.Page page = groups.list(job.tenantId(), PAGE, cursor);
            page.items().forEach(each);
            cursor = page.nextCursor();
        } while (cursor != null);
    }
}
