package org.sekimori.policy.mask;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sekimori.policy.mask.Fixtures.PSEUDONYMS;
import static org.sekimori.policy.mask.Fixtures.followup;
import static org.sekimori.policy.mask.Fixtures.register;
import static org.sekimori.policy.mask.Fixtures.text;
import static org.sekimori.policy.mask.Fixtures.utf8;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sekimori.policy.SubjectRegister;

class JsonMaskerTest {

    private static final String FOLLOWUP_RECORD = """
            {"id":"F00001","lineUserId":"U353a808b95a196296d810b1ec649bc32","profileName":"井上 結衣","age":30,\
            "occupation":"self-employed","sex":"female","residenceArea":"新地町","currentCondition":"no symptoms",\
            "medicalHistory":[],"medication":[],"plannedConsultation":{"planned":false,"clinic":null},\
            "chatMessages":[],"location":{"latitude":37.476803,"longitude":141.006955},\
            "device":{"id":"b13e7ac46296623f","os":"Android 10","model":"OPPO Reno3 A"},"updatedAt":"2021-04-09T03:26:42Z"}""";

    private static String record(Map<String, Treatment> items, String json) {
        return text(new JsonMasker(followup(items), PSEUDONYMS, BodyShape.RECORD).mask(utf8(json)));
    }

    private static String page(Obligations obligations, String json) {
        return text(new JsonMasker(obligations, PSEUDONYMS, BodyShape.PAGE).mask(utf8(json)));
    }

    private static UnmaskableBodyException recordError(Map<String, Treatment> items, String json) {
        return recordError(followup(items), json);
    }

    private static UnmaskableBodyException recordError(Obligations obligations, String json) {
        JsonMasker masker = new JsonMasker(obligations, PSEUDONYMS, BodyShape.RECORD);
        return catchUnmaskable(() -> masker.mask(utf8(json)));
    }

    private static UnmaskableBodyException pageError(Map<String, Treatment> items, String json) {
        JsonMasker masker = new JsonMasker(followup(items), PSEUDONYMS, BodyShape.PAGE);
        return catchUnmaskable(() -> masker.mask(utf8(json)));
    }

    private static UnmaskableBodyException catchUnmaskable(Runnable masking) {
        try {
            masking.run();
        } catch (UnmaskableBodyException e) {
            return e;
        }
        throw new AssertionError("expected an UnmaskableBodyException");
    }

    // --- the epidemiologist's view of a real record ---

    @Test
    void maskWhenEpidemiologistReadsFollowupRecordThenOnlyBandedAgeSexAreaConditionAndMonthRemain() {
        MaskedBody masked = new JsonMasker(Fixtures.epidemiologist(), PSEUDONYMS, BodyShape.RECORD)
                .mask(utf8(FOLLOWUP_RECORD));

        assertThat(text(masked)).isEqualTo("""
                {"age":"30-39","sex":"female","residenceArea":"新地町","currentCondition":"no symptoms",\
                "updatedAt":"2021-04"}""");
        assertThat(masked.report().recordsReturned()).isEqualTo(1);
        assertThat(masked.report().returnedSubjects()).containsExactly("F00001");
        assertThat(masked.report().itemsSeen()).containsExactly("age", "chatMessages", "currentCondition", "device",
                "id", "lineUserId", "location", "medicalHistory", "medication", "occupation", "plannedConsultation",
                "profileName", "residenceArea", "sex", "updatedAt");
    }

    // --- show and remove ---

    @Test
    void maskWhenShowThenValueCopiedExactlyWhateverItsStructure() {
        String json = """
                {"id":"F1","note":"line\\nbreak \\"quoted\\" \\u00e9 😀 \\u0001","n":1.50,"e":-2.5E+3,"b":true,\
                "nested":{"a":[1,{"x":null,"y":[[]]}],"n\\u0061me":"v"},"list":[true,false,null,"s",{}]}""";

        String masked = record(Map.of("id", Treatment.SHOW, "note", Treatment.SHOW, "n", Treatment.SHOW,
                "e", Treatment.SHOW, "b", Treatment.SHOW, "nested", Treatment.SHOW, "list", Treatment.SHOW), json);

        assertThat(masked).isEqualTo("""
                {"id":"F1","note":"line\\nbreak \\"quoted\\" é 😀 \\u0001","n":1.50,"e":-2.5E+3,"b":true,\
                "nested":{"a":[1,{"x":null,"y":[[]]}],"name":"v"},"list":[true,false,null,"s",{}]}""");
    }

    @Test
    void maskWhenFieldNotGrantedThenRemovedWhateverItsStructure() {
        String masked = record(Map.of("id", Treatment.SHOW), """
                {"id":"F1","secret":"s","deep":{"a":[{"b":"c"}]},"list":[1,[2,[3]]],"n":5,"t":true,"z":null}""");

        assertThat(masked).isEqualTo("{\"id\":\"F1\"}");
    }

