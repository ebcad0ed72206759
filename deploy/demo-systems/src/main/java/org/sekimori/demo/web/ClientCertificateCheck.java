package org.sekimori.demo.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Serves only the expected clients: TLS has already checked that the client certificate comes from
 * the gateway's CA and is made for a client; this checks that its subject's common name is one of
 * {@code allowed} (the gateway's own certificate for this data system, and whom the operator adds),
 * so another data system's gateway certificate, or any other the CA issued, is refused with 403.
 * The refusal goes through {@link ApiExceptionHandler}, in the one JSON error shape.
 */
final class ClientCertificateCheck extends OncePerRequestFilter {

    /** Where the servlet container puts the client's certificate chain (Servlet specification). */
    static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

    private final Set<String> allowed;
    private final HandlerExceptionResolver errors;

    ClientCertificateCheck(Set<String> allowed, HandlerExceptionResolver errors) {
        this.allowed = Set.copyOf(allowed);
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<String> name = commonName(request.getAttribute(CERTIFICATES));
        if (name.isPresent() && allowed.contains(name.get())) {
            chain.doFilter(request, response);
            return;
        }
        String presented = name.map(cn -> "a client certificate for '" + cn + "'")
                .orElse("no client certificate with a common name");
        errors.resolveException(request, response, null, new ApiException(HttpStatus.FORBIDDEN,
                "This data system serves only the clients it expects, and the request came with " + presented
                        + ". Present the gateway's client certificate for this system, or add the name to "
                        + "sekimori.demo.client-subjects.", List.of()));
    }

    private static Optional<String> commonName(Object certificates) {
        if (!(certificates instanceof X509Certificate[] chain) || chain.length == 0) {
            return Optional.empty();
        }
        try {
            List<Rdn> names = new LdapName(chain[0].getSubjectX500Principal().getName()).getRdns();
            return names.stream().filter(rdn -> rdn.getType().equalsIgnoreCase("CN"))
                    .map(rdn -> String.valueOf(rdn.getValue())).reduce((first, last) -> last);
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
