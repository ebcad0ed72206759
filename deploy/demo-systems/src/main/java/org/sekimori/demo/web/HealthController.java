package org.sekimori.demo.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import org.sekimori.demo.store.RecordStore;
import org.sekimori.demo.system.DemoDataSystem;

/** Liveness plus the record count, which also proves the database answers. */
@RestController
public class HealthController {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Health(String status, String system, Long records) {
    }

    private final DemoDataSystem system;
    private final RecordStore store;

    public HealthController(DemoDataSystem system, RecordStore store) {
        this.system = system;
        this.store = store;
    }

    @GetMapping("/health")
    public ResponseEntity<Health> health() {
        try {
            return ResponseEntity.ok(new Health("UP", system.name(), store.count()));
        } catch (DataAccessException e) {
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(new Health("DOWN", system.name(), null));
        }
    }
}
