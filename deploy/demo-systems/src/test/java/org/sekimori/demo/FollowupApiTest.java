package org.sekimori.demo;

import java.util.List;
import java.util.Map;

import org.springframework.test.context.TestPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@TestPropertySource(properties = "sekimori.demo.system=followup")
class FollowupApiTest extends RecordApiContract {

    @Override
    String systemName() {
        return "followup";
    }

    @Override
    ObjectNode newRecord() {
        return (ObjectNode) Http.JSON.readTree("""
                {
                  "lineUserId": "U0123456789abcdef0123456789abcdef",
                  "profileName": "ヨウコ",
                  "age": 47,
                  "occupation": "teacher",
                  "sex": "female",
                  "residenceArea": "会津若松市",
                  "currentCondition": "sore throat",
                  "medicalHistory": ["asthma"],
                  "medication": ["budesonide inhaler"],
                  "plannedConsultation": {"planned": true, "clinic": "さくら通り診療所"},
                  "chatMessages": [{"sentAt": "2021-02-03T04:05:06Z", "text": "My throat is sore, nothing else."}],
                  "location": {"latitude": 37.4947, "longitude": 139.9297},
                  "device": {"id": "0123456789abcdef", "os": "Android 11", "model": "Pixel 4a"}
                }
                """);
    }

    @Override
    ObjectNode recordWithMistakes() {
        ObjectNode body = newRecord();
        body.put("nickname", "Yo");
        body.put("age", "forty");
        body.remove("occupation");
        body.put("sex", "unknown");
        ((ObjectNode) body.get("plannedConsultation")).put("planned", "yes");
        ((ObjectNode) body.get("chatMessages").get(0)).put("sentAt", "yesterday");
        return body;
    }

    @Override
    List<String> pathsOfMistakes() {
        return List.of("nickname", "age", "occupation", "sex", "plannedConsultation.planned", "chatMessages[0].sentAt");
    }

    @Override
    void change(ObjectNode body) {
        body.put("currentCondition", "fever");
        body.putNull("location");
    }

    @Override
    boolean showsChange(JsonNode record) {
        return record.get("currentCondition").stringValue().equals("fever") && record.get("location").isNull();
    }

    @Override
    List<FilterCase> filterCases() {
        return List.of(
                new FilterCase(Map.of("sex", "female"), r -> r.get("sex").stringValue().equals("female")),
                new FilterCase(Map.of("residenceArea", "郡山市"), r -> r.get("residenceArea").stringValue().equals("郡山市")),
                new FilterCase(Map.of("currentCondition", "no symptoms"),
                        r -> r.get("currentCondition").stringValue().equals("no symptoms")),
                new FilterCase(Map.of("ageFrom", "65"), r -> r.get("age").intValue() >= 65),
                new FilterCase(Map.of("ageTo", "17"), r -> r.get("age").intValue() <= 17),
                new FilterCase(Map.of("ageFrom", "30", "ageTo", "59", "sex", "male"),
                        r -> r.get("age").intValue() >= 30 && r.get("age").intValue() <= 59
                                && r.get("sex").stringValue().equals("male")));
    }

    @Override
    Map<String, String> invalidFilter() {
        return Map.of("currentCondition", "sneezing");
    }

    @Override
    List<String> csvHeader() {
        return List.of("id", "lineUserId", "profileName", "age", "occupation", "sex", "residenceArea",
                "currentCondition", "medicalHistory", "medication", "plannedConsultation.planned",
                "plannedConsultation.clinic", "chatMessages.sentAt", "chatMessages.text", "location.latitude",
                "location.longitude", "device.id", "device.os", "device.model", "updatedAt");
    }

    @Override
    String columnWithCommas() {
        return "chatMessages.text";
    }

    @Override
    String otherSystemsResource() {
        return "members";
    }

    @Override
    String freeTextField() {
        return "profileName";
    }
}
