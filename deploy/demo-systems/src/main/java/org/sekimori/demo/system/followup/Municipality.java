package org.sekimori.demo.system.followup;

import java.util.Arrays;
import java.util.List;

/**
 * A municipality of Fukushima prefecture, with a rough weight (population in thousands for the
 * cities, a flat figure for the towns and villages) and a point to scatter shared locations around.
 * Towns use the centre of their region: precise enough for a demo, and no claim of accuracy.
 */
record Municipality(String name, int weight, double latitude, double longitude) {

    private static final double[] NAKADORI = {37.40, 140.40};
    private static final double[] AIZU = {37.40, 139.80};
    private static final double[] HAMADORI = {37.45, 140.95};

    static final List<Municipality> FUKUSHIMA = concat(
            List.of(
                    new Municipality("福島市", 275, 37.7608, 140.4747),
                    new Municipality("会津若松市", 115, 37.4947, 139.9297),
                    new Municipality("郡山市", 320, 37.4005, 140.3597),
                    new Municipality("いわき市", 320, 37.0505, 140.8877),
                    new Municipality("白河市", 60, 37.1263, 140.2109),
                    new Municipality("須賀川市", 75, 37.2865, 140.3727),
                    new Municipality("喜多方市", 46, 37.6508, 139.8745),
                    new Municipality("相馬市", 34, 37.7967, 140.9196),
                    new Municipality("二本松市", 53, 37.5849, 140.4313),
                    new Municipality("田村市", 35, 37.4434, 140.5753),
                    new Municipality("南相馬市", 58, 37.6422, 140.9572),
                    new Municipality("伊達市", 58, 37.8191, 140.5630),
                    new Municipality("本宮市", 30, 37.5133, 140.3940)),
            towns(NAKADORI, "桑折町", "国見町", "川俣町", "大玉村", "鏡石町", "天栄村", "西郷村", "泉崎村", "中島村",
                    "矢吹町", "棚倉町", "矢祭町", "塙町", "鮫川村", "石川町", "玉川村", "平田村", "浅川町", "古殿町",
                    "三春町", "小野町"),
            towns(AIZU, "下郷町", "檜枝岐村", "只見町", "南会津町", "北塩原村", "西会津町", "磐梯町", "猪苗代町",
                    "会津坂下町", "湯川村", "柳津町", "三島町", "金山町", "昭和村", "会津美里町"),
            towns(HAMADORI, "広野町", "楢葉町", "富岡町", "川内村", "大熊町", "双葉町", "浪江町", "葛尾村", "新地町",
                    "飯舘村"));

    static List<String> names() {
        return FUKUSHIMA.stream().map(Municipality::name).toList();
    }

    private static List<Municipality> towns(double[] region, String... names) {
        return Arrays.stream(names).map(name -> new Municipality(name, 10, region[0], region[1])).toList();
    }

    @SafeVarargs
    private static List<Municipality> concat(List<Municipality>... groups) {
        return Arrays.stream(groups).flatMap(List::stream).toList();
    }
}