    @Test
    void maskWhenTreatmentIsRemoveThenFieldLeftOut() {
        String masked = record(Map.of("id", Treatment.SHOW, "device", Treatment.REMOVE, "age", Treatment.REMOVE), """
                {"device":{"id":"b13e","os":"Android 10"},"id":"F1","age":30}""");

        assertThat(masked).isEqualTo("{\"id\":\"F1\"}");
    }

    @Test
    void maskWhenNoFieldGrantedThenEmptyObject() {
        assertThat(record(Map.of(), "{\"id\":\"F1\",\"name\":\"x\"}")).isEqualTo("{}");
    }

    // --- mask-last-n ---

    @Test
    void maskWhenMaskLastFourThenEveryCodePointButTheLastFourStarred() {
        String masked = record(Map.of("phone", new Treatment.Mask(4), "name", new Treatment.Mask(1),
                "emoji", new Treatment.Mask(1), "number", new Treatment.Mask(4)), """
                {"id":"F1","phone":"090-555-1619","name":"井上 結衣","emoji":"a😀b😀","number":123456.5}""");

        assertThat(masked).isEqualTo("""
                {"phone":"********1619","name":"****衣","emoji":"***😀","number":"****56.5"}""");
    }

    @Test
    void maskWhenValueNoLongerThanKeptPartThenAllStarred() {
        String masked = record(Map.of("pin", new Treatment.Mask(4), "short", new Treatment.Mask(4),
                "empty", new Treatment.Mask(4), "none", new Treatment.Mask(0)), """
                {"id":"F1","pin":"1234","short":"12","empty":"","none":"abc"}""");

        assertThat(masked).isEqualTo("{\"pin\":\"****\",\"short\":\"**\",\"empty\":\"\",\"none\":\"***\"}");
    }

    @Test
    void maskWhenMaskMeetsObjectArrayOrBooleanThenErrorNamesItemAndKind() {
        Map<String, Treatment> items = Map.of("phone", new Treatment.Mask(4));

        assertThat(recordError(items, "{\"id\":\"F1\",\"phone\":{\"n\":\"090\"}}"))
                .hasMessage("item 'phone' is an object; mask-last-4 needs text or a number");
        assertThat(recordError(items, "{\"id\":\"F1\",\"phone\":[\"090\"]}"))
                .hasMessage("item 'phone' is an array; mask-last-4 needs text or a number");
        assertThat(recordError(items, "{\"id\":\"F1\",\"phone\":true}"))
                .hasMessage("item 'phone' is a boolean; mask-last-4 needs text or a number");
    }

    // --- age-band-n ---

    @Test
    void maskWhenAgeBandThenWholeNumberBecomesItsBand() {
        String masked = record(Map.of("a", new Treatment.AgeBand(10), "b", new Treatment.AgeBand(10),
                "c", new Treatment.AgeBand(10), "d", new Treatment.AgeBand(5), "e", new Treatment.AgeBand(10)),
                "{\"id\":\"F1\",\"a\":37,\"b\":30,\"c\":0,\"d\":37,\"e\":-0}");

        assertThat(masked).isEqualTo("{\"a\":\"30-39\",\"b\":\"30-39\",\"c\":\"0-9\",\"d\":\"35-39\",\"e\":\"0-9\"}");
    }

    @Test
    void maskWhenAgeBandMeetsAnythingButANonNegativeWholeNumberThenErrorSaysWhatItIs() {
        Map<String, Treatment> items = Map.of("age", new Treatment.AgeBand(10));

        assertThat(recordError(items, "{\"id\":\"F1\",\"age\":\"37\"}"))
                .hasMessage("item 'age' is text; age-band-10 needs a whole number");
        assertThat(recordError(items, "{\"id\":\"F1\",\"age\":37.5}"))
                .hasMessage("item 'age' is a decimal number; age-band-10 needs a whole number");
        assertThat(recordError(items, "{\"id\":\"F1\",\"age\":-1}"))
                .hasMessage("item 'age' is a negative number; age-band-10 needs a whole number");
        assertThat(recordError(items, "{\"id\":\"F1\",\"age\":-99999999999999999999999}"))
                .hasMessage("item 'age' is a negative number; age-band-10 needs a whole number");
        assertThat(recordError(items, "{\"id\":\"F1\",\"age\":2147483648}"))
                .hasMessage("item 'age' is a number too large to be an age; age-band-10 needs a whole number");
        assertThat(recordError(items, "{\"id\":\"F1\",\"age\":99999999999999999999999}"))
                .hasMessage("item 'age' is a number too large to be an age; age-band-10 needs a whole number");
        assertThat(recordError(items, "{\"id\":\"F1\",\"age\":[37]}"))
                .hasMessage("item 'age' is an array; age-band-10 needs a whole number");
        assertThat(recordError(items, "{\"id\":\"F1\",\"age\":false}"))
                .hasMessage("item 'age' is a boolean; age-band-10 needs a whole number");
    }

