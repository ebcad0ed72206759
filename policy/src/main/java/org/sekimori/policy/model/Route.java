package org.sekimori.policy.model;

import java.util.Objects;
import org.sekimori.policy.Action;
import org.sekimori.policy.mask.BodyShape;

/**
 * One method on one path of a data system's API, and what it does with personal data. A
 * {@code {subject}} segment in the template stands for the subject key of the record the request
 * is about.
 *
 * @param method the HTTP method, upper case
 * @param template the path below the data system's prefix, e.g. {@code /subjects/{subject}}
 * @param action what the request does, whatever the client says
 * @param response where the records are in a successful response
 */
public record Route(String method, String template, Action action, BodyShape response) {

    public static final String SUBJECT = "{subject}";

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(template, "template");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(response, "response");
    }
}
