package org.sekimori.demo.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import java.util.HashSet;
import java.util.Set;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.method.HandlerTypePredicate;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.PathMatchConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import org.sekimori.demo.DemoSettings;
import org.sekimori.demo.system.DemoDataSystem;

/**
 * Mounts the shared record controller under the running system's resource name, so each system
 * answers only on its own paths and anything else is a true 404.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

    /** The common name of the gateway's client certificate toward a data system, before its name. */
    static final String GATEWAY_CLIENT = "Sekimori gateway to ";

    private final DemoDataSystem system;
    private final DemoSettings settings;

    public WebConfiguration(DemoDataSystem system, DemoSettings settings) {
        this.system = system;
        this.settings = settings;
    }

    @Override
    public void configurePathMatch(PathMatchConfigurer configurer) {
        configurer.addPathPrefix("/" + system.resource(), HandlerTypePredicate.forAssignableType(RecordController.class));
    }

    /** Behind the gateway, the records are served only to requests carrying its assertion. */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        if (settings.assertionKeys() != null) {
            registry.addInterceptor(new GatewayAssertionCheck(settings.assertionKeys(), system.name(),
                    java.time.Clock.systemUTC())).addPathPatterns("/" + system.resource(), "/" + system.resource() + "/**");
        }
    }

    /**
     * With mutual TLS (the {@code mtls} profile) or {@code sekimori.demo.client-subjects} set, only
     * the gateway's client certificate for this system, and those named there, are served.
     */
    @Bean
    public FilterRegistrationBean<ClientCertificateCheck> clientCertificateCheck(Environment environment,
            @Qualifier("handlerExceptionResolver") @Lazy HandlerExceptionResolver errors) {
        Set<String> allowed = new HashSet<>(settings.clientSubjects());
        allowed.add(GATEWAY_CLIENT + system.name());
        FilterRegistrationBean<ClientCertificateCheck> registration = new FilterRegistrationBean<>(
                new ClientCertificateCheck(allowed, errors));
        registration.setEnabled(environment.matchesProfiles("mtls") || !settings.clientSubjects().isEmpty());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1); // before anything else reads the request
        return registration;
    }

    /**
     * Swaps Tomcat's HTML error valve (Boot adds one of its own too) for {@link JsonErrorReportValve}.
     * Registered as the host's error valve class as well, or Tomcat would add its default at start.
     */
    @Bean
    public WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> jsonErrorsFromTomcat() {
        return factory -> factory.addContextCustomizers(context -> {
            StandardHost host = (StandardHost) context.getParent();
            host.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            host.getPipeline().addValve(new JsonErrorReportValve());
        });
    }
}