    // --- prefecture ---

    @Test
    void maskWhenPrefectureOfAddressObjectThenItsPrefectureMemberOnly() {
        String masked = record(Map.of("postalAddress", Treatment.PREFECTURE), """
                {"id":"F1","postalAddress":{"postalCode":"760-5775","street":{"line":"北町4-10-2"},"prefecture":"香川県",\
                "city":"高松市"}}""");

        assertThat(masked).isEqualTo("{\"postalAddress\":\"香川県\"}");
    }

    @Test
    void maskWhenPrefectureOfTextAddressThenTheLeadingPrefectureName() {
        String masked = record(Map.of("a", Treatment.PREFECTURE, "b", Treatment.PREFECTURE, "c", Treatment.PREFECTURE,
                "d", Treatment.PREFECTURE, "e", Treatment.PREFECTURE, "f", Treatment.PREFECTURE), """
                {"id":"F1","a":"東京都新宿区西新宿2-8-1","b":"神奈川県横浜市","c":"北海道札幌市","d":"京都府京都市",\
                "e":"香川県","f":"大阪府大阪市北区"}""");

        assertThat(masked).isEqualTo("""
                {"a":"東京都","b":"神奈川県","c":"北海道","d":"京都府","e":"香川県","f":"大阪府"}""");
    }

    @Test
    void maskWhenPrefectureMemberIsNullThenNull() {
        assertThat(record(Map.of("addr", Treatment.PREFECTURE), "{\"id\":\"F1\",\"addr\":{\"prefecture\":null}}"))
                .isEqualTo("{\"addr\":null}");
    }

    @Test
    void maskWhenNoPrefectureCanBeFoundThenErrorSaysWhy() {
        Map<String, Treatment> items = Map.of("addr", Treatment.PREFECTURE);
        String needs = "; prefecture needs an address: text starting with a prefecture name, or an object with a "
                + "prefecture member";

        assertThat(recordError(items, "{\"id\":\"F1\",\"addr\":\"新地町\"}"))
                .hasMessage("item 'addr' is text that does not start with a prefecture name" + needs);
        assertThat(recordError(items, "{\"id\":\"F1\",\"addr\":\"高松市北町県営住宅\"}"))
                .hasMessage("item 'addr' is text that does not start with a prefecture name" + needs);
        assertThat(recordError(items, "{\"id\":\"F1\",\"addr\":{\"city\":\"高松市\"}}"))
                .hasMessage("item 'addr' is an object without a prefecture member" + needs);
        assertThat(recordError(items, "{\"id\":\"F1\",\"addr\":{\"prefecture\":37}}"))
                .hasMessage("item 'addr' is an object whose prefecture member is a whole number" + needs);
        assertThat(recordError(items, "{\"id\":\"F1\",\"addr\":{\"prefecture\":\"香川県\",\"prefecture\":\"東京都\"}}"))
                .hasMessage("item 'addr' is an object with more than one prefecture member" + needs);
        assertThat(recordError(items, "{\"id\":\"F1\",\"addr\":[\"香川県\"]}"))
                .hasMessage("item 'addr' is an array" + needs);
        assertThat(recordError(items, "{\"id\":\"F1\",\"addr\":7605775}"))
                .hasMessage("item 'addr' is a whole number" + needs);
    }

    // --- month ---

    @Test
    void maskWhenMonthThenDateOrDateTimeBecomesYearAndMonth() {
        String masked = record(Map.of("a", Treatment.MONTH, "b", Treatment.MONTH, "c", Treatment.MONTH), """
                {"id":"F1","a":"2021-04-09T03:26:42Z","b":"2008-04-25","c":"2024-12"}""");

        assertThat(masked).isEqualTo("{\"a\":\"2021-04\",\"b\":\"2008-04\",\"c\":\"2024-12\"}");
    }

    @Test
    void maskWhenMonthMeetsNoDateThenErrorSaysWhatItIs() {
        Map<String, Treatment> items = Map.of("updatedAt", Treatment.MONTH);
        String needs = "; month needs a date or date-time";

        assertThat(recordError(items, "{\"id\":\"F1\",\"updatedAt\":\"2021-13-01\"}"))
                .hasMessage("item 'updatedAt' is text that does not start with a date (YYYY-MM)" + needs);
        assertThat(recordError(items, "{\"id\":\"F1\",\"updatedAt\":\"20210409\"}"))
                .hasMessage("item 'updatedAt' is text that does not start with a date (YYYY-MM)" + needs);
        assertThat(recordError(items, "{\"id\":\"F1\",\"updatedAt\":\"2021-041\"}"))
                .hasMessage("item 'updatedAt' is text that does not start with a date (YYYY-MM)" + needs);
        assertThat(recordError(items, "{\"id\":\"F1\",\"updatedAt\":1617938802}"))
                .hasMessage("item 'updatedAt' is a whole number" + needs);
        assertThat(recordError(items, "{\"id\":\"F1\",\"updatedAt\":{\"date\":\"2021-04-09\"}}"))
                .hasMessage("item 'updatedAt' is an object" + needs);
    }

