package org.sekimori.demo.web;

import java.io.IOException;
import java.io.PrintWriter;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat answers some requests itself, before Spring sees them (a path with broken
 * percent-encoding, say), and would reply with an HTML page. This keeps those replies in the same
 * JSON error shape as everything else.
 */
public class JsonErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // Same guard as Tomcat's own valve: only untouched error responses, and only once.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known != null ? known.getReasonPhrase() : "Error";
        String message = status < 500
                ? "The request could not be understood as sent; check its path (percent-encoding), headers and body."
                : "The demo system failed unexpectedly; the cause is in its log. Try again, and report it if it persists.";
        try {
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                // Only fixed text goes in, so plain concatenation is valid JSON.
                writer.write("{\"status\":" + status + ",\"error\":\"" + reason + "\",\"message\":\"" + message + "\"}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response already started; nothing more can be sent.
        }
    }
}
