// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.central.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes one batch in the caller's transaction: events inserted idempotently on {@code (station, seq)}, the
 * per-station seq bookkeeping that makes gaps visible, the sinks, and the rejects. Runs on a database worker.
 */
final class EventWriter {
    /** What one batch did. */
    record Outcome(int stored, int duplicates, int rejects) {
    }

    private final List<EventSink> sinks;

    EventWriter(List<EventSink> sinks) {
        this.sinks = List.copyOf(sinks);
    }

    Outcome write(Connection c, List<IngestedEvent> events, List<Reject> rejects) throws SQLException {
        List<IngestedEvent> stored = new ArrayList<>(events.size());
        if (!events.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO events (station, seq, ts, type, member, body, "
                    + "received_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (station, seq) DO NOTHING")) {
                for (IngestedEvent e : events) {
                    ps.setString(1, e.station());
                    ps.setLong(2, e.seq());
                    ps.setLong(3, e.ts());
                    ps.setString(4, e.type());
                    ps.setString(5, e.member());
                    ps.setString(6, e.body());
                    ps.setLong(7, e.receivedAt());
                    ps.addBatch();
                }
                int[] counts = ps.executeBatch();
                for (int i = 0; i < counts.length; i++) {
                    if (counts[i] > 0) {
                        stored.add(events.get(i));
                    }
                }
            }
            updateSeqs(c, events, stored);
            for (EventSink s : sinks) {
                s.stored(c, stored);
            }
        }
        if (!rejects.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rejects (received_at, topic, reason, detail, "
                    + "payload) VALUES (?, ?, ?, ?, ?)")) {
                for (Reject r : rejects) {
                    ps.setLong(1, r.receivedAt());
                    ps.setString(2, r.topic().length() > 512 ? r.topic().substring(0, 512) : r.topic());
                    ps.setString(3, r.reason());
                    ps.setString(4, r.detail() == null || r.detail().length() <= 512 ? r.detail()
                            : r.detail().substring(0, 512));
                    ps.setString(5, r.payload());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        return new Outcome(stored.size(), events.size() - stored.size(), rejects.size());
    }

    /** Per station: lowest and highest seq and how many stored, so max - min + 1 - stored is the open gap. */
    private static void updateSeqs(Connection c, List<IngestedEvent> all, List<IngestedEvent> stored)
            throws SQLException {
        // Sorted: concurrent batches (PostgreSQL) then lock station rows in one order and cannot deadlock.
        Map<String, long[]> per = new java.util.TreeMap<>(); // min, max, stored, duplicates
        for (IngestedEvent e : all) {
            per.computeIfAbsent(e.station(), k -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE, 0, 0})[3]++;
        }
        for (IngestedEvent e : stored) {
            long[] s = per.get(e.station());
            s[0] = Math.min(s[0], e.seq());
            s[1] = Math.max(s[1], e.seq());
            s[2]++;
            s[3]--;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO station_seq (station, min_seq, max_seq, stored, "
                + "duplicates) VALUES (?, ?, ?, ?, ?) ON CONFLICT (station) DO UPDATE SET "
                + "min_seq = CASE WHEN excluded.min_seq < station_seq.min_seq THEN excluded.min_seq "
                + "ELSE station_seq.min_seq END, "
                + "max_seq = CASE WHEN excluded.max_seq > station_seq.max_seq THEN excluded.max_seq "
                + "ELSE station_seq.max_seq END, "
                + "stored = station_seq.stored + excluded.stored, "
                + "duplicates = station_seq.duplicates + excluded.duplicates")) {
            for (var e : per.entrySet()) {
                long[] s = e.getValue();
                boolean none = s[2] == 0;
                ps.setString(1, e.getKey());
                // A batch of only duplicates: a neutral range that the CASEs never pick over the stored one.
                ps.setLong(2, none ? Long.MAX_VALUE : s[0]);
                ps.setLong(3, none ? -1 : s[1]);
                ps.setLong(4, s[2]);
                ps.setLong(5, s[3]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
