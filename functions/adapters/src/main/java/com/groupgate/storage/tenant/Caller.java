package com.groupgate.storage.tenant;

import com.groupgate.id.ApiKeyId;
import com.groupgate.tenant.KeyScope;
import com.groupgate.tenant.Tenant;


/**
 * Who is calling the tenant API: the tenant, which of its keys was presented, and what that
 * key may do. {@code keyId} is null only for a key issued before keys had ids (it is full
 * and cannot be listed or deleted).
 */
public record Caller(Tenant tenant, ApiKeyId keyId, KeyScope scope) {
}
