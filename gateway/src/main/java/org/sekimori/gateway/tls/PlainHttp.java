package org.sekimori.gateway.tls;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Whether {@code sekimori.tls.plain-http} asks for plain HTTP, read as the settings are bound (so
 * {@code no}, {@code off} and {@code 0} mean false here exactly as in {@link TlsProperties}): a
 * comparison with the text "true" alone would turn HTTPS off for them without the warning.
 */
final class PlainHttp {

    private PlainHttp() {
    }

    static boolean asked(ConditionContext context) {
        return Binder.get(context.getEnvironment()).bind("sekimori.tls.plain-http", Boolean.class).orElse(false);
    }

    /** Matches when plain HTTP was asked for. */
    static final class On extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return new ConditionOutcome(asked(context), "sekimori.tls.plain-http");
        }
    }

    /** Matches unless plain HTTP was asked for: HTTPS is the default. */
    static final class Off extends SpringBootCondition {
        @Override
        public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return new ConditionOutcome(!asked(context), "sekimori.tls.plain-http");
        }
    }
}
