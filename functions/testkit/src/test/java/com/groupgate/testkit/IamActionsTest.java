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
}
