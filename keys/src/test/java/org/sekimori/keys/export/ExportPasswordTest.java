package org.sekimori.keys.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExportPasswordTest {

    @Test
    void aPasswordIsSevenGroupsOfFourUnambiguousCharacters() {
        char[] password = ExportPassword.generate(new SecureRandom());

        assertThat(new String(password)).hasSize(34).matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){6}")
                .doesNotContainPattern("[ILOU]");
        assertThat(password.length).isGreaterThanOrEqualTo(ExportPassword.MINIMUM_LENGTH);
    }

    @Test
    void passwordsDrawFromAll32CharactersAndDoNotRepeat() {
        SecureRandom random = new SecureRandom();
        Set<String> passwords = new HashSet<>();
        Set<Character> characters = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            char[] password = ExportPassword.generate(random);
            passwords.add(new String(password));
            for (char c : password) {
                characters.add(c);
            }
        }

        assertThat(passwords).hasSize(1000);
        assertThat(characters).hasSize(33); // the alphabet and the dash
    }
}
