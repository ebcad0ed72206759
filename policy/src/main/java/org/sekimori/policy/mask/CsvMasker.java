package org.sekimori.policy.mask;

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Masks CSV bodies ({@link BodyShape#CSV}): a header row, then one record per row. Nested members
 * are {@code item.member} columns and array items are joined with ';' in one cell, as the data
 * systems export them.
 *
 * <p>Per column: removed and unknown items are dropped; shown ones copied as they are; masked,
 * age-banded, month and pseudonymised ones have the treatment applied to the cell's text (an empty
 * cell stays empty); an address under the prefecture treatment keeps only its
 * {@code item.prefecture} column, or, when it is one undotted column, the prefecture its text starts
 * with. Per row: the subject key's cell decides; a withheld subject's row is dropped, and a
 * consent-gated cell is emptied in the rows of subjects without consent (the column stays: other
 * rows keep theirs). A treated cell that a spreadsheet would run as a formula gets a leading
 * apostrophe.
 *
 * <p>The output is UTF-8 CSV with CRLF line ends. Immutable; safe to share between threads.
 */
public final class CsvMasker implements BodyMasker {

    private final Obligations obligations;
    private final Pseudonymiser pseudonymiser;
    private final boolean subjectRequired;

    public CsvMasker(Obligations obligations, Pseudonymiser pseudonymiser) {
        this.obligations = Objects.requireNonNull(obligations, "obligations");
        this.pseudonymiser = Objects.requireNonNull(pseudonymiser, "pseudonymiser");
        this.subjectRequired = Subjects.required(obligations);
    }

    @Override
    public MaskReport mask(InputStream in, OutputStream out) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        // Strict decoding: a malformed byte is an error, not a replacement character.
        CsvReader reader = new CsvReader(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), MAX_TEXT_LENGTH);
        CsvWriter writer = new CsvWriter(new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 32 * 1024));
        List<String> cells = new ArrayList<>();
        if (!reader.next(cells)) {
            throw new UnmaskableBodyException("body is empty; CSV needs a header row");
        }
        int width = cells.size();
        CsvColumns columns = CsvColumns.plan(cells, obligations);
        if (columns.subjectColumn() < 0 && subjectRequired) {
            throw Subjects.unknown(obligations.subjectKey(), "has no column in the header");
        }
        for (CsvColumns.Column column : columns.kept()) {
            writer.cell(column.header());
        }
        writer.endRow();

        int scopeColumn = obligations.rows().everyRecord() ? -1 : cells.indexOf(obligations.rows().item());
        if (scopeColumn >= 0 && scopeColumn != cells.lastIndexOf(obligations.rows().item())) {
            throw new UnmaskableBodyException("the header names column '" + obligations.rows().item()
                    + "' more than once; which records are in scope cannot be decided");
        }
        List<String> subjects = new ArrayList<>();
        int returned = 0;
        int withheld = 0;
        while (reader.next(cells)) {
            if (cells.size() != width) {
                throw new UnmaskableBodyException("row " + reader.row() + " has " + cells.size()
                        + " cells; the header has " + width);
            }
            try {
                String subject = columns.subjectColumn() < 0 ? "" : cells.get(columns.subjectColumn());
                if (subject.isEmpty()) {
                    if (subjectRequired) {
                        throw Subjects.unknown(obligations.subjectKey(), "is empty");
                    }
                    subject = null;
                } else if (obligations.withheld(subject)) {
                    withheld++;
                    continue;
                }
                // Without the scope item's column no row can be shown to be in scope.
                if (!obligations.rows().everyRecord()
                        && (scopeColumn < 0 || !obligations.rows().admits(cells.get(scopeColumn)))) {
                    withheld++;
                    continue;
                }
                for (CsvColumns.Column column : columns.kept()) {
                    String cell = cells.get(column.index());
                    boolean noConsent = column.consentGated() && obligations.removedForConsent(column.item(), subject);
                    writer.cell(noConsent ? "" : treated(column, cell));
                }
                writer.endRow();
                returned++;
                if (subject != null) {
                    subjects.add(subject);
                }
            } catch (UnmaskableBodyException e) {
                throw e.at("row " + reader.row());
            }
        }
        writer.flush();
        return new MaskReport(returned, withheld, subjects, columns.items());
    }

    private String treated(CsvColumns.Column column, String cell) {
        if (cell.isEmpty() || column.action() == CsvColumns.Action.COPY) {
            return cell;
        }
        if (column.action() == CsvColumns.Action.PREFECTURE_MEMBER) {
            return CsvWriter.defused(cell);
        }
        String item = column.item();
        Treatment treatment = column.treatment();
        String treated;
        if (treatment instanceof Treatment.Mask mask) {
            treated = ValueTransforms.mask(cell, mask.keepLast());
        } else if (treatment instanceof Treatment.AgeBand band) {
            treated = ValueTransforms.ageBandOfText(item, cell, band);
        } else if (treatment instanceof Treatment.Month) {
            treated = ValueTransforms.month(item, cell);
        } else if (treatment instanceof Treatment.Prefecture) {
            treated = ValueTransforms.prefecture(item, cell);
        } else if (treatment instanceof Treatment.Pseudonymise) {
            treated = pseudonymiser.pseudonym(obligations.dataSystem(), cell);
        } else {
            throw new IllegalStateException("no transform for " + treatment.label());
        }
        return CsvWriter.defused(treated);
    }
}
