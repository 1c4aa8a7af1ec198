package com.groupgate.tenant;

import com.groupgate.id.Id;
import java.time.ZoneId;

/** A GroupGate customer. Its API key is never held here: only its hash is stored. */
public record Tenant(Id tenantId, String name, ZoneId timezone) {
}
