package org.sekimori.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sekimori.gateway.support.DemoHandler;
import org.sekimori.gateway.support.OnRecordingUpstreams;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The OpenAPI description the gateway serves: a valid OpenAPI 3.1 document as a client generator
 * reads it, naming every route of the administration, grant-request and report APIs that the code
 * declares, and no route the code does not.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "sekimori.ledger=../deploy/demo/ledger.yaml", "sekimori.directory=../deploy/demo/directory.yaml",
        "sekimori.policy=../deploy/demo/policy.yaml", "sekimori.subjects=../deploy/demo/subjects.yaml",
        "management.server.port=0"})
class OpenApiEndToEndTest extends OnRecordingUpstreams {

    /** The route declarations of the documented APIs: a constant or string starting the path, then the rest. */
    static final Pattern ROUTE = Pattern.compile("(?:GET|POST)\\(([A-Za-z_]+|\"[^\"]+\")(?: \\+ \"([^\"]*)\")?\\)");
    static final Path SOURCES = Path.of("src/main/java/org/sekimori/gateway");

    @Test
    void descriptionIsValidOpenApiAndListsExactlyTheRoutesTheCodeDeclares() throws Exception {
        HttpResponse<String> served = DemoHandler.NURSE.login(port).get(OpenApiEndpoint.PATH);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/yaml"));

        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(served.body(), null, options);

        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
        assertThat(new TreeSet<>(parsed.getOpenAPI().getPaths().keySet())).isEqualTo(declaredRoutes());
    }

    /** The routes the endpoint classes of the documented APIs declare, with path variables as {name}. */
    private static Set<String> declaredRoutes() throws Exception {
        Set<String> routes = new TreeSet<>();
        for (String file : new String[] {"grants/GrantRequestEndpoints.java", "grants/GrantDecisionEndpoints.java",
                "changes/ChangeEndpoints.java", "directory/HandlerEndpoints.java",
                "reviews/ExceptionReviewEndpoints.java", "reviews/AccessReviewEndpoints.java", "reports/ReportEndpoints.java",
                "history/RightsAtEndpoints.java", "elevation/ElevationEndpoints.java"}) {
            String source = Files.readString(SOURCES.resolve(file));
            Matcher route = ROUTE.matcher(source);
            while (route.find()) {
                String start = route.group(1);
                String base = start.startsWith("\"") ? start.substring(1, start.length() - 1) : constant(source, start);
                String path = base + (route.group(2) == null ? "" : route.group(2));
                if (path.startsWith("changes")) {
                    Stream.of("policy", "directory", "subjects", "ledger", "recipients").forEach(target -> routes.add(path.replace("changes",
                            "/api/admin/" + target + "-changes")));
                } else {
                    routes.add(path);
                }
            }
        }
        routes.add("/api/admin/ledger");
        routes.add("/api/admin/ledger.csv");
        routes.add("/api/admin/ledger.html");
        return routes;
    }

    private static String constant(String source, String name) {
        if (name.equals("changes")) {
            return "changes";
        }
        Matcher value = Pattern.compile(name + " = ([A-Z_]+ \\+ )?\"([^\"]+)\"").matcher(source);
        if (!value.find()) {
            throw new AssertionError("no value for " + name);
        }
        return (value.group(1) == null ? "" : constant(source, value.group(1).replace(" + ", ""))) + value.group(2);
    }
}
