package com.groupgate.batches;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.groupgate.id.BatchId;
import com.groupgate.id.TenantId;
import com.groupgate.storage.batch.BatchFiles;
import com.groupgate.testkit.TestDeployment;
import java.time.Clock;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The ZIP's multipart upload on the emulated S3, under the worker's role: a stream larger
 * than two parts arrives whole, byte for byte; nothing is visible at the key until it is
 * completed.
 */
class BatchZipUploadIT {

    @Test
    void aStreamOfSeveralPartsIsStoredWholeAndOnlyOnceCompleted() throws Exception {
        TestDeployment aws = TestDeployment.get();
        String bucket = aws.resources().ref("ImagesBucket");
        BatchFiles files = new BatchFiles(aws.wiring("BatchWorkerFunction", Clock.systemUTC()).aws(), bucket);
        String key = BatchFiles.zipKey(TenantId.random(), BatchId.random());
        byte[] data = new byte[2 * BatchFiles.PART_BYTES + 12_345];
        new Random(7).nextBytes(data);

        BatchFiles.ZipUpload upload = files.zip(key);
        for (int at = 0; at < data.length; at += 70_001) {
            upload.write(data, at, Math.min(70_001, data.length - at));
        }
        boolean visibleBefore;
        try {
            aws.clients().s3().headObject(h -> h.bucket(bucket).key(key));
            visibleBefore = true;
        } catch (S3Exception e) {
            assertEquals(404, e.statusCode());
            visibleBefore = false;
        }
        assertTrue(!visibleBefore, "no half ZIP at the key before completion");
        assertEquals(data.length, upload.complete());

        byte[] stored = aws.clients().s3().getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray();
        assertArrayEquals(data, stored);
    }
}
