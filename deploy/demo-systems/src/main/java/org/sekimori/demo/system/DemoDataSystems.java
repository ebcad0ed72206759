package org.sekimori.demo.system;

import java.util.List;
import java.util.Optional;

import org.sekimori.demo.system.followup.FollowupSystem;
import org.sekimori.demo.system.registry.RegistrySystem;

/** The systems this jar can run. */
public final class DemoDataSystems {

    private static final List<DemoDataSystem> ALL = List.of(FollowupSystem.definition(), RegistrySystem.definition());

    private DemoDataSystems() {
    }

    public static List<DemoDataSystem> all() {
        return ALL;
    }

    public static Optional<DemoDataSystem> named(String name) {
        return ALL.stream().filter(system -> system.name().equals(name)).findFirst();
    }
}
