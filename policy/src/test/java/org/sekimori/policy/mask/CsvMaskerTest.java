package org.sekimori.policy.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sekimori.policy.mask.Fixtures.PSEUDONYMS;
import static org.sekimori.policy.mask.Fixtures.register;
import static org.sekimori.policy.mask.Fixtures.text;
import static org.sekimori.policy.mask.Fixtures.utf8;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sekimori.policy.SubjectRegister;

class CsvMaskerTest {

    private static final String HEADER = "memberNumber,name,nameKana,postalAddress.postalCode,postalAddress.prefecture,"
            + "postalAddress.city,postalAddress.street,email,phone,affiliation,membershipClass,feeStatus,joinedOn,updatedAt\r\n";
    private static final String M1 = "M000001,大竹 結衣,オオタケ ユイ,760-5775,香川県,高松市,北町4-10-2 コーポ若葉706,"
            + "yui.otake33@example.or.jp,090-555-1619,\"Department of Pediatrics, Minamikawa Municipal Hospital\",regular,paid,"
            + "2008-04-25,2024-06-04T08:26:27Z\r\n";
    private static final String M2 = "M000002,山田 太郎,ヤマダ タロウ,100-0001,東京都,千代田区,千代田1-1,taro@example.jp,03-1234-5678,"
            + "Tokyo Clinic,student,unpaid,2019-11-02,2024-01-15T00:00:00Z\r\n";

    private static Obligations registry(Map<String, Treatment> items) {
        return registry(items, Set.of(), register(Set.of(), Set.of()));
    }

    private static Obligations registry(Map<String, Treatment> items, Set<String> gated, SubjectRegister register) {
        return new Obligations("registry", "society-communication", "memberNumber", items, gated, register);
    }

    private static String mask(Obligations obligations, String csv) {
        return text(new CsvMasker(obligations, PSEUDONYMS).mask(utf8(csv)));
    }

    private static String mask(Map<String, Treatment> items, String csv) {
        return mask(registry(items), csv);
    }

    private static UnmaskableBodyException error(Map<String, Treatment> items, String csv) {
        CsvMasker masker = new CsvMasker(registry(items), PSEUDONYMS);
        try {
            masker.mask(utf8(csv));
        } catch (UnmaskableBodyException e) {
            return e;
        }
        throw new AssertionError("expected an UnmaskableBodyException");
    }

    @Test
    void maskWhenRegistryExportThenEachColumnTreatedAndUnknownColumnsDropped() {
        MaskedBody masked = new CsvMasker(registry(Map.of("memberNumber", Treatment.PSEUDONYMISE,
                "name", new Treatment.Mask(1), "postalAddress", Treatment.PREFECTURE, "phone", new Treatment.Mask(4),
                "affiliation", Treatment.SHOW, "membershipClass", Treatment.SHOW, "joinedOn", Treatment.MONTH)),
                PSEUDONYMS).mask(utf8(HEADER + M1));

        assertThat(text(masked)).isEqualTo(
                "memberNumber,name,postalAddress.prefecture,phone,affiliation,membershipClass,joinedOn\r\n"
                + "p:registry:7,****衣,香川県,********1619,\"Department of Pediatrics, Minamikawa Municipal Hospital\","
                + "regular,2008-04\r\n");
        assertThat(masked.report()).isEqualTo(new MaskReport(1, 0, List.of("M000001"), Set.of("memberNumber", "name",
                "nameKana", "postalAddress", "email", "phone", "affiliation", "membershipClass", "feeStatus", "joinedOn",
                "updatedAt")));
    }

    @Test
    void maskWhenAgeBandThenCellBecomesItsBand() {
        assertThat(mask(Map.of("memberNumber", Treatment.SHOW, "age", new Treatment.AgeBand(10)),
                "memberNumber,age\nM1,37\nM2,0\nM3,\n"))
                .isEqualTo("memberNumber,age\r\nM1,30-39\r\nM2,0-9\r\nM3,\r\n");
    }

