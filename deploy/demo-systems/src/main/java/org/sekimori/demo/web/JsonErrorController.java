package org.sekimori.demo.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import org.sekimori.demo.system.DemoDataSystem;

/**
 * Replaces Boot's error page for failures that never reach a controller (the servlet container's
 * own errors, filters): the client still gets the JSON error shape, never HTML or a stack trace.
 */
@RestController
public class JsonErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(JsonErrorController.class);

    private final DemoDataSystem system;

    public JsonErrorController(DemoDataSystem system) {
        this.system = system;
    }

    @RequestMapping("${server.error.path:/error}")
    public ResponseEntity<ApiError> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (!(code instanceof Integer status)) {
            // Someone asked for the error path itself.
            return ApiError.response(HttpStatus.NOT_FOUND,
                    ApiExceptionHandler.noSuchPathMessage(system, request.getMethod(), request.getRequestURI()));
        }
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            log.error("A request failed outside the controllers (messages withheld)", RedactedFailure.of(failure));
        }
        HttpStatusCode statusCode = HttpStatusCode.valueOf(status);
        String message;
        if (status == 404) {
            message = ApiExceptionHandler.noSuchPathMessage(system, request.getMethod(), String.valueOf(path));
        } else if (statusCode.is4xxClientError()) {
            message = "The request could not be understood as sent; check its path, headers and body.";
        } else {
            message = "The demo system failed unexpectedly; the cause is in its log. Try again, and report it if it persists.";
        }
        return ApiError.response(statusCode, message);
    }
}
