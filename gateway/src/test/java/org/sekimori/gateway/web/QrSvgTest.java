package org.sekimori.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class QrSvgTest {

    private static final String URI = "otpauth://totp/Sekimori:auditor.kato?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
            + "&issuer=Sekimori&algorithm=SHA1&digits=6&period=30";

    @Test
    void theSvgDrawsACodeThatReadsBackAsTheUri() throws Exception {
        String svg = QrSvg.of(URI);

        Matcher size = Pattern.compile("viewBox=\"0 0 (\\d+) \\d+\"").matcher(svg);
        assertThat(size.find()).isTrue();
        int modules = Integer.parseInt(size.group(1));
        boolean[][] dark = new boolean[modules][modules];
        Matcher square = Pattern.compile("M(\\d+) (\\d+)h1v1h-1z").matcher(svg);
        while (square.find()) {
            dark[Integer.parseInt(square.group(2))][Integer.parseInt(square.group(1))] = true;
        }

        assertThat(decode(dark, 4)).isEqualTo(URI);
    }

    @Test
    void theSvgIsSelfContained() {
        String svg = QrSvg.of(URI);

        assertThat(svg).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>")
                .doesNotContain("href").doesNotContain("<script").doesNotContain("secret=");
    }

    /** Draws the modules as a bitmap, {@code scale} pixels each, and reads it as a scanner would. */
    private static String decode(boolean[][] dark, int scale) throws Exception {
        int size = dark.length * scale;
        int[] pixels = new int[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                pixels[y * size + x] = dark[y / scale][x / scale] ? 0xFF000000 : 0xFFFFFFFF;
            }
        }
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(size, size, pixels)));
        return new QRCodeReader().decode(bitmap).getText();
    }
}
