package org.sekimori.keys.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Tamper tests: one bit flipped at a time at each chosen byte of an encrypted file (bit
 * {@code offset % 8}, so every bit position occurs), each altered file given to a receiver. None
 * may decrypt to other content. One may decrypt to the same content only if the flipped byte lies
 * in a named field that the format leaves unauthenticated and the receiver does not use.
 */
final class BitFlips {

    private static final int SAMPLE = 32;

    /** Decrypts a file, or tells that it did not. */
    interface Receiver {
        Optional<byte[]> decrypt(byte[] file) throws Exception;
    }

    /** Bytes {@code [start, end)} of a file, named for the failure message. */
    record Field(String name, int start, int end) {

        boolean holds(int offset) {
            return offset >= start && offset < end;
        }
    }

    private BitFlips() {
    }

    /**
     * Alters {@code file} at every byte for {@code library}, and at a sample of bytes for
     * {@code tool}, an external program and slow: the first and last 8 bytes, {@value #SAMPLE}
     * spread between, and every byte of the unauthenticated fields.
     */
    static void assertAlterationsFail(byte[] file, byte[] content, Receiver library, Receiver tool,
            List<Field> unauthenticated) {
        assertAlterationsFail(file, content, library, IntStream.range(0, file.length), unauthenticated);
        IntStream spread = IntStream.range(0, SAMPLE).map(i -> 8 + (int) ((long) i * (file.length - 16) / SAMPLE));
        IntStream ends = IntStream.concat(IntStream.range(0, 8), IntStream.range(file.length - 8, file.length));
        IntStream fields = unauthenticated.stream().flatMapToInt(field -> IntStream.range(field.start(), field.end()));
        assertAlterationsFail(file, content, tool, IntStream.concat(IntStream.concat(ends, spread), fields).distinct()
                .sorted(), unauthenticated);
    }

    private static void assertAlterationsFail(byte[] file, byte[] content, Receiver receiver, IntStream offsets,
            List<Field> unauthenticated) {
        List<String> decrypted = new ArrayList<>();
        int tried = 0;
        for (int offset : offsets.toArray()) {
            byte[] altered = file.clone();
            int bit = offset % 8;
            altered[offset] ^= (byte) (1 << bit);
            Optional<byte[]> result;
            try {
                result = receiver.decrypt(altered);
            } catch (Exception refused) {
                result = Optional.empty();
            }
            tried++;
            if (result.isPresent()) {
                assertThat(result.get()).as("bit %d of byte %d flipped: decrypted to other content", bit, offset)
                        .isEqualTo(content);
                String field = unauthenticated.stream().filter(f -> f.holds(offset)).map(Field::name).findFirst()
                        .orElse("NOT AN UNAUTHENTICATED FIELD");
                decrypted.add(offset + "." + bit + " (" + field + ")");
            }
        }
        assertThat(decrypted).as("flipped bits (byte.bit) after which the file still decrypted")
                .noneMatch(flip -> flip.contains("NOT AN UNAUTHENTICATED FIELD"));
        assertThat(tried).isPositive();
    }
}
