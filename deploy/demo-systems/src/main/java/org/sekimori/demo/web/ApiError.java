package org.sekimori.demo.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The one error body every failure gets. {@code problems} appears only for validation failures,
 * where the client needs each item separately.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ApiError(int status, String error, String message, List<String> problems) {

    public static ResponseEntity<ApiError> response(HttpStatusCode status, String message) {
        return response(status, message, List.of());
    }

    /** The content type is fixed so the error is JSON whatever the client put in Accept. */
    public static ResponseEntity<ApiError> response(HttpStatusCode status, String message, List<String> problems) {
        HttpStatus known = HttpStatus.resolve(status.value());
        String reason = known != null ? known.getReasonPhrase() : "Error";
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError(status.value(), reason, message, problems));
    }
}
