package org.sekimori.gateway.web;

import org.sekimori.gateway.security.HandlerAuthenticationManager;
import org.springframework.web.util.HtmlUtils;

/** The browser login form: user ID and password, posted with the session's CSRF token. */
final class LoginPage {

    private LoginPage() {
    }

    /** @param sso the label of the external provider's login, when one is configured */
    static String render(String csrfToken, boolean failed, boolean loggedOut, java.util.Optional<String> sso) {
        String notice = failed ? "<p role=\"alert\">" + HandlerAuthenticationManager.FAILURE + "</p>"
                : loggedOut ? "<p role=\"status\">You have logged out.</p>" : "";
        return """
                <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sekimori — log in</title></head>
                <body><h1>Sekimori</h1>%s
                <form method="post" action="/login">
                <p><label>User ID <input name="username" autocomplete="username" required autofocus></label></p>
                <p><label>Password <input name="password" type="password" autocomplete="current-password" required></label></p>
                <input type="hidden" name="_csrf" value="%s">
                <p><button type="submit">Log in</button></p>
                </form>%s</body></html>
                """.formatted(notice, HtmlUtils.htmlEscape(csrfToken), sso.map(label -> "\n<p><a href=\""
                + org.sekimori.gateway.external.OidcBrowserLogin.START + "\">Log in with "
                + HtmlUtils.htmlEscape(label) + "</a></p>").orElse(""));
    }
}
