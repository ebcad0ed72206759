package org.sekimori.gateway.audit.chain;

import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One audit record in its place in a chain: the chain (one per gateway instance), its sequence
 * number from 1, the hash of the record before it and its own hash, the SHA-256 of the canonical
 * form of {@code {chain, seq, prev, record}}. Changing anything in a record, or moving it, changes
 * a hash that the next record and the next signed checkpoint depend on.
 */
public record ChainEntry(String chain, long seq, String prev, String hash, ObjectNode record) {

    public ChainEntry {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(prev, "prev");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(record, "record");
    }

    /** The entry that follows a chain whose last hash is {@code prev} (the genesis hash for the first). */
    public static ChainEntry link(String chain, long seq, String prev, ObjectNode record) {
        return new ChainEntry(chain, seq, prev, hashOf(chain, seq, prev, record), record);
    }

    public static String genesis() {
        return Sha256.GENESIS;
    }

    /**
     * Whether the stored hash is the hash of what the entry holds now. False too for a record that
     * has no canonical form (a number with a fraction): the gateway cannot have written it.
     */
    public boolean hashHolds() {
        try {
            return hash.equals(hashOf(chain, seq, prev, record));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public String id() {
        return chain + ":" + seq;
    }

    /** The entry as one line of an export: {@code {"chain":…,"seq":…,"prev":…,"hash":…,"record":{…}}}. */
    public ObjectNode toJson() {
        ObjectNode line = JsonNodeFactory.instance.objectNode();
        line.put("chain", chain);
        line.put("seq", seq);
        line.put("prev", prev);
        line.put("hash", hash);
        line.set("record", record);
        return line;
    }

    /** Reads an export line; an exception names what is missing or of the wrong type. */
    public static ChainEntry fromJson(JsonNode line) {
        return new ChainEntry(Fields.text(line, "chain"), Fields.number(line, "seq"), Fields.text(line, "prev"),
                Fields.text(line, "hash"), Fields.object(line, "record"));
    }

    private static String hashOf(String chain, long seq, String prev, ObjectNode record) {
        ObjectNode linked = JsonNodeFactory.instance.objectNode();
        linked.put("chain", chain);
        linked.put("seq", seq);
        linked.put("prev", prev);
        linked.set("record", record);
        return Sha256.hex(CanonicalJson.bytes(linked));
    }
}
