package org.sekimori.policy.mask;

/**
 * A response body the obligations of a permit cannot be applied to: it is not valid JSON or CSV,
 * it does not have the shape its route declares, a value does not suit its item's treatment, or
 * what decides a record (its subject) is missing. The gateway answers 502: the data system sent
 * something it cannot safely pass on.
 *
 * <p>The message names the place (record, row, item) and the problem, never a value, so it may be
 * logged and audited. For the same reason no parser exception is attached as the cause: their
 * messages may quote the body.
 */
public final class UnmaskableBodyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message where and what, without any value from the body */
    public UnmaskableBodyException(String message) {
        super(message);
    }

    /** The same problem, placed: {@code place + ": " + message}. */
    UnmaskableBodyException at(String place) {
        return new UnmaskableBodyException(place + ": " + getMessage());
    }
}