    @Test
    void maskWhenAgeBandMeetsSeveralValuesOrNoWholeNumberThenErrorNamesRowAndItem() {
        Map<String, Treatment> items = Map.of("age", new Treatment.AgeBand(10));

        assertThat(error(items, "memberNumber,age\nM1,37\nM2,30;40\n"))
                .hasMessage("row 3: item 'age' has several values; age-band-10 needs a whole number");
        assertThat(error(items, "memberNumber,age\nM1,37.5\n"))
                .hasMessage("row 2: item 'age' is text that is not a whole number; age-band-10 needs a whole number");
        assertThat(error(items, "memberNumber,age\nM1,thirty\n"))
                .hasMessage("row 2: item 'age' is text that is not a whole number; age-band-10 needs a whole number");
        assertThat(error(items, "memberNumber,age\nM1,-3\n"))
                .hasMessage("row 2: item 'age' is a negative number; age-band-10 needs a whole number");
        assertThat(error(items, "memberNumber,age\nM1,99999999999\n"))
                .hasMessage("row 2: item 'age' is text that is not a whole number; age-band-10 needs a whole number");
    }

    @Test
    void maskWhenMaskMonthAndPseudonymiseThenAppliedToCellTextAndEmptyCellsStayEmpty() {
        assertThat(mask(Map.of("memberNumber", Treatment.SHOW, "phone", new Treatment.Mask(4),
                "updatedAt", Treatment.MONTH, "email", Treatment.PSEUDONYMISE),
                "memberNumber,phone,updatedAt,email\r\nM1,090-555-1619,2024-06-04T08:26:27Z,a@b.jp\r\nM2,,,\r\n"))
                .isEqualTo("memberNumber,phone,updatedAt,email\r\nM1,********1619,2024-06,p:registry:6\r\nM2,,,\r\n");
    }

    @Test
    void maskWhenMonthCellIsNoDateThenError() {
        assertThat(error(Map.of("joinedOn", Treatment.MONTH), "memberNumber,joinedOn\nM1,April 2008\n"))
                .hasMessage("row 2: item 'joinedOn' is text that does not start with a date (YYYY-MM); "
                        + "month needs a date or date-time");
    }

    @Test
    void maskWhenPrefectureOnUndottedColumnThenLeadingPrefectureOfItsText() {
        assertThat(mask(Map.of("memberNumber", Treatment.SHOW, "address", Treatment.PREFECTURE),
                "memberNumber,address\nM1,神奈川県横浜市中区\nM2,\n"))
                .isEqualTo("memberNumber,address\r\nM1,神奈川県\r\nM2,\r\n");
        assertThat(error(Map.of("address", Treatment.PREFECTURE), "memberNumber,address\nM1,横浜市中区\n"))
                .hasMessageStartingWith("row 2: item 'address' is text that does not start with a prefecture name");
    }

    @Test
    void maskWhenPrefectureOnDottedColumnsThenOnlyThePrefectureColumnKept() {
        assertThat(mask(Map.of("postalAddress", Treatment.PREFECTURE), HEADER + M1 + M2))
                .isEqualTo("postalAddress.prefecture\r\n香川県\r\n東京都\r\n");
    }

    @Test
    void maskWhenPrefectureItemHasColumnsButNoPrefectureColumnThenError() {
        assertThat(error(Map.of("postalAddress", Treatment.PREFECTURE),
                "memberNumber,postalAddress.city,postalAddress.street\nM1,高松市,北町\n"))
                .hasMessage("item 'postalAddress' has columns but no postalAddress.prefecture column; prefecture needs "
                        + "an address: text starting with a prefecture name, or an object with a prefecture member");
    }

    @Test
    void maskWhenShowOnDottedColumnsThenEveryColumnOfTheItemCopied() {
        assertThat(mask(Map.of("postalAddress", Treatment.SHOW), HEADER + M1))
                .isEqualTo("postalAddress.postalCode,postalAddress.prefecture,postalAddress.city,postalAddress.street\r\n"
                        + "760-5775,香川県,高松市,北町4-10-2 コーポ若葉706\r\n");
    }

    @Test
    void maskWhenSubjectUseStoppedThenTheirRowDropped() {
        Obligations obligations = registry(Map.of("memberNumber", Treatment.SHOW, "membershipClass", Treatment.SHOW),
                Set.of(), register(Set.of("M000001"), Set.of()));

        MaskedBody masked = new CsvMasker(obligations, PSEUDONYMS).mask(utf8(HEADER + M1 + M2));

        assertThat(text(masked)).isEqualTo("memberNumber,membershipClass\r\nM000002,student\r\n");
        assertThat(masked.report()).isEqualTo(new MaskReport(1, 1, List.of("M000002"), masked.report().itemsSeen()));
    }