    // --- pseudonymise ---

    @Test
    void maskWhenPseudonymiseScalarThenPseudonymOfItsText() {
        Fixtures.Recording pseudonyms = new Fixtures.Recording();
        JsonMasker masker = new JsonMasker(followup(Map.of("id", Treatment.PSEUDONYMISE, "n", Treatment.PSEUDONYMISE,
                "b", Treatment.PSEUDONYMISE)), pseudonyms, BodyShape.RECORD);

        String masked = text(masker.mask(utf8("{\"id\":\"F0\\u0030001\",\"n\":1.50,\"b\":false}")));

        assertThat(masked).isEqualTo("{\"id\":\"p1\",\"n\":\"p2\",\"b\":\"p3\"}");
        assertThat(pseudonyms.values).containsExactly("F00001", "1.50", "false");
    }

    @Test
    void maskWhenPseudonymiseObjectOrArrayThenPseudonymOfItsCompactJson() {
        Fixtures.Recording pseudonyms = new Fixtures.Recording();
        JsonMasker masker = new JsonMasker(followup(Map.of("device", Treatment.PSEUDONYMISE,
                "medication", Treatment.PSEUDONYMISE)), pseudonyms, BodyShape.RECORD);

        String masked = text(masker.mask(utf8("""
                {"id":"F1", "device" : { "id" : "b13e", "os" : "Android 10", "n": [1, 2.0] },
                 "medication": [ "amlodipine", {"dose": null} ]}""")));

        assertThat(masked).isEqualTo("{\"device\":\"p1\",\"medication\":\"p2\"}");
        assertThat(pseudonyms.values).containsExactly("{\"id\":\"b13e\",\"os\":\"Android 10\",\"n\":[1,2.0]}",
                "[\"amlodipine\",{\"dose\":null}]");
    }

    @Test
    void maskWhenPseudonymiseThenTheDataSystemIsPassedOn() {
        assertThat(record(Map.of("lineUserId", Treatment.PSEUDONYMISE), "{\"id\":\"F1\",\"lineUserId\":\"U353a\"}"))
                .isEqualTo("{\"lineUserId\":\"p:followup:5\"}");
    }

    // --- null ---

    static Stream<Treatment> everyTreatmentButRemove() {
        return Stream.of(Treatment.SHOW, new Treatment.Mask(4), new Treatment.AgeBand(10), Treatment.PREFECTURE,
                Treatment.MONTH, Treatment.PSEUDONYMISE);
    }

    @ParameterizedTest
    @MethodSource("everyTreatmentButRemove")
    void maskWhenValueIsNullThenNullUnderEveryTreatment(Treatment treatment) {
        Fixtures.Recording pseudonyms = new Fixtures.Recording();
        JsonMasker masker = new JsonMasker(followup(Map.of("x", treatment)), pseudonyms, BodyShape.RECORD);

        assertThat(text(masker.mask(utf8("{\"id\":\"F1\",\"x\":null}")))).isEqualTo("{\"x\":null}");
        assertThat(pseudonyms.values).isEmpty();
    }

    // --- names: escaped, duplicated ---

    @Test
    void maskWhenKeyIsEscapedThenStillRemoved() {
        assertThat(record(Map.of("id", Treatment.SHOW), "{\"id\":\"F1\",\"n\\u0061me\":\"井上 結衣\",\"\\u0061ge\":{}}"))
                .isEqualTo("{\"id\":\"F1\"}");
    }

    @Test
    void maskWhenKeyIsEscapedThenItsTreatmentApplies() {
        assertThat(record(Map.of("age", new Treatment.AgeBand(10), "phone", new Treatment.Mask(4)),
                "{\"id\":\"F1\",\"\\u0061ge\":37,\"ph\\u006fne\":\"090-555-1619\"}"))
                .isEqualTo("{\"age\":\"30-39\",\"phone\":\"********1619\"}");
    }

    @Test
    void maskWhenKeyIsDuplicatedThenEveryOccurrenceGetsTheTreatment() {
        assertThat(record(Map.of("phone", new Treatment.Mask(4)), """
                {"id":"F1","phone":"090-555-1619","name":"a","phone":"03-1234-5678","name":"b"}"""))
                .isEqualTo("{\"phone\":\"********1619\",\"phone\":\"********5678\"}");
    }

