package org.sekimori.gateway.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sekimori.policy.compile.CompiledPolicy;
import org.sekimori.policy.model.DataSystem;
import org.sekimori.policy.model.Directory;
import org.sekimori.policy.model.Grant;
import org.sekimori.policy.model.Handler;
import org.sekimori.policy.model.HandlerStatus;
import org.sekimori.policy.model.Ledger;

/**
 * The ledger of personal-data systems (個人情報管理台帳, seed rules Art.7(2)) as generated at one
 * moment: each data system as the ledger file registers it, the records it said it holds, and the
 * handlers holding access rights to it, derived from the policy in force and the directory, never
 * written by hand. Holds no personal data: item names and classifications, never values.
 *
 * @param policyVersion the version of the policy the access rights were read from
 */
public record LedgerReport(Instant generatedAt, String policyVersion, List<SystemEntry> dataSystems) {

    public LedgerReport {
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(policyVersion, "policyVersion");
        dataSystems = List.copyOf(dataSystems);
    }

    /** One data system, its count of records, and who holds access rights to it. */
    public record SystemEntry(DataSystem dataSystem, RecordCount records, List<Holder> holders) {
        public SystemEntry {
            holders = List.copyOf(holders);
        }
    }

    /** A handler holding access rights to a data system, with the grants that give them: of their roles, or from their approved requests. */
    public record Holder(Handler handler, List<Grant> grants) {
        public Holder {
            grants = List.copyOf(grants);
        }
    }

    /**
     * Derives the ledger. A handler holds access rights to a data system when they are active, their
     * access has not run out by {@code today}, and one of their roles has a grant on it, or they hold
     * one from an approved request, whose last day (if any) is not past. Data systems in the ledger's
     * order, handlers in the directory's, grants in the policy's, then those from requests.
     *
     * @param counts the record count of each data system by id; one missing is reported as unknown
     */
    public static LedgerReport of(Ledger ledger, CompiledPolicy policy, Directory directory,
            Map<String, RecordCount> counts, Instant generatedAt, LocalDate today) {
        List<SystemEntry> entries = new ArrayList<>();
        for (DataSystem dataSystem : ledger.dataSystems()) {
            List<Holder> holders = new ArrayList<>();
            for (Handler handler : directory.handlers()) {
                if (handler.status() != HandlerStatus.ACTIVE || handler.expiredOn(today)) {
                    continue;
                }
                List<Grant> grants = new ArrayList<>();
                for (String role : handler.roles()) {
                    policy.grants(dataSystem.id(), role).stream()
                            .filter(grant -> grant.conditions().validUntil().map(last -> !today.isAfter(last))
                                    .orElse(true))
                            .forEach(grants::add);
                }
                policy.handlerGrants().stream().filter(held -> held.userId().equals(handler.userId())
                        && held.dataSystem().equals(dataSystem.id()) && !today.isAfter(held.lastDay()))
                        .map(held -> held.terms(policy.source().grants())).forEach(grants::add);
                if (!grants.isEmpty()) {
                    holders.add(new Holder(handler, grants));
                }
            }
            RecordCount count = counts.getOrDefault(dataSystem.id(),
                    new RecordCount.Unknown("the data system was not asked", "none"));
            entries.add(new SystemEntry(dataSystem, count, holders));
        }
        return new LedgerReport(generatedAt, policy.version(), entries);
    }
}
