package org.sekimori.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.boot.web.server.ConfigurableWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import org.sekimori.demo.system.DemoDataSystem;
import org.sekimori.demo.system.DemoDataSystems;

/** Picks the system to run and gives it its own database and default port. */
@Configuration(proxyBeanMethods = false)
public class DemoSystemConfiguration {

    @Bean
    public DemoDataSystem demoDataSystem(DemoSettings settings) {
        String choices = DemoDataSystems.all().stream()
                .map(s -> "--sekimori.demo.system=" + s.name() + " (port " + s.defaultPort() + ")")
                .collect(Collectors.joining(" or "));
        if (settings.system() == null || settings.system().isBlank()) {
            throw new DemoConfigurationException("No demo system was chosen.", "Start the jar with " + choices + ".");
        }
        return DemoDataSystems.named(settings.system().trim()).orElseThrow(() -> new DemoConfigurationException(
                "There is no demo system called '" + settings.system() + "'.", "Start the jar with " + choices + "."));
    }

    /**
     * Built here rather than from {@code spring.datasource.*} because the file name depends on the
     * chosen system, which is only known once it has been checked.
     */
    @Bean
    public DataSource dataSource(DemoSettings settings, DemoDataSystem system) {
        Path database = settings.databasePath(system).toAbsolutePath();
        try {
            Files.createDirectories(database.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + database.getParent(), e);
        }
        // H2 would otherwise write failing SQL to a .trace.db file, and that may quote record values.
        HikariDataSource dataSource = DataSourceBuilder.create().type(HikariDataSource.class)
                .url("jdbc:h2:file:" + database + ";DB_CLOSE_ON_EXIT=FALSE;TRACE_LEVEL_FILE=0")
                .username("sa").password("")
                .build();
        dataSource.setPoolName(system.name() + "-db");
        return dataSource;
    }

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /** Each system has its own default port so both can run side by side; server.port still wins. */
    @Bean
    public WebServerFactoryCustomizer<ConfigurableWebServerFactory> defaultPortPerSystem(DemoDataSystem system,
            Environment environment) {
        return factory -> {
            if (!environment.containsProperty("server.port")) {
                factory.setPort(system.defaultPort());
            }
        };
    }
}
