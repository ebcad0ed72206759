package org.sekimori.demo.system;

import tools.jackson.databind.node.ObjectNode;

/** Invents one complete, valid record. Everything random must come from {@code draw}. */
@FunctionalInterface
public interface SyntheticPeople {

    ObjectNode create(String id, Draw draw);
}
