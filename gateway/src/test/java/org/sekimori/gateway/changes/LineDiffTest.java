package org.sekimori.gateway.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sekimori.gateway.support.Commands;

/** The diff a second administrator reads, checked hunk for hunk against GNU diff -u. */
class LineDiffTest {

    @TempDir
    Path dir;

    @Test
    void diffOfTheDemoPolicyWithOneItemAddedIsTheOneLineDiffPrints() throws Exception {
        String before = Files.readString(Path.of("../deploy/demo/policy.yaml"));
        String after = before.replace("      age: age-band-10\n", "      age: age-band-10\n      occupation: show\n");

        LineDiff.Result diff = LineDiff.of(before, after, "policy.yaml");

        assertThat(diff.added()).isEqualTo(1);
        assertThat(diff.removed()).isZero();
        assertThat(hunks(diff.unified())).isEqualTo(hunks(gnuDiff(before, after)));
    }

    @Test
    void randomEditsOfManyKindsGiveTheHunksDiffGives() throws Exception {
        Random random = new Random(20261203);
        List<String> base = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            base.add("line " + i);
        }
        for (int round = 0; round < 40; round++) {
            List<String> edited = new ArrayList<>(base);
            for (int edit = 0; edit < 1 + random.nextInt(6); edit++) {
                int at = random.nextInt(edited.size());
                switch (random.nextInt(3)) {
                    case 0 -> edited.remove(at);
                    case 1 -> edited.add(at, "new " + round + "." + edit);
                    default -> edited.set(at, "changed " + round + "." + edit);
                }
            }
            String before = String.join("\n", base) + "\n";
            String after = String.join("\n", edited) + "\n";

            LineDiff.Result diff = LineDiff.of(before, after, "policy.yaml");

            assertThat(counts(diff.unified())).as("round " + round).isEqualTo(counts(gnuDiff(before, after)));
            assertThat(applied(base, diff.unified())).as("round " + round).isEqualTo(edited);
        }
    }

    /** The text after, rebuilt from the text before and the diff alone. */
    private static List<String> applied(List<String> before, String unified) {
        List<String> after = new ArrayList<>();
        int next = 0;
        for (String line : unified.split("\n")) {
            if (line.startsWith("@@")) {
                int start = Integer.parseInt(line.substring(4, line.indexOf(','))) - 1;
                after.addAll(before.subList(next, start));
                next = start;
            } else if (line.startsWith(" ")) {
                after.add(line.substring(1));
                next++;
            } else if (line.startsWith("+") && !line.startsWith("+++")) {
                after.add(line.substring(1));
            } else if (line.startsWith("-") && !line.startsWith("---")) {
                next++;
            }
        }
        after.addAll(before.subList(next, before.size()));
        return after;
    }

    private String gnuDiff(String before, String after) throws Exception {
        Path a = dir.resolve("a.yaml");
        Path b = dir.resolve("b.yaml");
        Files.writeString(a, before);
        Files.writeString(b, after);
        Commands.Result result = Commands.run("diff", "-u", a.toString(), b.toString());
        assertThat(result.exit()).as(result.output()).isIn(0, 1);
        return result.output();
    }

    /** The hunks without the two file-name lines, which name different files. */
    private static String hunks(String unified) {
        return unified.substring(unified.indexOf("@@"));
    }

    /** Lines removed and added: a line-minimal diff has the same counts, however it aligns equal lines. */
    private static String counts(String unified) {
        long removed = unified.lines().filter(l -> l.startsWith("-") && !l.startsWith("---")).count();
        long added = unified.lines().filter(l -> l.startsWith("+") && !l.startsWith("+++")).count();
        return "-" + removed + " +" + added;
    }
}
