package org.sekimori.demo.web;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import org.sekimori.demo.schema.InvalidRecordException;
import org.sekimori.demo.system.DemoDataSystem;

/**
 * Turns every failure inside Spring MVC into the one JSON error shape, with a message saying what
 * to change. Failures outside MVC reach {@link JsonErrorController} instead.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final DemoDataSystem system;

    public ApiExceptionHandler(DemoDataSystem system) {
        this.system = system;
    }

    @ExceptionHandler(ApiException.class)
    public ResponseEntity<ApiError> api(ApiException e) {
        return ApiError.response(e.status(), e.getMessage(), e.problems());
    }

    @ExceptionHandler(InvalidRecordException.class)
    public ResponseEntity<ApiError> invalidRecord(InvalidRecordException e) {
        List<String> problems = e.problems();
        return ApiError.response(HttpStatus.BAD_REQUEST, "The " + system.recordNoun() + " has " + problems.size()
                + " problem(s): " + String.join("; ", problems) + ". Fix them and send the whole "
                + system.recordNoun() + " again.", problems);
    }

    /** With a byte[] body this only happens when the body is missing altogether. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        return ApiError.response(HttpStatus.BAD_REQUEST,
                "The request has no body; send the " + system.recordNoun() + " as one JSON object.");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<ApiError> unsupportedMediaType(HttpMediaTypeNotSupportedException e) {
        String sent = e.getContentType() == null ? "no Content-Type" : "Content-Type " + e.getContentType();
        return withHeaders(e, ApiError.response(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "The body was sent with " + sent + "; send JSON with Content-Type: application/json."));
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return ApiError.response(HttpStatus.NOT_ACCEPTABLE, "This path answers with application/json (the export with"
                + " text/csv); allow that in the Accept header.");
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<ApiError> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        String allowed = e.getSupportedHttpMethods() == null ? "another method"
                : e.getSupportedHttpMethods().stream().map(HttpMethod::name).sorted()
                        .collect(Collectors.joining(", "));
        return withHeaders(e, ApiError.response(HttpStatus.METHOD_NOT_ALLOWED,
                e.getMethod() + " is not supported on this path; use " + allowed + "."));
    }

    /** Tomcat parses the query string lazily and fails on broken percent-encoding or too many parameters. */
    @ExceptionHandler(InvalidParameterException.class)
    public ResponseEntity<ApiError> invalidQueryString(InvalidParameterException e) {
        HttpStatus status = HttpStatus.resolve(e.getErrorCode());
        return ApiError.response(status != null && status.is4xxClientError() ? status : HttpStatus.BAD_REQUEST,
                "The query string cannot be read; percent-encode its names and values (UTF-8) and keep it short.");
    }

    @ExceptionHandler({NoHandlerFoundException.class, NoResourceFoundException.class})
    public ResponseEntity<ApiError> noSuchPath(HttpServletRequest request) {
        return ApiError.response(HttpStatus.NOT_FOUND, noSuchPathMessage(system, request.getMethod(),
                request.getRequestURI()));
    }

    /** Anything else: Spring's own client errors keep their status; the rest is our fault, a 500. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<ApiError> unexpected(Exception e, HttpServletRequest request, HttpServletResponse response) {
        if (e instanceof ErrorResponse known && known.getStatusCode().is4xxClientError()) {
            String detail = known.getBody().getDetail();
            return withHeaders(known, ApiError.response(known.getStatusCode(),
                    detail != null ? detail : "The request cannot be handled as sent."));
        }
        String handler = String.valueOf(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE));
        if (response.isCommitted()) {
            // Typically a client that stopped reading an export; the response cannot change now.
            log.warn("{} {} stopped after the response had started: {}", request.getMethod(), handler,
                    RedactedFailure.of(e).getMessage());
            return null;
        }
        log.error("{} {} failed unexpectedly (messages withheld, they may quote record values)",
                request.getMethod(), handler, RedactedFailure.of(e));
        return ApiError.response(HttpStatus.INTERNAL_SERVER_ERROR,
                "The demo system failed unexpectedly; the cause is in its log. Try again, and report it if it persists.");
    }

    static String noSuchPathMessage(DemoDataSystem system, String method, String path) {
        String collection = "/" + system.resource();
        return "Nothing answers " + method + " " + path + ". The " + system.name() + " system serves "
                + collection + ", " + collection + "/{id}, " + collection + "/export.csv and /health.";
    }

    private static ResponseEntity<ApiError> withHeaders(ErrorResponse source, ResponseEntity<ApiError> response) {
        HttpHeaders headers = new HttpHeaders();
        headers.addAll(response.getHeaders());
        headers.addAll(source.getHeaders());
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new ResponseEntity<>(response.getBody(), headers, response.getStatusCode());
    }
}
