package org.sekimori.demo.system.registry;

import static org.sekimori.demo.schema.Field.required;

import java.util.List;

import org.sekimori.demo.schema.FieldType.IsoDate;
import org.sekimori.demo.schema.FieldType.OneOf;
import org.sekimori.demo.schema.FieldType.Struct;
import org.sekimori.demo.schema.FieldType.Text;
import org.sekimori.demo.schema.RecordSchema;
import org.sekimori.demo.system.DemoDataSystem;
import org.sekimori.demo.system.Filter;
import org.sekimori.demo.system.IdFormat;
import org.sekimori.demo.system.IndexedColumn;
import org.sekimori.demo.system.IndexedColumn.SqlType;

/**
 * An academic society's member registry: ordinary contact details and membership bookkeeping,
 * the kind of personal data most organisations hold.
 */
public final class RegistrySystem {

    public static final List<String> MEMBERSHIP_CLASSES = List.of("regular", "student", "supporting", "honorary");

    public static final List<String> FEE_STATUSES = List.of("paid", "unpaid", "exempt");

    private static final IndexedColumn MEMBERSHIP_CLASS =
            new IndexedColumn("membership_class", "/membershipClass", SqlType.TEXT);
    private static final IndexedColumn FEE_STATUS = new IndexedColumn("fee_status", "/feeStatus", SqlType.TEXT);
    private static final IndexedColumn PREFECTURE =
            new IndexedColumn("prefecture", "/postalAddress/prefecture", SqlType.TEXT);

    private RegistrySystem() {
    }

    public static DemoDataSystem definition() {
        IdFormat ids = new IdFormat("M", 6);
        RecordSchema schema = new RecordSchema("memberNumber", ids.fieldType(), List.of(
                required("name", Text.upTo(100)),
                required("nameKana", Text.matching(100, "[\\u30A0-\\u30FF\\u3000 ]+",
                        "katakana (spaces allowed), like \"サトウ ヨウコ\"")),
                required("postalAddress", Struct.of(
                        required("postalCode", Text.matching(8, "[0-9]{3}-[0-9]{4}", "a postal code like \"960-8670\"")),
                        required("prefecture", new OneOf(Prefecture.names())),
                        required("city", Text.upTo(100)),
                        required("street", Text.upTo(200)))),
                required("email", Text.matching(254, "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", "an email address like \"name@example.jp\"")),
                required("phone", Text.matching(20, "0[0-9]{1,4}-[0-9]{1,4}-[0-9]{4}", "a phone number like \"024-555-0123\"")),
                required("affiliation", Text.upTo(200)),
                required("membershipClass", new OneOf(MEMBERSHIP_CLASSES)),
                required("feeStatus", new OneOf(FEE_STATUSES)),
                required("joinedOn", new IsoDate())));
        List<Filter> filters = List.of(
                Filter.equalTo("membershipClass", MEMBERSHIP_CLASS),
                Filter.equalTo("feeStatus", FEE_STATUS),
                Filter.equalTo("prefecture", PREFECTURE));
        return new DemoDataSystem("registry", "members", "member", ids, schema, filters,
                8082, 19470401L, new RegistryMembers());
    }
}
