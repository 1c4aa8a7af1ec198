package com.groupgate.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.groupgate.error.Refusal;
import com.groupgate.error.RefusalException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PosterPlacementTest {
    private static Map<String, String> good() {
        Map<String, String> q = new HashMap<>();
        q.put("qrX", "275");
        q.put("qrY", "900");
        q.put("qrSize", "200");
        q.put("nameX", "60");
        q.put("nameY", "120");
        q.put("nameSize", "48");
        q.put("nameColor", "#1a2b3c");
        return q;
    }

    private static String refusedField(Map<String, String> q) {
        RefusalException e = assertThrows(RefusalException.class, () -> PosterPlacement.of(q::get, 750, 1334));
        assertEquals(Refusal.BAD_REQUEST, e.refusal());
        return e.field();
    }

    @Test
    void aPlacementInsideThePictureIsTakenAsGiven() {
        PosterPlacement p = PosterPlacement.of(good()::get, 750, 1334);
        assertEquals(new PosterPlacement(275, 900, 200, 60, 120, 48, com.groupgate.design.Colour.parse("1a2b3c", "c")), p);
        assertEquals("275,900,200,60,120,48,#1a2b3c", p.canonical());
    }

    @Test
    void eachMissingOrMalformedFieldIsRefusedByName() {
        for (String field : PosterPlacement.FIELDS) {
            Map<String, String> q = good();
            q.remove(field);
            assertEquals(field, refusedField(q), "missing " + field);
            q.put(field, field.equals("nameColor") ? "red" : "-3");
            assertEquals(field, refusedField(q), "malformed " + field);
        }
    }

    @Test
    void aQrSquareTooSmallToScanOrPastTheEdgeIsRefusedNamingQrSize() {
        Map<String, String> q = good();
        q.put("qrSize", Integer.toString(PosterPlacement.MIN_QR_SIZE - 1));
        assertEquals("qrSize", refusedField(q));
        q.put("qrSize", "200");
        q.put("qrX", "600");
        assertEquals("qrSize", refusedField(q));
        q.put("qrX", "275");
        q.put("qrY", "1200");
        assertEquals("qrSize", refusedField(q));
    }

    @Test
    void pointsOutsideThePictureAreRefused() {
        Map<String, String> q = good();
        q.put("nameX", "750");
        assertEquals("nameX", refusedField(q));
        q.put("nameX", "60");
        q.put("nameY", "1300");
        assertEquals("nameSize", refusedField(q));
    }

    @Test
    void aNameLineOverTheQrSquareIsRefusedNamingNameY() {
        Map<String, String> q = good();
        q.put("nameY", "950");
        assertEquals("nameY", refusedField(q));
        q.put("nameX", "480");
        PosterPlacement.of(q::get, 750, 1334);
    }
}
