package org.sekimori.gateway.audit.store;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/** Reads every record a query matches, page after page, oldest first: what reports sum. */
public final class TrailScan {

    private TrailScan() {
    }

    public static void each(TrailReader trail, AuditQuery query, Consumer<TrailReader.Found> found)
            throws SQLException, IOException {
        AuditQuery page = query;
        while (true) {
            List<TrailReader.Found> records = trail.search(page);
            records.forEach(found);
            if (records.size() < page.limit()) {
                return;
            }
            page = page.after(records.get(records.size() - 1).cursor());
        }
    }
}
