package org.sekimori.gateway;

import java.time.Clock;
import java.util.List;
import org.sekimori.gateway.audit.chain.VerifyRecordsCommand;
import org.sekimori.gateway.tls.IssueCertificateCommand;
import org.sekimori.keys.HashPasswordCommand;
import org.sekimori.policy.testing.PolicyTestCommand;
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
        if (args.length >= 1 && args[0].equals("policy-test")) {
            System.exit(PolicyTestCommand.run(List.of(args).subList(1, args.length), System.out, System.err));
        }
        if (args.length >= 1 && args[0].equals("verify-records")) {
            System.exit(VerifyRecordsCommand.run(List.of(args).subList(1, args.length), System.out, System.err));
        }
        if (args.length >= 1 && args[0].equals("issue-certificate")) {
            System.exit(IssueCertificateCommand.run(List.of(args).subList(1, args.length), System.out, System.err,
                    Clock.systemUTC()));
        }
        SpringApplication.run(SekimoriGatewayApplication.class, args);
    }
}
