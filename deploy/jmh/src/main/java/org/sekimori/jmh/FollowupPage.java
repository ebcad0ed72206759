package org.sekimori.jmh;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A page of synthetic follow-up records, as the follow-up demo system serves them: the same fields,
 * Japanese names and places, and chat messages on some records. Deterministic: the same size gives
 * the same bytes on every run and machine, so benchmark results compare.
 */
public final class FollowupPage {

    private static final List<String> FAMILY = List.of("佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村",
            "小林", "加藤", "吉田", "山田", "佐々木", "井上", "菅野", "大竹", "長谷川", "遠藤", "菊地", "佐久間");
    private static final List<String> GIVEN = List.of("結衣", "陽菜", "美咲", "恵子", "直美", "翔太", "大輔", "健太",
            "拓也", "蓮", "悠真", "七海", "智子", "由美子", "浩", "誠");
    private static final List<String> AREAS = List.of("福島市", "会津若松市", "郡山市", "いわき市", "白河市", "須賀川市",
            "相馬市", "南相馬市", "新地町", "伊達市", "本宮市", "三春町", "浪江町", "猪苗代町");
    private static final List<String> WORK = List.of("office worker", "teacher", "nurse", "care worker", "farmer",
            "restaurant staff", "self-employed", "student", "retired", "public servant");
    private static final List<String> CONDITIONS = List.of("no symptoms", "no symptoms", "no symptoms", "fever",
            "cough", "sore throat", "fatigue", "loss of smell");
    private static final List<String> HISTORY = List.of("hypertension", "diabetes", "asthma", "hyperlipidemia");
    private static final List<String> MEDICINES = List.of("amlodipine", "metformin", "budesonide inhaler",
            "atorvastatin");
    private static final List<String> CLINICS = List.of("あおば内科クリニック", "さくら通り診療所", "ひかり野内科医院",
            "中央通り呼吸器クリニック");
    private static final List<String> MESSAGES = List.of(
            "おはようございます。今朝の体温は{t}度でした。",
            "まだ少し咳が出ますが、食事は普通にとれています。",
            "今日は熱はありません。ご連絡ありがとうございます。",
            "喉が痛いのですが、のど飴をなめても大丈夫でしょうか？",
            "だるいので、家で休んでいます。",
            "コーヒーの匂いがわからなくなりました。これも症状ですか？",
            "階段を上ると少し息苦しく感じます。",
            "ありがとうございます。明日、かかりつけの診療所に電話します。",
            "いつから仕事に戻れますか？",
            "昨夜の体温は{t}度でした。");
    private static final List<String[]> PHONES = List.of(new String[] {"iOS 15.6", "iPhone SE (2nd generation)"},
            new String[] {"iOS 14.8", "iPhone 11"}, new String[] {"Android 10", "OPPO Reno3 A"},
            new String[] {"Android 11", "AQUOS sense4"}, new String[] {"Android 12", "Pixel 4a"});
    private static final long START = Instant.parse("2020-03-27T00:00:00Z").getEpochSecond();
    private static final long SPAN = Instant.parse("2022-09-26T00:00:00Z").getEpochSecond() - START;

    /** The page's bytes and the number of records in it. */
    public record Page(byte[] json, int records) {
    }

    private FollowupPage() {
    }

    /** A page of whole records, {@code {"items":[...],"page":0,"size":n,"total":10000}}, just over {@code minBytes} long. */
    public static Page generate(int minBytes) {
        SplittableRandom random = new SplittableRandom(20210409L);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(minBytes + 4096);
        int records = 0;
        try (JsonGenerator json = JsonFactory.builder().build().createGenerator(ObjectWriteContext.empty(), bytes)) {
            json.writeStartObject();
            json.writeArrayPropertyStart("items");
            while (true) {
                json.flush();
                if (bytes.size() >= minBytes) {
                    break;
                }
                record(json, ++records, random);
            }
            json.writeEndArray();
            json.writeNumberProperty("page", 0);
            json.writeNumberProperty("size", records);
            json.writeNumberProperty("total", 10_000);
            json.writeEndObject();
        }
        return new Page(bytes.toByteArray(), records);
    }

    private static void record(JsonGenerator json, int number, SplittableRandom random) {
        int age = random.nextInt(100);
        long updatedAt = START + random.nextLong(SPAN);
        json.writeStartObject();
        json.writeStringProperty("id", String.format("F%05d", number));
        json.writeStringProperty("lineUserId", "U" + hex(random, 32));
        json.writeStringProperty("profileName", pick(random, FAMILY) + " " + pick(random, GIVEN));
        json.writeNumberProperty("age", age);
        json.writeStringProperty("occupation", pick(random, WORK));
        json.writeStringProperty("sex", random.nextBoolean() ? "female" : "male");
        json.writeStringProperty("residenceArea", pick(random, AREAS));
        String condition = pick(random, CONDITIONS);
        json.writeStringProperty("currentCondition", condition);
        json.writeArrayPropertyStart("medicalHistory");
        boolean medicated = age >= 40 && random.nextInt(4) == 0;
        int history = medicated ? random.nextInt(HISTORY.size()) : -1;
        if (medicated) {
            json.writeString(HISTORY.get(history));
        }
        json.writeEndArray();
        json.writeArrayPropertyStart("medication");
        if (medicated) {
            json.writeString(MEDICINES.get(history));
        }
        json.writeEndArray();
        json.writeObjectPropertyStart("plannedConsultation");
        boolean planned = !condition.equals("no symptoms") && random.nextBoolean();
        json.writeBooleanProperty("planned", planned);
        if (planned) {
            json.writeStringProperty("clinic", pick(random, CLINICS));
        } else {
            json.writeNullProperty("clinic");
        }
        json.writeEndObject();
        json.writeArrayPropertyStart("chatMessages");
        int messages = random.nextInt(3) == 0 ? 0 : random.nextInt(1, 4); // a third have none
        for (int i = messages; i > 0; i--) {
            json.writeStartObject();
            json.writeStringProperty("sentAt", Instant.ofEpochSecond(updatedAt - i * random.nextLong(600, 86_400)).toString());
            int tenths = random.nextInt(360, 390);
            json.writeStringProperty("text", pick(random, MESSAGES).replace("{t}", tenths / 10 + "." + tenths % 10));
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeObjectPropertyStart("location");
        json.writeNumberProperty("latitude", Math.round((37.05 + random.nextDouble(0.8)) * 1e6) / 1e6);
        json.writeNumberProperty("longitude", Math.round((139.9 + random.nextDouble(1.1)) * 1e6) / 1e6);
        json.writeEndObject();
        String[] phone = PHONES.get(random.nextInt(PHONES.size()));
        json.writeObjectPropertyStart("device");
        json.writeStringProperty("id", hex(random, 16));
        json.writeStringProperty("os", phone[0]);
        json.writeStringProperty("model", phone[1]);
        json.writeEndObject();
        json.writeStringProperty("updatedAt", Instant.ofEpochSecond(updatedAt).toString());
        json.writeEndObject();
    }

    private static String pick(SplittableRandom random, List<String> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static String hex(SplittableRandom random, int digits) {
        StringBuilder hex = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            hex.append(Character.forDigit(random.nextInt(16), 16));
        }
        return hex.toString();
    }
}