    @Test
    void maskWhenRecordScopeSetThenRowsOutsideItOrWithoutItsColumnWithheld() {
        Obligations plain = Fixtures.followup(Map.of("id", Treatment.SHOW));
        Obligations scoped = new Obligations(plain.dataSystem(), plain.purpose(), plain.subjectKey(), plain.items(),
                Set.of(), plain.register(), new RecordScope("residenceArea", Set.of("相馬市")));

        assertThat(mask(scoped, "id,residenceArea\r\nF1,相馬市\r\nF2,福島市\r\nF3,\r\n")).isEqualTo("id\r\nF1\r\n");
        assertThat(mask(scoped, "id\r\nF1\r\n")).isEqualTo("id\r\n");
        assertThatThrownBy(() -> mask(scoped, "id,residenceArea,residenceArea\r\nF1,相馬市,福島市\r\n"))
                .isInstanceOf(UnmaskableBodyException.class).hasMessageContaining("more than once");
    }

    @Test
    void maskWhenEveryRowWithheldThenOnlyTheHeader() {
        Obligations obligations = registry(Map.of("memberNumber", Treatment.SHOW), Set.of(),
                register(Set.of("M000001", "M000002"), Set.of()));

        assertThat(mask(obligations, HEADER + M1 + M2)).isEqualTo("memberNumber\r\n");
    }

    @Test
    void maskWhenSubjectDidNotConsentThenGatedCellsEmptiedButColumnKept() {
        Obligations obligations = registry(Map.of("memberNumber", Treatment.SHOW, "email", Treatment.SHOW,
                "phone", new Treatment.Mask(4), "membershipClass", Treatment.SHOW), Set.of("email", "phone"),
                register(Set.of(), Set.of("M000002")));

        assertThat(mask(obligations, HEADER + M1 + M2)).isEqualTo("memberNumber,email,phone,membershipClass\r\n"
                + "M000001,,,regular\r\n"
                + "M000002,taro@example.jp,********5678,student\r\n");
    }

    @Test
    void maskWhenHeaderHasNoSubjectColumnThenError() {
        assertThat(error(Map.of("name", Treatment.SHOW), "name\n大竹 結衣\n"))
                .hasMessage("item 'memberNumber' (the subject key) has no column in the header; "
                        + "use stops and consent cannot be checked");
    }

    @Test
    void maskWhenSubjectCellEmptyThenError() {
        assertThat(error(Map.of("name", Treatment.SHOW), "memberNumber,name\nM1,a\n,b\n"))
                .hasMessage("row 3: item 'memberNumber' (the subject key) is empty; use stops and consent cannot be checked");
    }

    @Test
    void maskWhenNothingDependsOnTheSubjectThenRowsWithoutOneReturned() {
        Obligations obligations = registry(Map.of("name", Treatment.SHOW), Set.of(), SubjectRegister.EMPTY);

        MaskedBody masked = new CsvMasker(obligations, PSEUDONYMS).mask(utf8("name\n大竹 結衣\n"));

        assertThat(text(masked)).isEqualTo("name\r\n大竹 結衣\r\n");
        assertThat(masked.report().recordsReturned()).isEqualTo(1);
        assertThat(masked.report().returnedSubjects()).isEmpty();
    }

    @Test
    void maskWhenHeaderNamesTheSubjectKeyTwiceThenError() {
        assertThat(error(Map.of(), "memberNumber,memberNumber\nM1,M2\n"))
                .hasMessage("header has more than one 'memberNumber' column (the subject key)");
    }

    // --- quoting ---

    @Test
    void maskWhenCellsQuotedThenParsedAndWrittenBackQuotedOnlyWhereNeeded() {
        String csv = "memberNumber,note,plain\r\n"
                + "\"M1\",\"she said \"\"hi\"\", then left\",\"no need\"\r\n"
                + "M2,\"two\nlines\",\"\"\r\n"
                + "M3,\"crlf\r\ninside\",x\r\n";

        assertThat(mask(Map.of("memberNumber", Treatment.SHOW, "note", Treatment.SHOW, "plain", Treatment.SHOW), csv))
                .isEqualTo("memberNumber,note,plain\r\n"
                        + "M1,\"she said \"\"hi\"\", then left\",no need\r\n"
                        + "M2,\"two\nlines\",\r\n"
                        + "M3,\"crlf\r\ninside\",x\r\n");
    }

    @Test
    void maskWhenLineEndsAreLfOrLastRowHasNoneThenRowsStillRead() {
        assertThat(mask(Map.of("memberNumber", Treatment.SHOW), "memberNumber\nM1\r\nM2")).isEqualTo("memberNumber\r\nM1\r\nM2\r\n");
    }

