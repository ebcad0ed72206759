package org.sekimori.demo.system.followup;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.sekimori.demo.system.Draw;
import org.sekimori.demo.system.JapaneseNames;
import org.sekimori.demo.system.JapaneseNames.Name;
import org.sekimori.demo.system.SyntheticPeople;

/** Invents people followed up at home during the pandemic, with loosely consistent details. */
final class FollowupPeople implements SyntheticPeople {

    private record Weighted(String value, int weight) {
    }

    /** A chronic condition and the medicine typically taken for it (null when none is usual). */
    private record History(String condition, String medicine) {
    }

    private record Phone(String os, List<String> versions, List<String> models) {
    }

    private static final Instant SERVICE_START = Instant.parse("2020-03-27T00:00:00Z");
    private static final Instant SERVICE_END = Instant.parse("2022-09-26T00:00:00Z");

    private static final List<Weighted> CONDITION_WEIGHTS = List.of(
            new Weighted("no symptoms", 40), new Weighted("fever", 14), new Weighted("cough", 14),
            new Weighted("sore throat", 10), new Weighted("fatigue", 8), new Weighted("headache", 6),
            new Weighted("loss of smell", 4), new Weighted("loss of taste", 2),
            new Weighted("breathing difficulty", 2));

    private static final List<History> HISTORIES = List.of(
            new History("hypertension", "amlodipine"), new History("diabetes", "metformin"),
            new History("asthma", "budesonide inhaler"), new History("COPD", "tiotropium inhaler"),
            new History("heart disease", "aspirin"), new History("kidney disease", null),
            new History("hyperlipidemia", "atorvastatin"), new History("obesity", null));

    private static final List<String> WORK = List.of("office worker", "teacher", "nurse", "care worker",
            "farmer", "restaurant staff", "delivery driver", "public servant", "self-employed", "homemaker",
            "construction worker", "factory worker", "retail staff", "physician", "unemployed");

    private static final List<String> CLINICS = List.of("あおば内科クリニック", "さくら通り診療所",
            "みなみ台ファミリークリニック", "ひかり野内科医院", "森の里こどもクリニック", "中央通り呼吸器クリニック",
            "桜川診療所", "やまびこ内科", "東原ファミリークリニック", "北町医院");

    /** Some carry commas on purpose: real free text does, and CSV exports must quote it. */
    private static final List<String> MESSAGES = List.of(
            "Good morning, my temperature is {temperature} today.",
            "I still have a slight cough, but I can eat normally.",
            "No fever today, thank you for checking in.",
            "My throat is sore, is it okay to take lozenges?",
            "I feel tired, so I am resting at home.",
            "I cannot smell coffee anymore. Is that a symptom?",
            "Breathing feels a bit hard when I climb the stairs.",
            "Thank you. I will call the clinic tomorrow.",
            "When can I go back to work?",
            "My temperature was {temperature} last night.");

    private static final List<Phone> PHONES = List.of(
            new Phone("iOS", List.of("13.7", "14.4", "14.8", "15.6"),
                    List.of("iPhone 8", "iPhone XR", "iPhone 11", "iPhone SE (2nd generation)", "iPhone 12")),
            new Phone("Android", List.of("9", "10", "11", "12"),
                    List.of("Pixel 4a", "Galaxy A51", "Xperia 10 II", "AQUOS sense4", "arrows Be4", "OPPO Reno3 A")));

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    @Override
    public ObjectNode create(String id, Draw draw) {
        String sex = draw.weighted(List.of(new Weighted("female", 49), new Weighted("male", 49),
                new Weighted("other", 2)), Weighted::weight).value();
        int age = draw.between(0, 99);
        Name family = draw.pick(JapaneseNames.FAMILY);
        Name given = draw.pick(JapaneseNames.givenNamesFor(sex));
        Municipality home = draw.weighted(Municipality.FUKUSHIMA, Municipality::weight);
        String condition = draw.weighted(CONDITION_WEIGHTS, Weighted::weight).value();
        Instant updatedAt = SERVICE_START.plusSeconds(
                draw.between(0, (int) Duration.between(SERVICE_START, SERVICE_END).toSeconds()));

        ObjectNode record = nodes.objectNode();
        record.put("id", id);
        record.put("lineUserId", "U" + draw.hex(32));
        record.put("profileName", profileName(family, given, draw));
        record.put("age", age);
        record.put("occupation", occupation(age, draw));
        record.put("sex", sex);
        record.put("residenceArea", home.name());
        record.put("currentCondition", condition);
        addHistory(record, age, draw);
        record.set("plannedConsultation", plannedConsultation(condition, draw));
        record.set("chatMessages", chatMessages(updatedAt, draw));
        record.set("location", draw.chance(0.7) ? location(home, draw) : nodes.nullNode());
        record.set("device", device(draw));
        record.put("updatedAt", updatedAt.toString());
        return record;
    }

