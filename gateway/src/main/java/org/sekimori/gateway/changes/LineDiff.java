package org.sekimori.gateway.changes;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two texts by line (longest common subsequence), with three lines of context,
 * as {@code diff -u} prints it: what a second administrator reads before approving a change. Lines
 * the texts share at both ends are set aside first; if what is left between would need a table of
 * more than {@value #MAX_CELLS} cells, it is shown as removed whole and added whole, which is still
 * a correct diff, only not the shortest.
 */
final class LineDiff {

    private static final int CONTEXT = 3;
    static final long MAX_CELLS = 4_000_000;

    /** The counts of lines removed and added, and the diff itself. */
    record Result(int removed, int added, String unified) {
    }

    private LineDiff() {
    }

    static Result of(String before, String after, String name) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        // Each line of the edit script: ' ', '-' or '+', then the line.
        List<String> script = new ArrayList<>();
        a.subList(0, head).forEach(line -> script.add(" " + line));
        middle(a.subList(head, a.size() - tail), b.subList(head, b.size() - tail), script);
        a.subList(a.size() - tail, a.size()).forEach(line -> script.add(" " + line));
        return new Result((int) script.stream().filter(l -> l.startsWith("-")).count(),
                (int) script.stream().filter(l -> l.startsWith("+")).count(), unified(script, name));
    }

    private static void middle(List<String> a, List<String> b, List<String> script) {
        if ((long) (a.size() + 1) * (b.size() + 1) > MAX_CELLS) {
            a.forEach(line -> script.add("-" + line));
            b.forEach(line -> script.add("+" + line));
            return;
        }
        int[][] common = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                common[i][j] = a.get(i).equals(b.get(j)) ? common[i + 1][j + 1] + 1
                        : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                script.add(" " + a.get(i++));
                j++;
            } else if (j < b.size() && (i == a.size() || common[i][j + 1] >= common[i + 1][j])) {
                script.add("+" + b.get(j++));
            } else {
                script.add("-" + a.get(i++));
            }
        }
    }

    private static String unified(List<String> script, String name) {
        StringBuilder out = new StringBuilder("--- " + name + " (in force)\n+++ " + name + " (proposed)\n");
        int k = 0;
        while (k < script.size()) {
            if (script.get(k).startsWith(" ")) {
                k++;
                continue;
            }
            int start = Math.max(0, k - CONTEXT);
            int end = k;
            // Extend the hunk while changes are closer than twice the context.
            while (end < script.size()) {
                int next = end;
                while (next < script.size() && !script.get(next).startsWith(" ")) {
                    next++;
                }
                int gap = next;
                while (gap < script.size() && script.get(gap).startsWith(" ")) {
                    gap++;
                }
                end = next;
                if (gap == script.size() || gap - next > 2 * CONTEXT) {
                    break;
                }
                end = gap;
            }
            int stop = Math.min(script.size(), end + CONTEXT);
            out.append(header(script, start, stop));
            for (int line = start; line < stop; line++) {
                out.append(script.get(line)).append('\n');
            }
            k = stop;
        }
        return out.toString();
    }

    private static String header(List<String> script, int start, int stop) {
        int oldStart = 1 + start - count(script, 0, start, '+');
        int newStart = 1 + start - count(script, 0, start, '-');
        int oldLength = stop - start - count(script, start, stop, '+');
        int newLength = stop - start - count(script, start, stop, '-');
        return "@@ -" + oldStart + "," + oldLength + " +" + newStart + "," + newLength + " @@\n";
    }

    /** How many script lines in [from, to) are of {@code kind} ('+' or '-'). */
    private static int count(List<String> script, int from, int to, char kind) {
        int n = 0;
        for (int line = from; line < to; line++) {
            if (script.get(line).charAt(0) == kind) {
                n++;
            }
        }
        return n;
    }

    private static List<String> lines(String text) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }
}
