package org.sekimori.demo.system.registry;

import java.util.Arrays;
import java.util.List;

/**
 * A prefecture with its capital, the first three digits of postal codes there, and a weight
 * (roughly its population in hundreds of thousands) so members cluster where people live.
 */
record Prefecture(String name, String city, String postalPrefix, int weight) {

    static final List<Prefecture> ALL = parse(
            "北海道 札幌市 060 51", "青森県 青森市 030 12", "岩手県 盛岡市 020 12", "宮城県 仙台市 980 23",
            "秋田県 秋田市 010 9", "山形県 山形市 990 10", "福島県 福島市 960 18", "茨城県 水戸市 310 28",
            "栃木県 宇都宮市 320 19", "群馬県 前橋市 371 19", "埼玉県 さいたま市 330 73", "千葉県 千葉市 260 63",
            "東京都 新宿区 160 140", "神奈川県 横浜市 220 92", "新潟県 新潟市 950 22", "富山県 富山市 930 10",
            "石川県 金沢市 920 11", "福井県 福井市 910 8", "山梨県 甲府市 400 8", "長野県 長野市 380 20",
            "岐阜県 岐阜市 500 20", "静岡県 静岡市 420 36", "愛知県 名古屋市 460 75", "三重県 津市 514 18",
            "滋賀県 大津市 520 14", "京都府 京都市 600 26", "大阪府 大阪市 530 88", "兵庫県 神戸市 650 54",
            "奈良県 奈良市 630 13", "和歌山県 和歌山市 640 9", "鳥取県 鳥取市 680 5", "島根県 松江市 690 7",
            "岡山県 岡山市 700 19", "広島県 広島市 730 28", "山口県 山口市 753 13", "徳島県 徳島市 770 7",
            "香川県 高松市 760 9", "愛媛県 松山市 790 13", "高知県 高知市 780 7", "福岡県 福岡市 810 51",
            "佐賀県 佐賀市 840 8", "長崎県 長崎市 850 13", "熊本県 熊本市 860 17", "大分県 大分市 870 11",
            "宮崎県 宮崎市 880 11", "鹿児島県 鹿児島市 890 16", "沖縄県 那覇市 900 15");

    static List<String> names() {
        return ALL.stream().map(Prefecture::name).toList();
    }

    private static List<Prefecture> parse(String... lines) {
        return Arrays.stream(lines).map(line -> line.split(" "))
                .map(p -> new Prefecture(p[0], p[1], p[2], Integer.parseInt(p[3]))).toList();
    }
}
