package org.sekimori.demo.web;

/**
 * A copy of a failure that keeps the exception types and stack frames but drops every message.
 * Messages from the database, the JSON parser or the servlet container can quote record values or
 * request content, which this system must never write to its logs.
 */
final class RedactedFailure extends Throwable {

    private static final int MAX_DEPTH = 10;

    private RedactedFailure(Throwable original, RedactedFailure cause) {
        super(original.getClass().getName(), cause, false, true);
        setStackTrace(original.getStackTrace());
    }

    static RedactedFailure of(Throwable original) {
        return of(original, 0);
    }

    private static RedactedFailure of(Throwable original, int depth) {
        Throwable cause = original.getCause();
        boolean followCause = cause != null && cause != original && depth < MAX_DEPTH;
        return new RedactedFailure(original, followCause ? of(cause, depth + 1) : null);
    }

    @Override
    public String toString() {
        return "failure " + getMessage();
    }
}
