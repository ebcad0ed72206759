package org.sekimori.gateway;

import org.sekimori.keys.HashPasswordCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Sekimori: the one gateway in front of the personal-data systems of an organisation. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SekimoriGatewayApplication {

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("hash-password")) {
            System.exit(HashPasswordCommand.run());
        }
        SpringApplication.run(SekimoriGatewayApplication.class, args);
    }
}
