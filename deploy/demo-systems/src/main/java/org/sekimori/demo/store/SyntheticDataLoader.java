package org.sekimori.demo.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import org.sekimori.demo.DemoSettings;
import org.sekimori.demo.system.DemoDataSystem;

/**
 * Fills an empty database with synthetic people. Runs while the context starts, before the web
 * server opens, so no client ever sees a half-filled system. A database that already holds records
 * is left alone: a demo's edits survive restarts.
 */
@Component
public class SyntheticDataLoader implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(SyntheticDataLoader.class);

    private final RecordStore store;
    private final DemoDataSystem system;
    private final DemoSettings settings;

    public SyntheticDataLoader(RecordStore store, DemoDataSystem system, DemoSettings settings) {
        this.store = store;
        this.system = system;
        this.settings = settings;
    }

    @Override
    public void afterPropertiesSet() {
        long started = System.nanoTime();
        store.createTablesIfMissing();
        long existing = store.count();
        if (existing > 0) {
            log.info("{}: {} {} already stored in {}; nothing generated ({} ms)", system.name(), existing,
                    system.resource(), settings.databasePath(system), elapsedMillis(started));
            return;
        }
        long seed = settings.seedFor(system);
        store.insertAll(system.syntheticRecords(seed, settings.subjects()));
        log.info("{}: generated {} synthetic {} from seed {} into {} in {} ms", system.name(), settings.subjects(),
                system.resource(), seed, settings.databasePath(system), elapsedMillis(started));
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
