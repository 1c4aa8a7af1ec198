package com.groupgate.batch;

import com.groupgate.hash.Sha256;
import com.groupgate.id.BatchId;
import com.groupgate.id.CodeId;
import com.groupgate.id.Id;
import java.nio.charset.StandardCharsets;

/**
 * The id of the code a batch row issues, derived from the batch and the row's line: every
 * run of the same batch (a redelivered message, a worker resumed after a crash) names the
 * same code, so its conditional write stores it once and a second run finds it stored.
 * The batch id is random and never shown to anyone but its tenant, so derived ids are as
 * hard to guess as random ones.
 */
public final class BatchCodeIds {
    private static final String DOMAIN = "groupgate/batch-code/v1";

    private BatchCodeIds() {
    }

    public static CodeId of(BatchId batchId, int line) {
        byte[] digest = Sha256.of((DOMAIN + "\0" + batchId + "\0" + line).getBytes(StandardCharsets.UTF_8));
        return new CodeId(Id.fromBytes(digest, 0));
    }
}