    @Test
    void maskWhenBodyStartsWithByteOrderMarkThenSkipped() {
        assertThat(mask(Map.of("memberNumber", Treatment.SHOW), "\uFEFFmemberNumber\nM1\n")).isEqualTo("memberNumber\r\nM1\r\n");
    }

    @Test
    void maskWhenTreatedCellWouldBeAFormulaThenApostropheButShownCellsStayAsTheyAre() {
        Pseudonymiser formulaic = (system, value) -> value.equals("M1") ? "=HYPERLINK(\"x\")" : "@" + value;
        Obligations obligations = registry(Map.of("memberNumber", Treatment.PSEUDONYMISE, "note", Treatment.SHOW,
                "n", new Treatment.Mask(4)));

        String masked = text(new CsvMasker(obligations, formulaic).mask(utf8(
                "memberNumber,note,n\nM1,=SUM(A1),-12\nM2,+1,-1+2\n")));

        assertThat(masked).isEqualTo("memberNumber,note,n\r\n"
                + "\"'=HYPERLINK(\"\"x\"\")\",=SUM(A1),***\r\n"
                + "'@M2,+1,****\r\n");
    }

    @Test
    void maskWhenKeptPrefectureColumnStartsAFormulaThenApostrophe() {
        assertThat(mask(Map.of("memberNumber", Treatment.SHOW, "addr", Treatment.PREFECTURE),
                "memberNumber,addr.prefecture,addr.city\nM1,=cmd(),x\n"))
                .isEqualTo("memberNumber,addr.prefecture\r\nM1,'=cmd()\r\n");
    }

    @Test
    void defusedWhenFormulaStartThenApostropheUnlessPlainNumber() {
        assertThat(CsvWriter.defused("=1")).isEqualTo("'=1");
        assertThat(CsvWriter.defused("+x")).isEqualTo("'+x");
        assertThat(CsvWriter.defused("@x")).isEqualTo("'@x");
        assertThat(CsvWriter.defused("-1+2")).isEqualTo("'-1+2");
        assertThat(CsvWriter.defused("-12.5")).isEqualTo("-12.5");
        assertThat(CsvWriter.defused("\tx")).isEqualTo("'\tx");
        assertThat(CsvWriter.defused("\rx")).isEqualTo("'\rx");
        assertThat(CsvWriter.defused("")).isEmpty();
    }

    // --- malformed CSV ---

    @Test
    void maskWhenRowHasWrongNumberOfCellsThenError() {
        assertThat(error(Map.of(), "memberNumber,name\nM1,a\nM2\n")).hasMessage("row 3 has 1 cells; the header has 2");
        assertThat(error(Map.of(), "memberNumber,name\nM1,a,b\n")).hasMessage("row 2 has 3 cells; the header has 2");
        assertThat(error(Map.of(), "memberNumber,name\nM1,a\n\nM2,b\n")).hasMessage("row 3 has 1 cells; the header has 2");
    }

    @Test
    void maskWhenQuotesAreMalformedThenError() {
        assertThat(error(Map.of(), "memberNumber,name\nM1,\"never closed\n"))
                .hasMessage("row 2 has a quote that is never closed");
        assertThat(error(Map.of(), "memberNumber,name\nM1,ab\"c\n"))
                .hasMessage("row 2 has a quote inside an unquoted cell");
        assertThat(error(Map.of(), "memberNumber,name\nM1,\"ab\"c\n"))
                .hasMessage("row 2 has text after a closing quote");
    }

    @Test
    void maskWhenCarriageReturnDoesNotEndTheRowThenError() {
        assertThat(error(Map.of(), "memberNumber,name\rM1,a\n"))
                .hasMessage("row 1 has a carriage return that does not end the row");
    }

    @Test
    void maskWhenBodyIsNotUtf8ThenError() {
        byte[] latin1 = "memberNumber,name\nM1,caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        CsvMasker masker = new CsvMasker(registry(Map.of()), PSEUDONYMS);

        assertThatThrownBy(() -> masker.mask(latin1)).isInstanceOf(UnmaskableBodyException.class)
                .hasMessage("body is not valid UTF-8 (row 1)");
    }

    @Test
    void maskWhenBodyIsEmptyThenErrorBecauseTheHeaderIsRequired() {
        assertThat(error(Map.of(), "")).hasMessage("body is empty; CSV needs a header row");
    }

    @Test
    void ofWhenShapeIsCsvThenCsvMasker() {
        assertThat(BodyMasker.of(registry(Map.of()), PSEUDONYMS, BodyShape.CSV)).isInstanceOf(CsvMasker.class);
    }
}
