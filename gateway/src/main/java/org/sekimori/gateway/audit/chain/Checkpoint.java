package org.sekimori.gateway.audit.chain;

import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import org.sekimori.keys.CheckpointPublicKey;
import org.sekimori.keys.CheckpointSigningKey;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A signed statement that a chain held {@code seq} records ending in {@code head} at {@code time},
 * linked to the checkpoint before it ({@code prev}: the hash of that checkpoint with its signature).
 * Re-hashing records after a change cannot reproduce a checkpoint without the signing key, and a
 * copy of the checkpoints kept elsewhere shows when the newest records were cut off.
 */
public record Checkpoint(String chain, long seq, String head, Instant time, String prev, String key,
        String signature) {

    public Checkpoint {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(prev, "prev");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(signature, "signature");
    }

    public static Checkpoint sign(String chain, long seq, String head, Instant time, String prev,
            CheckpointSigningKey key) {
        Checkpoint unsigned = new Checkpoint(chain, seq, head, time, prev, key.id(), "");
        byte[] signature = key.sign(CanonicalJson.bytes(unsigned.statement()));
        return new Checkpoint(chain, seq, head, time, prev, key.id(), Base64.getEncoder().encodeToString(signature));
    }

    /** The previous-checkpoint hash of a chain's first checkpoint. */
    public static String first() {
        return Sha256.GENESIS;
    }

    public boolean signedBy(CheckpointPublicKey key) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return key.verifies(CanonicalJson.bytes(statement()), bytes);
    }

    /** What the next checkpoint's {@code prev} must be. */
    public String hash() {
        return Sha256.hex(CanonicalJson.bytes(toJson()));
    }

    /** The checkpoint as one line of an export: {@code {"checkpoint":{…},"signature":"…"}}. */
    public ObjectNode toJson() {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.set("checkpoint", statement());
        line.put("signature", signature);
        return line;
    }

    public static boolean isCheckpoint(JsonNode line) {
        return line.has("checkpoint");
    }

    public static Checkpoint fromJson(JsonNode line) {
        ObjectNode statement = Fields.object(line, "checkpoint");
        Instant time;
        try {
            time = Instant.parse(Fields.text(statement, "time"));
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("'time' is not an ISO-8601 instant");
        }
        return new Checkpoint(Fields.text(statement, "chain"), Fields.number(statement, "seq"),
                Fields.text(statement, "head"), time, Fields.text(statement, "prev"), Fields.text(statement, "key"),
                Fields.text(line, "signature"));
    }

    private ObjectNode statement() {
        ObjectNode statement = JsonNodeFactory.instance.objectNode();
        statement.put("chain", chain);
        statement.put("seq", seq);
        statement.put("head", head);
        statement.put("time", time.toString());
        statement.put("prev", prev);
        statement.put("key", key);
        return statement;
    }
}