    @Test
    void maskWhenSubjectKeyRepeatsWithTheSameValueThenAccepted() {
        assertThat(record(Map.of("id", Treatment.SHOW), "{\"id\":\"F1\",\"id\":\"F1\"}"))
                .isEqualTo("{\"id\":\"F1\",\"id\":\"F1\"}");
    }

    @Test
    void maskWhenSubjectKeyRepeatsWithAnotherValueThenError() {
        assertThat(recordError(Map.of("id", Treatment.SHOW), "{\"id\":\"F1\",\"name\":\"x\",\"id\":\"F2\"}"))
                .hasMessage("item 'id' (the subject key) appears more than once with different values");
    }

    // --- subjects: use stopped, consent ---

    @Test
    void maskWhenSubjectUseStoppedThenRecordLeftOutOfPage() {
        Obligations obligations = followup(Map.of("id", Treatment.SHOW, "age", Treatment.SHOW), Set.of(),
                register(Set.of("F2"), Set.of()));

        MaskedBody masked = new JsonMasker(obligations, PSEUDONYMS, BodyShape.PAGE).mask(utf8("""
                {"items":[{"id":"F1","age":1},{"age":2,"id":"F2"},{"id":"F3","age":3}],"total":3}"""));

        assertThat(text(masked)).isEqualTo("{\"items\":[{\"id\":\"F1\",\"age\":1},{\"id\":\"F3\",\"age\":3}],\"total\":3}");
        assertThat(masked.report()).isEqualTo(new MaskReport(2, 1, List.of("F1", "F3"), Set.of("id", "age")));
    }

    @Test
    void maskWhenFirstRecordsOfPageWithheldThenNoStrayComma() {
        Obligations obligations = followup(Map.of("id", Treatment.SHOW), Set.of(), register(Set.of("F1", "F2"), Set.of()));

        assertThat(page(obligations, "{\"items\":[{\"id\":\"F1\"},{\"id\":\"F2\"},{\"id\":\"F3\"}]}"))
                .isEqualTo("{\"items\":[{\"id\":\"F3\"}]}");
        assertThat(page(obligations, "{\"items\":[{\"id\":\"F1\"},{\"id\":\"F2\"}]}")).isEqualTo("{\"items\":[]}");
    }

    @Test
    void maskWhenRecordBodysSubjectUseStoppedThenNothingWrittenAndReportSaysWithheld() {
        Obligations obligations = followup(Map.of("age", Treatment.SHOW), Set.of(), register(Set.of("F00001"), Set.of()));

        MaskedBody masked = new JsonMasker(obligations, PSEUDONYMS, BodyShape.RECORD).mask(utf8(FOLLOWUP_RECORD));

        assertThat(masked.body()).isEmpty();
        assertThat(masked.report().recordsWithheld()).isEqualTo(1);
        assertThat(masked.report().recordsReturned()).isZero();
        assertThat(masked.report().returnedSubjects()).isEmpty();
    }

    @Test
    void maskWhenRecordScopeSetThenOnlyRecordsWhoseScopeItemIsAdmittedReturned() {
        Obligations obligations = scoped(new RecordScope("residenceArea", Set.of("相馬市", "新地町")));

        MaskedBody masked = new JsonMasker(obligations, PSEUDONYMS, BodyShape.PAGE).mask(utf8("""
                {"items":[{"id":"F1","residenceArea":"相馬市"},{"id":"F2","residenceArea":"福島市"},\
                {"residenceArea":"新地町","id":"F3"},{"id":"F4"},{"id":"F5","residenceArea":null},\
                {"id":"F6","residenceArea":["相馬市"]}]}"""));

        assertThat(text(masked)).isEqualTo("{\"items\":[{\"id\":\"F1\"},{\"id\":\"F3\"}]}");
        assertThat(masked.report().recordsWithheld()).isEqualTo(4);
        assertThat(masked.report().returnedSubjects()).containsExactly("F1", "F3");
    }

    @Test
    void maskWhenScopeItemRepeatedThenEveryOccurrenceMustBeAdmitted() {
        Obligations obligations = scoped(new RecordScope("residenceArea", Set.of("新地町")));

        MaskedBody masked = new JsonMasker(obligations, PSEUDONYMS, BodyShape.PAGE).mask(utf8("""
                {"items":[{"id":"F1","residenceArea":"いわき市","residenceArea":"新地町"},\
                {"id":"F2","residenceArea":"新地町","r\\u0065sidenceArea":"いわき市"}],"total":2,"F3 name":1}"""));

        assertThat(text(masked)).isEqualTo("{\"items\":[]}");
        assertThat(masked.report().recordsWithheld()).isEqualTo(2);
    }

    @Test
    void maskWhenRecordBodyOutsideScopeThenNothingWritten() {
        Obligations obligations = scoped(new RecordScope("residenceArea", Set.of("相馬市")));

        MaskedBody masked = new JsonMasker(obligations, PSEUDONYMS, BodyShape.RECORD).mask(utf8(FOLLOWUP_RECORD));

        assertThat(masked.body()).isEmpty();
        assertThat(masked.report().recordsWithheld()).isEqualTo(1);
    }

