package org.sekimori.policy.mask;

import java.util.List;

/** Japan's 47 prefectures, for reducing an address to the one it starts with. */
final class Prefectures {

    // The full list rather than "two or three characters and 県": an address like 高松市北町県営住宅
    // must not yield a made-up prefecture, and a false match would show more than the treatment allows.
    static final List<String> ALL = List.of(
            "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県",
            "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都", "神奈川県",
            "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県",
            "岐阜県", "静岡県", "愛知県", "三重県",
            "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県",
            "鳥取県", "島根県", "岡山県", "広島県", "山口県",
            "徳島県", "香川県", "愛媛県", "高知県",
            "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県");

    private Prefectures() {
    }

    /** The prefecture {@code address} starts with, or null when it starts with none. */
    static String leading(String address) {
        for (String prefecture : ALL) {
            if (address.startsWith(prefecture)) {
                return prefecture;
            }
        }
        return null;
    }
}
