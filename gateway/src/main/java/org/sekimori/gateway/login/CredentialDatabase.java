package org.sekimori.gateway.login;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The database of credentials and login counters: PostgreSQL when configured, so that every
 * instance behind a load balancer sees the same lockouts, or else an embedded H2 file in the data
 * directory. One schema (Flyway, {@code db/login}) serves both.
 */
public final class CredentialDatabase implements AutoCloseable {

    private final HikariDataSource pool;

    private CredentialDatabase(HikariConfig config) {
        config.setPoolName("credentials");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(5_000);
        this.pool = new HikariDataSource(config);
        Flyway.configure().dataSource(pool).locations("classpath:db/login").table("login_schema_history")
                .load().migrate();
    }

    public static CredentialDatabase open(LoginProperties properties) {
        HikariConfig config = new HikariConfig();
        if (properties.url() != null) {
            config.setJdbcUrl(properties.url());
            config.setUsername(properties.username());
            config.setPassword(properties.password());
            config.addDataSourceProperty("socketTimeout", "10");
            config.addDataSourceProperty("connectTimeout", "5");
        } else {
            Path file = properties.embedded().toAbsolutePath();
            OwnerOnlyDirectory.create(file.getParent());
            // PostgreSQL mode keeps the SQL the same as production's; the file is the data directory's only.
            config.setJdbcUrl("jdbc:h2:file:" + file + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE");
            config.setUsername("sekimori");
            config.setPassword("");
        }
        return new CredentialDatabase(config);
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
