package org.sekimori.demo;

import java.util.List;
import java.util.Map;

import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@TestPropertySource(properties = "sekimori.demo.system=registry")
class RegistryApiTest extends RecordApiContract {

    @Override
    String systemName() {
        return "registry";
    }

    @Override
    ObjectNode newRecord() {
        return (ObjectNode) Http.JSON.readTree("""
                {
                  "name": "菅野 陽子",
                  "nameKana": "カンノ ヨウコ",
                  "postalAddress": {"postalCode": "960-8670", "prefecture": "福島県", "city": "福島市", "street": "本町2-3-4"},
                  "email": "yoko.kanno@example.jp",
                  "phone": "024-555-0123",
                  "affiliation": "Department of Nursing, Kitahama General Hospital",
                  "membershipClass": "regular",
                  "feeStatus": "unpaid",
                  "joinedOn": "2015-04-01"
                }
                """);
    }

    @Override
    ObjectNode recordWithMistakes() {
        ObjectNode body = newRecord();
        body.put("notes", "VIP");
        body.put("nameKana", "kanno yoko");
        ((ObjectNode) body.get("postalAddress")).put("postalCode", "9608670");
        body.remove("email");
        body.put("membershipClass", "gold");
        body.put("joinedOn", "2015-13-01");
        return body;
    }

    @Override
    List<String> pathsOfMistakes() {
        return List.of("notes", "nameKana", "postalAddress.postalCode", "email", "membershipClass", "joinedOn");
    }

    @Override
    void change(ObjectNode body) {
        body.put("feeStatus", "paid");
        ((ObjectNode) body.get("postalAddress")).put("prefecture", "沖縄県").put("city", "那覇市");
    }

    @Override
    boolean showsChange(JsonNode record) {
        return record.get("feeStatus").stringValue().equals("paid")
                && record.at("/postalAddress/prefecture").stringValue().equals("沖縄県");
    }

    @Override
    List<FilterCase> filterCases() {
        return List.of(
                new FilterCase(Map.of("membershipClass", "student"),
                        r -> r.get("membershipClass").stringValue().equals("student")),
                new FilterCase(Map.of("feeStatus", "unpaid"), r -> r.get("feeStatus").stringValue().equals("unpaid")),
                new FilterCase(Map.of("prefecture", "東京都"),
                        r -> r.at("/postalAddress/prefecture").stringValue().equals("東京都")),
                new FilterCase(Map.of("membershipClass", "regular", "feeStatus", "paid"),
                        r -> r.get("membershipClass").stringValue().equals("regular")
                                && r.get("feeStatus").stringValue().equals("paid")));
    }

    @Override
    Map<String, String> invalidFilter() {
        return Map.of("prefecture", "Tokyo");
    }

    @Override
    List<String> csvHeader() {
        return List.of("memberNumber", "name", "nameKana", "postalAddress.postalCode", "postalAddress.prefecture",
                "postalAddress.city", "postalAddress.street", "email", "phone", "affiliation", "membershipClass",
                "feeStatus", "joinedOn", "updatedAt");
    }

    @Override
    String columnWithCommas() {
        return "affiliation";
    }

    @Override
    String otherSystemsResource() {
        return "subjects";
    }

    @Override
    String freeTextField() {
        return "name";
    }
}
