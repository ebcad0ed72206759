package org.sekimori.demo.system.followup;

import static org.sekimori.demo.schema.Field.nullable;
import static org.sekimori.demo.schema.Field.required;

import java.util.List;

import org.sekimori.demo.schema.FieldType.Decimal;
import org.sekimori.demo.schema.FieldType.Flag;
import org.sekimori.demo.schema.FieldType.IsoInstant;
import org.sekimori.demo.schema.FieldType.ListOf;
import org.sekimori.demo.schema.FieldType.OneOf;
import org.sekimori.demo.schema.FieldType.Struct;
import org.sekimori.demo.schema.FieldType.Text;
import org.sekimori.demo.schema.FieldType.WholeNumber;
import org.sekimori.demo.schema.RecordSchema;
import org.sekimori.demo.system.DemoDataSystem;
import org.sekimori.demo.system.Filter;
import org.sekimori.demo.system.IdFormat;
import org.sekimori.demo.system.IndexedColumn;
import org.sekimori.demo.system.IndexedColumn.SqlType;

/**
 * A prefecture's COVID-19 follow-up service: people at home report their condition through a
 * messaging app and staff follow up. Sensitive on purpose (health data, location, device ids) so
 * the gateway has something worth guarding.
 */
public final class FollowupSystem {

    public static final List<String> SEXES = List.of("female", "male", "other");

    public static final List<String> CONDITIONS = List.of("no symptoms", "fever", "cough", "sore throat",
            "fatigue", "headache", "loss of smell", "loss of taste", "breathing difficulty");

    private static final IndexedColumn RESIDENCE_AREA =
            new IndexedColumn("residence_area", "/residenceArea", SqlType.TEXT);
    private static final IndexedColumn CURRENT_CONDITION =
            new IndexedColumn("current_condition", "/currentCondition", SqlType.TEXT);
    private static final IndexedColumn SEX = new IndexedColumn("sex", "/sex", SqlType.TEXT);
    private static final IndexedColumn AGE = new IndexedColumn("age", "/age", SqlType.INTEGER);

    private FollowupSystem() {
    }

    public static DemoDataSystem definition() {
        IdFormat ids = new IdFormat("F", 5);
        Text shortText = Text.upTo(100);
        RecordSchema schema = new RecordSchema("id", ids.fieldType(), List.of(
                required("lineUserId", Text.matching(33, "U[0-9a-f]{32}", "\"U\" followed by 32 lowercase hex digits")),
                required("profileName", shortText),
                required("age", new WholeNumber(0, 99)),
                required("occupation", shortText),
                required("sex", new OneOf(SEXES)),
                required("residenceArea", new OneOf(Municipality.names())),
                required("currentCondition", new OneOf(CONDITIONS)),
                required("medicalHistory", new ListOf(shortText, 20)),
                required("medication", new ListOf(shortText, 20)),
                required("plannedConsultation", Struct.of(
                        required("planned", new Flag()),
                        nullable("clinic", Text.upTo(200)))),
                required("chatMessages", new ListOf(Struct.of(
                        required("sentAt", new IsoInstant()),
                        required("text", Text.upTo(1000))), 100)),
                nullable("location", Struct.of(
                        required("latitude", new Decimal(-90, 90)),
                        required("longitude", new Decimal(-180, 180)))),
                required("device", Struct.of(
                        required("id", shortText),
                        required("os", shortText),
                        required("model", shortText)))));
        List<Filter> filters = List.of(
                Filter.equalTo("residenceArea", RESIDENCE_AREA),
                Filter.equalTo("currentCondition", CURRENT_CONDITION),
                Filter.equalTo("sex", SEX),
                Filter.atLeast("ageFrom", AGE),
                Filter.atMost("ageTo", AGE));
        return new DemoDataSystem("followup", "subjects", "subject", ids, schema, filters,
                8081, 20200327L, new FollowupPeople());
    }
}
