package org.sekimori.demo;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * One jar, two demo systems: {@code --sekimori.demo.system=followup} or {@code registry}.
 */
@SpringBootApplication
@EnableConfigurationProperties(DemoSettings.class)
public class DemoSystemsApplication {

    public static void main(String[] args) {
        SpringApplication.run(DemoSystemsApplication.class, args);
    }
}
