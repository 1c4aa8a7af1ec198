package com.groupgate.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestStatusTest {
    @Test
    void wireNamesAreTheStoredLowercaseForms() {
        assertEquals("pending", RequestStatus.PENDING.wireName());
        assertEquals("joined", RequestStatus.JOINED.wireName());
        assertEquals("rejected", RequestStatus.REJECTED.wireName());
        assertEquals("removed", RequestStatus.REMOVED.wireName());
    }

    @Test
    void aTenantListsByPendingJoinedOrRejected() {
        assertEquals(RequestStatus.PENDING, RequestStatus.parseListed("pending", "status"));
        assertEquals(RequestStatus.JOINED, RequestStatus.parseListed("joined", "status"));
        assertEquals(RequestStatus.REJECTED, RequestStatus.parseListed("rejected", "status"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"removed", "PENDING", "approved", ""})
    void anyOtherListedStatusIsRefusedNamingTheField(String text) {
        RefusalException e = assertThrows(RefusalException.class, () -> RequestStatus.parseListed(text, "status"));
        assertEquals(Refusal.BAD_REQUEST, e.refusal());
        assertEquals("status", e.field());
    }
}
