package org.sekimori.demo.web;

import java.util.List;

import org.springframework.http.HttpStatus;

/** A failure the client can fix, with the message that tells them how. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final List<String> problems;

    public ApiException(HttpStatus status, String message, List<String> problems) {
        super(message, null, false, false);
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message, List.of());
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message, List.of());
    }

    public static ApiException badRequest(String message, List<String> problems) {
        return new ApiException(HttpStatus.BAD_REQUEST, message, problems);
    }

    public HttpStatus status() {
        return status;
    }

    public List<String> problems() {
        return problems;
    }
}
