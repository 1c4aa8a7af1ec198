package com.groupgate.auditlog;

import com.groupgate.audit.Checkpoint;
import com.groupgate.audit.NoteKey;
import com.groupgate.audit.NoteSigner;
import com.groupgate.audit.SignedCheckpoint;
import java.net.URI;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

/**
 * Signs a log's checkpoint: the root of its current size, in the C2SP note format under the
 * origin {@code <host>/audit/<tenantId>}, with the KMS audit key. A log whose latest
 * checkpoint already covers its size gets that one back; an empty log has none. Every
 * checkpoint answered is announced as the {@code audit.checkpoint} webhook event
 * ({@link CheckpointEvents}: once per checkpoint).
 */
public final class CheckpointSigner {
    private final AuditLogTable log;
    private final CheckpointTable checkpoints;
    private final NoteSigner signer;
    private final String host;
    private final Clock clock;
    private final CheckpointEvents events;

    public CheckpointSigner(AuditLogTable log, CheckpointTable checkpoints, NoteSigner signer, String host, Clock clock,
                            CheckpointEvents events) {
        this.events = events;
        this.log = log;
        this.checkpoints = checkpoints;
        this.signer = signer;
        this.host = host;
        this.clock = clock;
    }

    /** The origin's host: the scan base URL's host (and port), lowercase, as the API is reached. */
    public static String host(String scanBaseUrl) {
        URI uri = URI.create(scanBaseUrl.toLowerCase(Locale.ROOT));
        return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    public String origin(String logId) {
        return Checkpoint.origin(host, logId);
    }

    /** The verifier's view of the signing key for {@code logId}: its key ID and SPKI. */
    public NoteKey key(String logId) {
        return NoteKey.of(origin(logId), signer.publicKey());
    }

    /** A checkpoint of the log's current size, signed now unless the latest already covers it. */
    public Optional<CheckpointTable.Stored> signNow(String logId) {
        long size = log.size(logId);
        if (size == 0) {
            return Optional.empty();
        }
        Optional<CheckpointTable.Stored> latest = checkpoints.latest(logId);
        if (latest.isPresent() && latest.get().size() >= size) {
            // Announced again in case the first announcement failed after the checkpoint was stored.
            events.announce(logId, latest.get());
            return latest;
        }
        SignedCheckpoint signed = Checkpoint.of(origin(logId), log.storedHashes(logId), size).sign(signer);
        CheckpointTable.Stored stored = new CheckpointTable.Stored(signed.checkpoint().origin(), size,
                signed.checkpoint().rootHash().toBase64(), signed.checkpoint().noteText(), signed.signature(),
                signed.signedNote(), signed.key().keyIdHex(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        checkpoints.store(logId, stored);
        events.announce(logId, stored);
        return Optional.of(stored);
    }

    /** Signs every log that grew since its last checkpoint; how many were signed. */
    public int signGrown() {
        int signed = 0;
        for (String logId : checkpoints.grownLogs()) {
            if (signNow(logId).isPresent()) {
                signed++;
            }
        }
        return signed;
    }
}
