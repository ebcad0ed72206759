package org.sekimori.gateway.audit.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostgreSQL holding the audit trail in production. Brings the schema up to date with Flyway at
 * start, keeps a small pool for auditors' reads, and opens the single connection the record writer
 * commits through.
 */
public final class AuditDatabase implements AutoCloseable {

    private static final String POSTGRESQL = "jdbc:postgresql:";

    private final String url;
    private final String username;
    private final String password;
    private final int socketTimeoutSeconds;
    private final HikariDataSource readers;

    public AuditDatabase(String url, String username, String password, int socketTimeoutSeconds) {
        if (!url.startsWith(POSTGRESQL)) {
            throw new IllegalArgumentException("sekimori.audit.url must be a jdbc:postgresql: URL");
        }
        this.url = url;
        this.username = username;
        this.password = password;
        this.socketTimeoutSeconds = socketTimeoutSeconds;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(username);
        config.setPassword(password);
        config.setPoolName("audit-readers");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(-1); // a store that is down at start is reported, not fatal
        config.setDataSourceProperties(driverProperties());
        this.readers = new HikariDataSource(config);
    }

    /** Brings the schema up to date; fails when the database cannot be reached. */
    public void migrate() {
        Flyway.configure().dataSource(readers).locations("classpath:db/audit").table("audit_schema_history")
                .load().migrate();
    }

    public DataSource readers() {
        return readers;
    }

    /** The record writer's session: a connection of its own, with timeouts so that a hung store is noticed. */
    public ChainStore openChainStore(JsonMapper json) throws SQLException {
        int timeout = socketTimeoutSeconds;
        return new JdbcChainStore(openWriter(), json, timeout);
    }

    private Connection openWriter() throws SQLException {
        Properties properties = driverProperties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        Connection connection = DriverManager.getConnection(url, properties);
        connection.setAutoCommit(false);
        return connection;
    }

    private Properties driverProperties() {
        Properties properties = new Properties();
        properties.setProperty("socketTimeout", Integer.toString(socketTimeoutSeconds));
        properties.setProperty("connectTimeout", Integer.toString(socketTimeoutSeconds));
        properties.setProperty("tcpKeepAlive", "true");
        return properties;
    }

    @Override
    public void close() {
        readers.close();
    }
}
