package org.sekimori.demo.system;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Random choices for synthetic data. Backed by {@link java.util.Random}, whose algorithm is fixed by
 * its specification, so a seed gives the same people on every JVM and platform.
 */
public final class Draw {

    private final Random random;

    public Draw(long seed) {
        this.random = new Random(seed);
    }

    public int between(int lowest, int highest) {
        return lowest + random.nextInt(highest - lowest + 1);
    }

    public boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    public double uniform(double lowest, double highest) {
        return lowest + random.nextDouble() * (highest - lowest);
    }

    public <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    /** Picks an item with probability proportional to its weight. */
    public <T> T weighted(List<T> choices, java.util.function.ToIntFunction<T> weight) {
        int total = choices.stream().mapToInt(weight).sum();
        int ticket = random.nextInt(total);
        for (T choice : choices) {
            ticket -= weight.applyAsInt(choice);
            if (ticket < 0) {
                return choice;
            }
        }
        throw new IllegalStateException("weights changed while drawing");
    }

    public String hex(int length) {
        byte[] bytes = new byte[(length + 1) / 2];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes).substring(0, length);
    }

    public String digits(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append((char) ('0' + random.nextInt(10)));
        }
        return text.toString();
    }
}
