package org.sekimori.gateway.web;

import java.util.List;
import org.springframework.web.util.HtmlUtils;

/**
 * The browser pages of the login steps after the password. Each posts a form, with the session's
 * CSRF token, to the same endpoint a script sends JSON to; the answer is the next page.
 */
public final class LoginStepPages {

    private static final String WRONG_CODE = "<p role=\"alert\">That code was wrong, or was used already. "
            + "Wait for the next code and try again.</p>";

    private LoginStepPages() {
    }

    public static String secondFactor(String csrfToken, boolean failed) {
        return page("Second factor", (failed ? WRONG_CODE : "") + """
                <p>Enter the 6-digit code your authenticator app shows for Sekimori.</p>
                <form method="post" action="/api/session/second-factor">
                <p><label>Code <input name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}"
                 maxlength="6" required autofocus></label></p>%1$s
                <p><button type="submit">Continue</button></p></form>
                <details><summary>Lost your authenticator?</summary>
                <form method="post" action="/api/session/second-factor">
                <p><label>Recovery code <input name="recoveryCode" autocomplete="off" required></label></p>%1$s
                <p><button type="submit">Use the recovery code</button></p></form></details>
                """.formatted(csrf(csrfToken)));
    }

    /** The enrolment: the secret as a QR code and as text, and a field for the first code. */
    public static String enrolment(String csrfToken, String secret, String otpauthUri, boolean failed) {
        return page("Set up your second factor", (failed ? WRONG_CODE : "") + """
                <p>Your roles need a second factor. Scan this code with an authenticator app
                (or type the key below into it), then enter the code it shows.</p>
                <figure>%s<figcaption>Key: <code>%s</code></figcaption></figure>
                <form method="post" action="/api/session/totp/confirm">
                <p><label>Code <input name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}"
                 maxlength="6" required autofocus></label></p>%s
                <p><button type="submit">Confirm</button></p></form>
                """.formatted(QrSvg.of(otpauthUri), HtmlUtils.htmlEscape(grouped(secret)), csrf(csrfToken)));
    }

    /** Shown once, after the enrolment. */
    public static String recoveryCodes(List<String> codes) {
        StringBuilder list = new StringBuilder("<ol>");
        codes.forEach(code -> list.append("<li><code>").append(HtmlUtils.htmlEscape(code)).append("</code></li>"));
        return page("Your recovery codes", """
                <p>Your second factor is set up. Keep these codes somewhere safe: each lets you log in once
                without your authenticator. They are not shown again.</p>%s</ol>
                <p><a href="/">Continue</a></p>
                """.formatted(list));
    }

    public static String passwordChange(String csrfToken, List<String> rules, boolean failed) {
        StringBuilder listed = new StringBuilder("<ul>");
        rules.forEach(rule -> listed.append("<li>").append(HtmlUtils.htmlEscape(rule)).append("</li>"));
        return page("Choose a new password", (failed ? "<p role=\"alert\">The password was not changed: the current "
                + "password was wrong, the two new ones differ, or the new one breaks a rule below.</p>" : "") + """
                <p>You must choose a new password before you go on. It must:</p>%s</ul>
                <form method="post" action="/api/session/password">
                <p><label>Current password <input name="currentPassword" type="password"
                 autocomplete="current-password" required autofocus></label></p>
                <p><label>New password <input name="newPassword" type="password" autocomplete="new-password"
                 required></label></p>
                <p><label>New password again <input name="repeatPassword" type="password"
                 autocomplete="new-password" required></label></p>%s
                <p><button type="submit">Change the password</button></p></form>
                """.formatted(listed, csrf(csrfToken)));
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sekimori — "
                + HtmlUtils.htmlEscape(title) + "</title></head><body><h1>" + HtmlUtils.htmlEscape(title) + "</h1>\n"
                + body + "</body></html>\n";
    }

    private static String csrf(String token) {
        return "<input type=\"hidden\" name=\"_csrf\" value=\"" + HtmlUtils.htmlEscape(token) + "\">";
    }

    /** A base32 key in groups of four, as people copy it. */
    static String grouped(String secret) {
        return String.join(" ", secret.split("(?<=\\G.{4})"));
    }
}
