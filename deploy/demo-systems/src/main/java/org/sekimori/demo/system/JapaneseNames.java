package org.sekimori.demo.system;

import java.util.Arrays;
import java.util.List;

/**
 * Common Japanese family and given names with their katakana reading and a plain romanisation.
 * Each is shared by hundreds of thousands of real people, and they are combined at random, so no
 * generated person stands for anyone.
 */
public final class JapaneseNames {

    /** One name in the three scripts a record may need. */
    public record Name(String kanji, String kana, String romaji) {
    }

    public static final List<Name> FAMILY = names(
            "佐藤 サトウ Sato", "鈴木 スズキ Suzuki", "高橋 タカハシ Takahashi", "田中 タナカ Tanaka",
            "伊藤 イトウ Ito", "渡辺 ワタナベ Watanabe", "山本 ヤマモト Yamamoto", "中村 ナカムラ Nakamura",
            "小林 コバヤシ Kobayashi", "加藤 カトウ Kato", "吉田 ヨシダ Yoshida", "山田 ヤマダ Yamada",
            "佐々木 ササキ Sasaki", "山口 ヤマグチ Yamaguchi", "松本 マツモト Matsumoto", "井上 イノウエ Inoue",
            "木村 キムラ Kimura", "林 ハヤシ Hayashi", "斎藤 サイトウ Saito", "清水 シミズ Shimizu",
            "山崎 ヤマザキ Yamazaki", "森 モリ Mori", "池田 イケダ Ikeda", "橋本 ハシモト Hashimoto",
            "阿部 アベ Abe", "石川 イシカワ Ishikawa", "山下 ヤマシタ Yamashita", "中島 ナカジマ Nakajima",
            "石井 イシイ Ishii", "小川 オガワ Ogawa", "前田 マエダ Maeda", "岡田 オカダ Okada",
            "長谷川 ハセガワ Hasegawa", "藤田 フジタ Fujita", "後藤 ゴトウ Goto", "近藤 コンドウ Kondo",
            "村上 ムラカミ Murakami", "遠藤 エンドウ Endo", "青木 アオキ Aoki", "坂本 サカモト Sakamoto",
            "菅野 カンノ Kanno", "渡部 ワタナベ Watanabe", "菊地 キクチ Kikuchi", "佐久間 サクマ Sakuma",
            "大竹 オオタケ Otake", "太田 オオタ Ota", "小野 オノ Ono");

    public static final List<Name> FEMALE = names(
            "陽子 ヨウコ Yoko", "恵子 ケイコ Keiko", "京子 キョウコ Kyoko", "幸子 サチコ Sachiko",
            "美穂 ミホ Miho", "愛 アイ Ai", "結衣 ユイ Yui", "陽菜 ヒナ Hina", "美咲 ミサキ Misaki",
            "真由美 マユミ Mayumi", "裕子 ユウコ Yuko", "直美 ナオミ Naomi", "明美 アケミ Akemi",
            "花子 ハナコ Hanako", "葵 アオイ Aoi", "凛 リン Rin", "七海 ナナミ Nanami", "彩 アヤ Aya",
            "智子 トモコ Tomoko", "由美子 ユミコ Yumiko", "千尋 チヒロ Chihiro", "舞 マイ Mai",
            "香織 カオリ Kaori", "菜々子 ナナコ Nanako");

    public static final List<Name> MALE = names(
            "翔太 ショウタ Shota", "大輔 ダイスケ Daisuke", "健太 ケンタ Kenta", "拓也 タクヤ Takuya",
            "誠 マコト Makoto", "浩 ヒロシ Hiroshi", "隆 タカシ Takashi", "茂 シゲル Shigeru",
            "修 オサム Osamu", "蓮 レン Ren", "湊 ミナト Minato", "大翔 ヒロト Hiroto", "悠真 ユウマ Yuma",
            "陽翔 ハルト Haruto", "和也 カズヤ Kazuya", "健一 ケンイチ Kenichi", "直樹 ナオキ Naoki",
            "哲也 テツヤ Tetsuya", "達也 タツヤ Tatsuya", "聡 サトシ Satoshi", "勇気 ユウキ Yuki",
            "一郎 イチロウ Ichiro", "翔 ショウ Sho", "亮 リョウ Ryo");

    /** Given names used for any sex, for people who record neither female nor male. */
    public static final List<Name> ANY = names(
            "薫 カオル Kaoru", "光 ヒカル Hikaru", "翼 ツバサ Tsubasa", "歩 アユム Ayumu", "晶 アキラ Akira",
            "渚 ナギサ Nagisa", "遥 ハルカ Haruka", "瑞希 ミズキ Mizuki", "真琴 マコト Makoto");

    private JapaneseNames() {
    }

    public static List<Name> givenNamesFor(String sex) {
        return switch (sex) {
            case "female" -> FEMALE;
            case "male" -> MALE;
            default -> ANY;
        };
    }

    private static List<Name> names(String... lines) {
        return Arrays.stream(lines).map(line -> line.split(" ")).map(p -> new Name(p[0], p[1], p[2])).toList();
    }
}