    private static String profileName(Name family, Name given, Draw draw) {
        return switch (draw.between(0, 3)) {
            case 0 -> family.kanji() + " " + given.kanji();
            case 1 -> given.kanji();
            case 2 -> given.kana();
            default -> given.romaji().toLowerCase(Locale.ROOT);
        };
    }

    private static String occupation(int age, Draw draw) {
        if (age < 6) {
            return "preschool child";
        }
        if (age < 19 || (age < 23 && draw.chance(0.6))) {
            return "student";
        }
        if (age >= 65 && draw.chance(0.7)) {
            return "retired";
        }
        return draw.pick(WORK);
    }

    private void addHistory(ObjectNode record, int age, Draw draw) {
        double likelihood = age >= 60 ? 0.25 : age >= 40 ? 0.10 : 0.03;
        ArrayNode history = record.putArray("medicalHistory");
        List<String> medicines = new ArrayList<>();
        for (History candidate : HISTORIES) {
            if (draw.chance(likelihood)) {
                history.add(candidate.condition());
                if (candidate.medicine() != null && draw.chance(0.8)) {
                    medicines.add(candidate.medicine());
                }
            }
        }
        ArrayNode medication = record.putArray("medication");
        medicines.forEach(medication::add);
    }

    private ObjectNode plannedConsultation(String condition, Draw draw) {
        boolean planned = draw.chance(condition.equals("no symptoms") ? 0.1 : 0.5);
        ObjectNode consultation = nodes.objectNode().put("planned", planned);
        if (planned) {
            consultation.put("clinic", draw.pick(CLINICS));
        } else {
            consultation.putNull("clinic");
        }
        return consultation;
    }

    private ArrayNode chatMessages(Instant updatedAt, Draw draw) {
        int count = draw.between(0, 3);
        List<Integer> minutesBefore = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            minutesBefore.add(draw.between(0, 72 * 60));
        }
        minutesBefore.sort((a, b) -> b - a);
        ArrayNode messages = nodes.arrayNode();
        for (int minutes : minutesBefore) {
            int tenthsOfDegree = draw.between(360, 390);
            String temperature = tenthsOfDegree / 10 + "." + tenthsOfDegree % 10;
            messages.addObject()
                    .put("sentAt", updatedAt.minusSeconds(minutes * 60L).toString())
                    .put("text", draw.pick(MESSAGES).replace("{temperature}", temperature));
        }
        return messages;
    }

    private ObjectNode location(Municipality home, Draw draw) {
        return nodes.objectNode()
                .put("latitude", sixDecimals(home.latitude() + draw.uniform(-0.05, 0.05)))
                .put("longitude", sixDecimals(home.longitude() + draw.uniform(-0.07, 0.07)));
    }

    private ObjectNode device(Draw draw) {
        Phone phone = draw.pick(PHONES);
        // Apple vendor ids are upper-case UUIDs; Android ids are 16 lower-case hex digits.
        String deviceId = phone.os().equals("iOS")
                ? (draw.hex(8) + "-" + draw.hex(4) + "-4" + draw.hex(3) + "-a" + draw.hex(3) + "-" + draw.hex(12))
                        .toUpperCase(Locale.ROOT)
                : draw.hex(16);
        return nodes.objectNode()
                .put("id", deviceId)
                .put("os", phone.os() + " " + draw.pick(phone.versions()))
                .put("model", draw.pick(phone.models()));
    }

    private static double sixDecimals(double value) {
        return Math.round(value * 1_000_000d) / 1_000_000d;
    }
}
