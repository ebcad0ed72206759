package org.sekimori.gateway.audit.chain;

/**
 * A verification as an auditor reads it: a line for each chain and what is not yet sealed, then the
 * verdict; or the verdict, where the first problem is and what it means.
 */
public final class VerificationReport {

    private VerificationReport() {
    }

    public static String text(Verification verification) {
        StringBuilder out = new StringBuilder();
        verification.problem().ifPresentOrElse(problem -> tampered(problem, out), () -> {
            verification.chains().forEach(chain -> chain(chain, out));
            out.append("INTACT: every record is in place and unchanged, and every checkpoint is signed and linked.\n");
        });
        return out.toString();
    }

    private static void chain(ChainSummary chain, StringBuilder out) {
        out.append("Chain ").append(chain.chain()).append(": records ").append(chain.firstSeq()).append(" to ")
                .append(chain.lastSeq()).append(" (").append(count(chain.records(), "record")).append("), ")
                .append(count(chain.checkpoints(), "checkpoint")).append(" verified.\n");
        if (chain.firstSeq() > 1) {
            out.append("  Records 1 to ").append(chain.firstSeq() - 1)
                    .append(" were purged by retention, as a purge record in the chain says.\n");
        }
        if (chain.unsealed() > 0) {
            out.append("  Note: ").append(count(chain.unsealed(), "record"))
                    .append(chain.unsealed() == 1 ? " is" : " are")
                    .append(" not yet sealed by a checkpoint: nothing signed shows that records after record ")
                    .append(chain.lastSeq() - chain.unsealed())
                    .append(" were not cut off or added; the next checkpoint will seal them.\n");
        }
    }

    private static void tampered(Problem problem, StringBuilder out) {
        out.append("TAMPERED: ").append(problem.kind());
        if (problem.chain() != null) {
            out.append(" in chain ").append(problem.chain());
        }
        if (problem.seq() > 0) {
            out.append(" at record ").append(problem.seq());
        }
        if (problem.line() > 0) {
            out.append(" (line ").append(problem.line()).append(')');
        }
        out.append("\n  ").append(problem.explanation()).append('\n');
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
