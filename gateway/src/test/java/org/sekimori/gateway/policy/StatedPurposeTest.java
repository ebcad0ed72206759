package org.sekimori.gateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sekimori.policy.ExceptionClaim;
import org.springframework.http.HttpHeaders;

class StatedPurposeTest {

    @Test
    void fromWhenPurposeOnlyThenNoException() throws Exception {
        StatedPurpose stated = StatedPurpose.from(headers(Map.of("Sekimori-Purpose", " follow-up-care ")));

        assertThat(stated.purpose()).contains("follow-up-care");
        assertThat(stated.exception()).isEmpty();
    }

    @Test
    void fromWhenJustificationPercentEncodedUtf8ThenDecoded() throws Exception {
        String text = "呼吸困難を訴え、電話がつながらない (100% sure)";
        String encoded = URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");

        StatedPurpose stated = StatedPurpose.from(headers(Map.of("Sekimori-Purpose", "infection-control",
                "Sekimori-Exception", "life-body-property", "Sekimori-Justification", encoded)));

        assertThat(stated.exception()).contains(new ExceptionClaim("life-body-property", text));
    }

    @Test
    void fromWhenPlusInJustificationThenKeptAsPlus() throws Exception {
        StatedPurpose stated = StatedPurpose.from(headers(Map.of("Sekimori-Exception", "public-health",
                "Sekimori-Justification", "a+b")));

        assertThat(stated.exception().orElseThrow().justification()).isEqualTo("a+b");
    }

    @Test
    void fromWhenExceptionWithoutJustificationThenEmptyJustificationForThePolicyToRefuse() throws Exception {
        StatedPurpose stated = StatedPurpose.from(headers(Map.of("Sekimori-Exception", "public-health")));

        assertThat(stated.exception()).contains(new ExceptionClaim("public-health", ""));
    }

    @Test
    void fromWhenHeadersMalformedThenSaysHowToFixEach() {
        assertThatThrownBy(() -> StatedPurpose.from(headers(Map.of("Sekimori-Justification", "why"))))
                .hasMessage("Sekimori-Justification is given without Sekimori-Exception; name the exception it justifies.");
        assertThatThrownBy(() -> StatedPurpose.from(headers(Map.of("Sekimori-Purpose", "Follow Up"))))
                .hasMessageStartingWith("Sekimori-Purpose and Sekimori-Exception take a registered id");
        assertThatThrownBy(() -> StatedPurpose.from(headers(Map.of("Sekimori-Exception", "life",
                "Sekimori-Justification", "50%"))))
                .hasMessage("Sekimori-Justification has a broken %-escape; percent-encode it as UTF-8.");
        assertThatThrownBy(() -> StatedPurpose.from(headers(Map.of("Sekimori-Exception", "life",
                "Sekimori-Justification", "%ff%fe"))))
                .hasMessage("Sekimori-Justification is not valid UTF-8 once decoded.");
        assertThatThrownBy(() -> StatedPurpose.from(headers(Map.of("Sekimori-Exception", "life",
                "Sekimori-Justification", "line%0d%0aInjected: 1"))))
                .hasMessage("Sekimori-Justification must not contain control characters.");
    }

    @Test
    void fromWhenPurposeSentTwiceThenRefused() {
        HttpHeaders headers = new HttpHeaders();
        headers.add("Sekimori-Purpose", "follow-up-care");
        headers.add("Sekimori-Purpose", "academic-research");

        assertThatThrownBy(() -> StatedPurpose.from(headers)).hasMessage("Send Sekimori-Purpose once.");
    }

    private static HttpHeaders headers(Map<String, String> values) {
        HttpHeaders headers = new HttpHeaders();
        values.forEach(headers::add);
        return headers;
    }
}