    private static Obligations scoped(RecordScope scope) {
        Obligations plain = followup(Map.of("id", Treatment.SHOW));
        return new Obligations(plain.dataSystem(), plain.purpose(), plain.subjectKey(), plain.items(), Set.of(),
                plain.register(), scope);
    }

    @Test
    void maskWhenSubjectDidNotConsentThenGatedItemsRemovedFromTheirRecordOnly() {
        Obligations obligations = followup(Map.of("id", Treatment.SHOW, "age", new Treatment.AgeBand(10),
                "chatMessages", Treatment.SHOW, "medication", Treatment.SHOW), Set.of("chatMessages", "medication"),
                register(Set.of(), Set.of("F1")));

        // The subject key comes after the gated items: the record is decided at its end.
        String masked = page(obligations, """
                {"items":[{"chatMessages":["hi"],"age":30,"medication":[],"id":"F1"},\
                {"chatMessages":["hello"],"medication":["aspirin"],"age":41,"id":"F2"}]}""");

        assertThat(masked).isEqualTo("""
                {"items":[{"chatMessages":["hi"],"age":"30-39","medication":[],"id":"F1"},{"age":"40-49","id":"F2"}]}""");
    }

    @Test
    void maskWhenSubjectKeyIsNumberThenItsTextIsTheSubject() {
        Obligations obligations = followup(Map.of("age", Treatment.SHOW), Set.of(), register(Set.of("17"), Set.of()));

        MaskedBody masked = new JsonMasker(obligations, PSEUDONYMS, BodyShape.PAGE)
                .mask(utf8("{\"items\":[{\"id\":17,\"age\":1},{\"id\":18,\"age\":2}]}"));

        assertThat(text(masked)).isEqualTo("{\"items\":[{\"age\":2}]}");
        assertThat(masked.report().returnedSubjects()).containsExactly("18");
    }

    @Test
    void maskWhenRecordHasNoSubjectKeyThenErrorBecauseUseStopsCannotBeChecked() {
        assertThat(recordError(Map.of("age", Treatment.SHOW), "{\"age\":30}"))
                .hasMessage("item 'id' (the subject key) is missing; use stops and consent cannot be checked");
        assertThat(recordError(Map.of("age", Treatment.SHOW), "{\"id\":null,\"age\":30}"))
                .hasMessage("item 'id' (the subject key) is null; use stops and consent cannot be checked");
    }

    @Test
    void maskWhenRecordHasNoSubjectKeyButNothingDependsOnItThenReturnedWithoutSubject() {
        Obligations obligations = followup(Map.of("age", Treatment.SHOW), Set.of(), SubjectRegister.EMPTY);

        MaskedBody masked = new JsonMasker(obligations, PSEUDONYMS, BodyShape.RECORD).mask(utf8("{\"age\":30}"));

        assertThat(text(masked)).isEqualTo("{\"age\":30}");
        assertThat(masked.report().recordsReturned()).isEqualTo(1);
        assertThat(masked.report().returnedSubjects()).isEmpty();
    }

    @Test
    void maskWhenConsentGatesAnItemThenEvenTheEmptyRegisterNeedsTheSubject() {
        Obligations obligations = followup(Map.of("age", Treatment.SHOW), Set.of("age"), SubjectRegister.EMPTY);

        assertThat(recordError(obligations, "{\"age\":30}"))
                .hasMessage("item 'id' (the subject key) is missing; use stops and consent cannot be checked");
    }

    @Test
    void maskWhenSubjectKeyIsNotTextOrNumberThenError() {
        assertThat(recordError(Map.of("age", Treatment.SHOW), "{\"id\":{\"n\":1},\"age\":30}"))
                .hasMessage("item 'id' (the subject key) is an object; a subject key must be text or a number");
        assertThat(recordError(Map.of("age", Treatment.SHOW), "{\"id\":true}"))
                .hasMessage("item 'id' (the subject key) is a boolean; a subject key must be text or a number");
    }

    // --- pages ---

    @Test
    void maskWhenPageHasOtherMembersThenOnlyNumbersBooleansAndNullsPassInTheirOrder() {
        String masked = page(followup(Map.of("id", Treatment.SHOW)), """
                {"page":0,"next":"/records?page=1","items":[{"id":"F1"}],"size":1.0,"last":false,"cursor":null,\
                "links":{"self":"x"},"names":["井上"],"total":10000}""");

        assertThat(masked).isEqualTo("""
                {"page":0,"items":[{"id":"F1"}],"size":1.0,"last":false,"cursor":null,"total":10000}""");
    }

