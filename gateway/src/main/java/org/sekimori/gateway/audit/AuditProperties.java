package org.sekimori.gateway.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The audit trail: where records are kept, how long, and how they are sealed.
 *
 * @param url the JDBC URL of PostgreSQL ({@code jdbc:postgresql:}) in production; unset, records go
 *     to the embedded journal
 * @param journal the directory of the embedded journal
 * @param journalSegmentSize the size at which a journal file is closed and the next begun
 * @param username the store's user (PostgreSQL)
 * @param password the store's password (PostgreSQL); from the environment, never the command line
 * @param chain this instance's chain; every instance writing to one store needs its own
 * @param commitTimeout how long a request waits for its record to be durable before it is refused with 503
 * @param storeTimeout how long one statement may take before the store counts as hung
 * @param queueCapacity records that may wait for the writer; beyond it requests are refused
 * @param checkpointEvery sign a checkpoint after this many records
 * @param checkpointInterval and at least this often while records come in
 * @param checkpointCopy a file each checkpoint is also appended to, outside the store
 * @param checkpointKey the checkpoint key file of earlier versions: taken into the key store
 *     ({@code sekimori.keys.*}) on first start when it exists, so the checkpoints it signed still verify
 * @param publicKey where the active checkpoint key's public half is written for verifiers; every
 *     key's, retired ones too, is in {@code checkpoint-<id>.pub} beside it
 * @param pseudonymKey the pseudonym key file of earlier versions: taken into the key store on first
 *     start when it exists, so records made with it are still found by subject
 * @param sealingKey the AES key that seals exception justifications in records
 * @param retention how long records are kept before they are purged
 * @param purgeInterval how often records older than the retention are looked for
 * @param trustedProxies addresses (CIDR) whose X-Forwarded-For names the client; nobody else's is believed
 * @param denialBurst denials of one handler within a minute that raise an alert
 * @param bulkRead records returned by one request that raise an alert
 * @param discardRecords benchmarks only: keep no records at all; refused unless the environment
 *     variable {@code SEKIMORI_BENCHMARK} is {@code discard-records}
 */
@ConfigurationProperties("sekimori.audit")
public record AuditProperties(
        String url,
        @DefaultValue("data/audit/journal") Path journal,
        @DefaultValue("64MB") DataSize journalSegmentSize,
        String username,
        String password,
        String chain,
        @DefaultValue("2s") Duration commitTimeout,
        @DefaultValue("10s") Duration storeTimeout,
        @DefaultValue("65536") int queueCapacity,
        @DefaultValue("1000") int checkpointEvery,
        @DefaultValue("10s") Duration checkpointInterval,
        @DefaultValue("data/audit/checkpoints.ndjson") Path checkpointCopyFile,
        @DefaultValue("data/keys/checkpoint.key") Path checkpointKey,
        @DefaultValue("data/keys/checkpoint.pub") Path publicKey,
        @DefaultValue("data/keys/audit-pseudonym.key") Path pseudonymKey,
        @DefaultValue("data/keys/sealing.key") Path sealingKey,
        @DefaultValue("P3Y") Period retention,
        @DefaultValue("1h") Duration purgeInterval,
        @DefaultValue List<String> trustedProxies,
        @DefaultValue("20") int denialBurst,
        @DefaultValue("100") int bulkRead,
        @DefaultValue("false") boolean discardRecords) implements Validator {

    static final String BENCHMARK_VARIABLE = "SEKIMORI_BENCHMARK";

    public AuditProperties {
        trustedProxies = List.copyOf(trustedProxies);
    }

    public Optional<Path> checkpointCopy() {
        return checkpointCopyFile == null || checkpointCopyFile.toString().isEmpty() ? Optional.empty()
                : Optional.of(checkpointCopyFile);
    }

    @Override
    public boolean supports(Class<?> type) {
        return AuditProperties.class.equals(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        if (url != null && !url.startsWith("jdbc:postgresql:")) {
            errors.rejectValue("url", "invalid", "must be a jdbc:postgresql: URL, or unset for the embedded journal");
        }
        if (chain != null && !chain.matches("[A-Za-z0-9._-]{1,64}")) {
            errors.rejectValue("chain", "invalid", "must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        positive(errors, "commitTimeout", commitTimeout);
        positive(errors, "storeTimeout", storeTimeout);
        positive(errors, "checkpointInterval", checkpointInterval);
        positive(errors, "purgeInterval", purgeInterval);
        if (queueCapacity < 1 || checkpointEvery < 1 || denialBurst < 1 || bulkRead < 1) {
            errors.reject("invalid", "sekimori.audit.queue-capacity, checkpoint-every, denial-burst and bulk-read "
                    + "must be positive");
        }
        if (discardRecords && !"discard-records".equals(System.getenv(BENCHMARK_VARIABLE))) {
            errors.rejectValue("discardRecords", "benchmark-only", "keeps no access records and exists for the load "
                    + "harness only; a gateway that serves handlers must keep its records");
        }
        if (retention.isNegative() || retention.isZero()) {
            errors.rejectValue("retention", "invalid", "must be a positive period such as P3Y");
        }
    }

    private static void positive(Errors errors, String field, Duration value) {
        if (value.isNegative() || value.isZero()) {
            errors.rejectValue(field, "invalid", "must be a positive duration such as 2s");
        }
    }
}
