package org.sekimori.gateway.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeqRangesTest {

    @Test
    void addWhenNumbersFillAGapThenOneRunFromFirstToLast() {
        SeqRanges seqs = new SeqRanges();
        seqs.add(5);
        seqs.add(3);
        seqs.add(7);
        seqs.add(4);
        seqs.add(6);

        assertThat(seqs.first()).isEqualTo(3);
        assertThat(seqs.last()).isEqualTo(7);
        assertThat(seqs.count()).isEqualTo(5);
        assertThat(seqs.contains(2)).isFalse();
        assertThat(seqs.contains(6)).isTrue();
        assertThat(seqs.contains(8)).isFalse();
    }

    @Test
    void addWhenNumberPresentThenFalseAndNotCountedAgain() {
        SeqRanges seqs = new SeqRanges();

        assertThat(seqs.add(1)).isTrue();
        assertThat(seqs.add(2)).isTrue();
        assertThat(seqs.add(1)).isFalse();
        assertThat(seqs.add(2)).isFalse();
        assertThat(seqs.count()).isEqualTo(2);
    }

    @Test
    void containsWhenGapBetweenRunsThenOnlyTheRuns() {
        SeqRanges seqs = new SeqRanges();
        seqs.add(1);
        seqs.add(2);
        seqs.add(Long.MAX_VALUE);

        assertThat(seqs.contains(3)).isFalse();
        assertThat(seqs.contains(Long.MAX_VALUE - 1)).isFalse();
        assertThat(seqs.last()).isEqualTo(Long.MAX_VALUE);
        assertThat(seqs.isEmpty()).isFalse();
    }
}