    @Test
    void maskWhenPageMemberNameIsNotAPlainNameThenRemoved() {
        // A member's name could carry a person's data as well as its value could.
        assertThat(page(followup(Map.of()), "{\"items\":[],\"a\\\"b\":1,\"F00002 鈴木一郎\":1,\"total\":2}"))
                .isEqualTo("{\"items\":[],\"total\":2}");
    }

    @Test
    void maskWhenPageHasNoItemsArrayThenError() {
        assertThat(pageError(Map.of(), "{\"total\":0}"))
                .hasMessage("page has no items member; it must have an array of records");
        assertThat(pageError(Map.of(), "{\"items\":{\"id\":\"F1\"}}"))
                .hasMessage("page member 'items' is an object; it must be an array of records");
        assertThat(pageError(Map.of(), "{\"items\":null}"))
                .hasMessage("page member 'items' is null; it must be an array of records");
        assertThat(pageError(Map.of(), "{\"items\":[],\"items\":[]}"))
                .hasMessage("page has more than one items member");
        assertThat(pageError(Map.of(), "[{\"id\":\"F1\"}]"))
                .hasMessage("body is an array; a page must be a JSON object with an items array");
    }

    @Test
    void maskWhenPageItemIsNotAnObjectThenErrorNamesItsIndex() {
        assertThat(pageError(Map.of("id", Treatment.SHOW), "{\"items\":[{\"id\":\"F1\"},\"F2\"]}"))
                .hasMessage("items[1] is text; a record must be an object");
    }

    @Test
    void maskWhenValueInPageRecordIsUnmaskableThenErrorNamesTheRecord() {
        assertThat(pageError(Map.of("age", new Treatment.AgeBand(10)),
                "{\"items\":[{\"id\":\"F1\",\"age\":30},{\"id\":\"F2\",\"age\":\"thirty\"}]}"))
                .hasMessage("items[1]: item 'age' is text; age-band-10 needs a whole number");
    }

    @Test
    void maskWhenPageIsLargeThenEveryRecordMaskedAndReported() {
        StringBuilder json = new StringBuilder("{\"items\":[");
        StringBuilder expected = new StringBuilder("{\"items\":[");
        for (int i = 0; i < 5000; i++) {
            String separator = i == 0 ? "" : ",";
            json.append(separator).append("{\"note\":\"").append("x".repeat(i % 50)).append("\",\"id\":\"F").append(i)
                    .append("\",\"age\":").append(i % 100).append('}');
            expected.append(separator).append("{\"id\":\"F").append(i).append("\",\"age\":\"")
                    .append(i % 100 / 10 * 10).append('-').append(i % 100 / 10 * 10 + 9).append("\"}");
        }
        json.append("],\"total\":5000}");
        expected.append("],\"total\":5000}");
        Obligations obligations = followup(Map.of("id", Treatment.SHOW, "age", new Treatment.AgeBand(10)));

        MaskedBody masked = new JsonMasker(obligations, PSEUDONYMS, BodyShape.PAGE).mask(utf8(json.toString()));

        assertThat(text(masked)).isEqualTo(expected.toString());
        assertThat(masked.report().recordsReturned()).isEqualTo(5000);
        assertThat(masked.report().returnedSubjects()).hasSize(5000).startsWith("F0", "F1").endsWith("F4999");
    }

    @Test
    void maskWhenRecordHasManyFieldsThenAllKept() {
        StringJoiner fields = new StringJoiner(",");
        Map<String, Treatment> items = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            fields.add("\"f" + i + "\":\"" + "v".repeat(100) + "\"");
            items.put("f" + i, Treatment.SHOW);
        }

