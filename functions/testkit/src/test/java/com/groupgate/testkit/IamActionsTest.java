package com.groupgate.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IamActionsTest {
    @Test
    void anObjectIsRecordedByTheFolderItsGrantNames() {
        assertEquals("entries/", IamActions.folder("entries/t1/g1/picture"));
        assertEquals("words/", IamActions.folder("words/tenants/t1/3.json"));
        assertEquals("i/c/", IamActions.folder("i/c/t1/ab12.png"));
        assertEquals("i/l/", IamActions.folder("i/l/t1/ab12.png"));
        assertEquals("i/", IamActions.folder("i/ab12.png"));
        assertEquals("", IamActions.folder("loose.png"));
    }

    @Test
    void aMultipartUploadIsAuthorizedAsThePutObjectItMakesAndItsAbortAsItself() {
        for (String op : new String[] {"CreateMultipartUpload", "UploadPart", "CompleteMultipartUpload", "PutObject"}) {
            assertEquals(java.util.List.of(new IamActions.Use("s3:PutObject", "arn:aws:s3:::b/exports/{key}")),
                    IamActions.s3Use(op, "b", "exports/t1/e1.csv"), op);
        }
        assertEquals("s3:AbortMultipartUpload", IamActions.s3Use("AbortMultipartUpload", "b", "exports/x").get(0).action());
        assertEquals("s3:ListBucketMultipartUploads", IamActions.s3Use("ListMultipartUploads", "b", null).get(0).action());
    }
}
