package org.sekimori.keys;

/**
 * The cost of an Argon2id hash. Bounded so that a stored hash (which an attacker may have
 * written into a directory file) cannot make verification exhaust memory or time.
 */
public record Argon2Parameters(int memoryKiB, int iterations, int parallelism) {

    /** OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane. */
    public static final Argon2Parameters RECOMMENDED = new Argon2Parameters(19_456, 2, 1);

    private static final int MAX_MEMORY_KIB = 1 << 20;

    public Argon2Parameters {
        if (parallelism < 1 || parallelism > 16) {
            throw new IllegalArgumentException("Argon2 parallelism must be 1 to 16, not " + parallelism);
        }
        if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
            throw new IllegalArgumentException("Argon2 memory must be 8×parallelism to " + MAX_MEMORY_KIB
                    + " KiB, not " + memoryKiB);
        }
        if (iterations < 1 || iterations > 10) {
            throw new IllegalArgumentException("Argon2 iterations must be 1 to 10, not " + iterations);
        }
    }
}