        // 100 fields of over 100 bytes: the record buffer and the field table both grow.
        assertThat(record(items, "{\"id\":\"F1\"," + fields + "}")).isEqualTo("{" + fields + "}");
    }

    // --- malformed bodies ---

    @Test
    void maskWhenBodyIsNotJsonThenErrorGivesPlaceButNeverTheValue() {
        UnmaskableBodyException error = recordError(Map.of("id", Treatment.SHOW), "{\"id\": 井上結衣}");

        // Jackson counts columns in bytes for a byte stream: 井 takes columns 8 to 10.
        assertThat(error).hasMessage("body is not valid JSON (line 1, column 10)");
        assertThat(error.getMessage()).doesNotContain("井上");
        assertThat(error).hasNoCause();
    }

    @Test
    void maskWhenBodyIsTruncatedThenError() {
        assertThat(recordError(Map.of("id", Treatment.SHOW), "{\"id\":\"F1\",\"x\":[1,2"))
                .hasMessageStartingWith("body is not valid JSON (line 1, column ");
    }

    @Test
    void maskWhenBodyIsEmptyOrNotAnObjectThenError() {
        assertThat(recordError(Map.of(), "")).hasMessage("body is empty; a record must be a JSON object");
        assertThat(recordError(Map.of(), "  ")).hasMessage("body is empty; a record must be a JSON object");
        assertThat(recordError(Map.of(), "[]")).hasMessage("body is an array; a record must be a JSON object");
        assertThat(recordError(Map.of(), "\"F1\"")).hasMessage("body is text; a record must be a JSON object");
    }

    @Test
    void maskWhenContentFollowsTheObjectThenError() {
        assertThat(recordError(Map.of("id", Treatment.SHOW), "{\"id\":\"F1\"} {\"id\":\"F2\"}"))
                .hasMessage("body has more after its JSON object (line 1, column 13)");
        assertThat(recordError(Map.of("id", Treatment.SHOW), "{\"id\":\"F1\"}x"))
                .hasMessage("body is not valid JSON (line 1, column 12)");
    }

    @Test
    void maskWhenNestingIsDeeperThanSixtyFourThenErrorWhetherShownOrRemoved() {
        String deep = "[".repeat(64) + "]".repeat(64); // with the record object: 65 levels

        assertThat(recordError(Map.of("x", Treatment.SHOW), "{\"id\":\"F1\",\"x\":" + deep + "}"))
                .hasMessage("body nests deeper than 64 levels (line 1, column 79)");
        assertThat(recordError(Map.of(), "{\"id\":\"F1\",\"x\":" + deep + "}"))
                .hasMessage("body nests deeper than 64 levels (line 1, column 79)");
        assertThat(recordError(Map.of("x", Treatment.PSEUDONYMISE), "{\"id\":\"F1\",\"x\":" + deep + "}"))
                .hasMessage("body nests deeper than 64 levels (line 1, column 79)");
    }

    @Test
    void maskWhenNestingIsSixtyFourLevelsThenAccepted() {
        String deepest = "[".repeat(63) + "]".repeat(63);

        assertThat(record(Map.of("x", Treatment.SHOW), "{\"id\":\"F1\",\"x\":" + deepest + "}"))
                .isEqualTo("{\"x\":" + deepest + "}");
    }

    @Test
    void maskWhenNumberIsAbsurdlyLongThenParserLimitError() {
        assertThat(recordError(Map.of("n", Treatment.SHOW), "{\"id\":\"F1\",\"n\":" + "9".repeat(1001) + "}"))
                .hasMessageStartingWith("body exceeds a parser limit: Number value length (1001) exceeds the maximum");
    }

    @Test
    void maskWhenBodyIsNotUtf8ThenError() {
        byte[] utf16 = "{\"id\":\"F1\"}".getBytes(StandardCharsets.UTF_16);
        JsonMasker masker = new JsonMasker(followup(Map.of("id", Treatment.SHOW)), PSEUDONYMS, BodyShape.RECORD);

        assertThatThrownBy(() -> masker.mask(utf16)).isInstanceOf(UnmaskableBodyException.class)
                .hasMessageStartingWith("body is not valid JSON");
    }

    @Test
    void maskWhenTextHasLoneSurrogateEscapeThenWrittenBackEscaped() {
        assertThat(record(Map.of("x", Treatment.SHOW), "{\"id\":\"F1\",\"x\":\"\\ud800\"}"))
                .isEqualTo("{\"x\":\"\\uD800\"}");
    }

    // --- streams and construction ---

    @Test
    void maskWhenStreamsGivenThenNeitherIsClosedAndOutIsFlushed() {
        boolean[] closed = new boolean[2];
        boolean[] flushed = new boolean[1];
        InputStream in = new ByteArrayInputStream(utf8("{\"id\":\"F1\"}")) {
            @Override
            public void close() {
                closed[0] = true;
            }
        };
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                bytes.write(b);
            }

            @Override
            public void flush() {
                flushed[0] = true;
            }

            @Override
            public void close() {
                closed[1] = true;
            }
        };

        new JsonMasker(followup(Map.of("id", Treatment.SHOW)), PSEUDONYMS, BodyShape.RECORD).mask(in, out);

        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"F1\"}");
        assertThat(closed).containsExactly(false, false);
        assertThat(flushed).containsExactly(true);
    }

    @Test
    void maskWhenReadingFailsThenUncheckedIoException() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException("connection reset");
            }
        };
        JsonMasker masker = new JsonMasker(followup(Map.of()), PSEUDONYMS, BodyShape.RECORD);

        assertThatThrownBy(() -> masker.mask(failing, new ByteArrayOutputStream()))
                .isInstanceOf(UncheckedIOException.class).hasRootCauseMessage("connection reset");
    }

    @Test
    void newJsonMaskerWhenShapeIsNotJsonThenIllegalArgument() {
        assertThatThrownBy(() -> new JsonMasker(followup(Map.of()), PSEUDONYMS, BodyShape.CSV))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a JSON masker masks RECORD or PAGE bodies, not CSV");
    }
}
