package org.sekimori.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.sekimori.policy.load.LedgerFile;

class RouteTableTest {

    private final RouteTable followup = new RouteTable(LedgerFile.load(Path.of("../deploy/demo/ledger.yaml"))
            .dataSystem("followup").orElseThrow());

    @Test
    void lookupWhenSubjectPathThenRouteAndSubject() {
        assertThat(followup.lookup("PUT", "/subjects/F00001")).isInstanceOfSatisfying(RouteTable.Found.class,
                found -> {
                    assertThat(found.route().action()).isEqualTo(Action.UPDATE);
                    assertThat(found.subject()).contains("F00001");
                });
    }

    @Test
    void lookupWhenLiteralSegmentAlsoFitsTheSubjectThenTheLiteralRouteWins() {
        assertThat(followup.lookup("GET", "/subjects/export.csv")).isInstanceOfSatisfying(RouteTable.Found.class,
                found -> {
                    assertThat(found.route().action()).isEqualTo(Action.EXPORT);
                    assertThat(found.subject()).isEqualTo(Optional.empty());
                });
        assertThat(followup.lookup("DELETE", "/subjects/export.csv"))
                .isEqualTo(new RouteTable.MethodNotAllowed(List.of("GET")));
    }

    @Test
    void lookupWhenPathKnownButMethodNotThenTheMethodsItTakes() {
        assertThat(followup.lookup("PATCH", "/subjects/F00001"))
                .isEqualTo(new RouteTable.MethodNotAllowed(List.of("DELETE", "GET", "PUT")));
    }

    @Test
    void itemsFilteredWhenParametersDeclaredThenTheirItemsAndPagingNone() {
        var list = ((RouteTable.Found) followup.lookup("GET", "/subjects")).route();

        assertThat(list.itemsFiltered(List.of("ageFrom", "ageTo", "sex", "page", "size")))
                .contains(java.util.Set.of("age", "sex"));
        assertThat(list.itemsFiltered(List.of("sex", "colour"))).isEmpty();
        assertThat(list.itemsFiltered(List.of())).contains(java.util.Set.of());
    }

    @Test
    void lookupWhenPathUnknownOrEncodedOrNotBelowTheSystemThenNotFound() {
        for (String path : List.of("/admin", "/subjects/F00001/notes", "/subjects/F%30001", "/subjects/", "",
                "subjects", "/subjects//F00001")) {
            assertThat(followup.lookup("GET", path)).as(path).isInstanceOf(RouteTable.NotFound.class);
        }
    }
}
