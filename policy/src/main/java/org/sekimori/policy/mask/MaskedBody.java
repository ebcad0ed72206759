package org.sekimori.policy.mask;

import java.util.Objects;

/**
 * A masked body held in memory, with its report.
 *
 * @param body the masked bytes (the array is the caller's; it is not copied)
 * @param report what masking did
 */
public record MaskedBody(byte[] body, MaskReport report) {

    public MaskedBody {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(report, "report");
    }
}
