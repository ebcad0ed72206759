package org.sekimori.demo.system.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import org.sekimori.demo.system.Draw;
import org.sekimori.demo.system.JapaneseNames;
import org.sekimori.demo.system.JapaneseNames.Name;
import org.sekimori.demo.system.SyntheticPeople;

/** Invents society members: health professionals and researchers across Japan. */
final class RegistryMembers implements SyntheticPeople {

    private record Weighted(String value, int weight) {
    }

    private static final List<Weighted> CLASSES = List.of(new Weighted("regular", 70), new Weighted("student", 15),
            new Weighted("supporting", 10), new Weighted("honorary", 5));

    private static final List<String> TOWNS = List.of("本町", "中央", "栄町", "旭町", "緑町", "桜木町", "若葉町",
            "東町", "西町", "南町", "北町", "新町", "幸町", "末広町", "昭和町", "宮前町", "泉町", "松原", "青葉台", "富士見");

    private static final List<String> BUILDINGS = List.of("サクラハイツ", "メゾン青葉", "グリーンコート", "パークサイド本町",
            "コーポ若葉", "リバーサイド栄");

    /** Reserved example domains (JPRS), so no generated address can reach anyone. */
    private static final List<String> EMAIL_DOMAINS = List.of("example.jp", "example.ne.jp", "example.ac.jp",
            "example.co.jp", "example.or.jp");

    private static final List<String> AREA_CODES = List.of("011", "022", "024", "025", "045", "052", "075", "078",
            "082", "092", "098", "070", "080", "090");

    /** Invented place names; none is meant to be a real institution. */
    private static final List<String> PLACES = List.of("Kitahama", "Minamikawa", "Higashiyama", "Nishimori", "Aozora",
            "Midorigaoka", "Sakuradai", "Hoshimi", "Tsukigase", "Kawanishi", "Asahino", "Hinode");

    private static final List<String> INSTITUTIONS = List.of("General Hospital", "University Hospital",
            "University School of Medicine", "Medical Center", "Municipal Hospital", "Clinic",
            "University Graduate School of Public Health", "Institute of Health Sciences");

    private static final List<String> DEPARTMENTS = List.of("Department of Internal Medicine",
            "Department of Respiratory Medicine", "Department of Infectious Diseases", "Department of Cardiology",
            "Department of Pediatrics", "Department of Epidemiology", "Department of Nursing");

    private static final LocalDate FIRST_JOIN = LocalDate.parse("1975-04-01");
    private static final LocalDate LAST_JOIN = LocalDate.parse("2024-03-31");
    private static final Instant UPDATES_FROM = Instant.parse("2024-04-01T00:00:00Z");
    private static final int UPDATE_WINDOW_SECONDS = 365 * 24 * 60 * 60;

    private final JsonNodeFactory nodes = JsonNodeFactory.instance;

    @Override
    public ObjectNode create(String id, Draw draw) {
        Name family = draw.pick(JapaneseNames.FAMILY);
        Name given = draw.pick(draw.chance(0.45) ? JapaneseNames.FEMALE : JapaneseNames.MALE);
        String membershipClass = draw.weighted(CLASSES, Weighted::weight).value();

        ObjectNode record = nodes.objectNode();
        record.put("memberNumber", id);
        record.put("name", family.kanji() + " " + given.kanji());
        record.put("nameKana", family.kana() + " " + given.kana());
        record.set("postalAddress", postalAddress(draw));
        record.put("email", email(family, given, draw));
        record.put("phone", draw.pick(AREA_CODES) + "-555-" + draw.digits(4));
        record.put("affiliation", affiliation(draw));
        record.put("membershipClass", membershipClass);
        record.put("feeStatus", feeStatus(membershipClass, draw));
        record.put("joinedOn", joinedOn(membershipClass, draw).toString());
        record.put("updatedAt", UPDATES_FROM.plusSeconds(draw.between(0, UPDATE_WINDOW_SECONDS)).toString());
        return record;
    }

    private ObjectNode postalAddress(Draw draw) {
        Prefecture prefecture = draw.weighted(Prefecture.ALL, Prefecture::weight);
        String street = draw.pick(TOWNS) + draw.between(1, 5) + "-" + draw.between(1, 30) + "-" + draw.between(1, 20);
        if (draw.chance(0.3)) {
            street += " " + draw.pick(BUILDINGS) + draw.between(1, 9) + "0" + draw.between(1, 9);
        }
        return nodes.objectNode()
                .put("postalCode", prefecture.postalPrefix() + "-" + draw.digits(4))
                .put("prefecture", prefecture.name())
                .put("city", prefecture.city())
                .put("street", street);
    }

    private static String email(Name family, Name given, Draw draw) {
        String local = given.romaji() + "." + family.romaji() + (draw.chance(0.5) ? draw.between(1, 99) : "");
        return local.toLowerCase(Locale.ROOT) + "@" + draw.pick(EMAIL_DOMAINS);
    }

    /** Often "Department, Institution": a comma inside a value, as real affiliations have. */
    private static String affiliation(Draw draw) {
        String institution = draw.pick(PLACES) + " " + draw.pick(INSTITUTIONS);
        return draw.chance(0.6) ? draw.pick(DEPARTMENTS) + ", " + institution : institution;
    }

    private static String feeStatus(String membershipClass, Draw draw) {
        if (membershipClass.equals("honorary")) {
            return "exempt";
        }
        int ticket = draw.between(1, 100);
        return ticket <= 80 ? "paid" : ticket <= 97 ? "unpaid" : "exempt";
    }

    private static LocalDate joinedOn(String membershipClass, Draw draw) {
        LocalDate from = membershipClass.equals("student") ? LAST_JOIN.minusYears(6) : FIRST_JOIN;
        LocalDate to = membershipClass.equals("honorary") ? LocalDate.parse("2000-03-31") : LAST_JOIN;
        return from.plusDays(draw.between(0, (int) (to.toEpochDay() - from.toEpochDay())));
    }
}
