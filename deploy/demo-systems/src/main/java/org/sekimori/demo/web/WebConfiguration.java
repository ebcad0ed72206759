package org.sekimori.demo.web;

import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerTypePredicate;
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
