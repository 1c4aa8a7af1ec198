package com.groupgate.tenant;

import com.groupgate.id.ApiKeyId;
import java.time.Instant;

/**
 * One of a tenant's API keys as listed: never the key itself, which is shown once when it
 * is issued and stored only as its SHA-256. {@code lastUsedAt} is null until the key is
 * first used, and otherwise at most a minute behind its latest use ({@link KeyUse}).
 */
public record ApiKey(ApiKeyId keyId, String name, KeyScope scope, Instant createdAt, Instant lastUsedAt) {
}
