// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.station.access;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.unionkiosk.protocol.BadgeClaims;
import org.unionkiosk.protocol.BadgeKind;
import org.unionkiosk.protocol.BadgeRef;
import org.unionkiosk.protocol.BadgeVerdict;
import org.unionkiosk.protocol.BadgeVerifier;
import org.unionkiosk.protocol.RefusalReason;
import org.unionkiosk.protocol.TrustedKeys;
import org.unionkiosk.station.access.AccessDecision.Denied;
import org.unionkiosk.station.access.AccessDecision.Granted;
import org.unionkiosk.station.config.AccessConfig;

/**
 * Decides one scan, on the access context (not thread-safe by design). Order: per-badge rate limit, clock sync,
 * badge verification (signature before any field), scope, revocation, suspension, phone-code replay, then — for
 * entry only — lockdown, opening hours and capacity. Exits are never refused for station state: nobody may be
 * kept inside.
 */
public final class AccessPolicy {
    private static final int MAX_TRACKED = 10_000;

    private AccessConfig cfg;
    private final String site;
    private final String station;
    private final Clock clock;
    private final ZoneId zone;
    private BadgeVerifier verifier;
    private Revocations revocations = Revocations.NONE;
    private final Map<String, ArrayDeque<Instant>> recentScans = new HashMap<>();
    private final Map<String, Instant> usedPhoneCodes = new HashMap<>();

    public AccessPolicy(AccessConfig cfg, String site, String station, TrustedKeys keys, Clock clock) {
        this.cfg = cfg;
        this.site = site;
        this.station = station;
        this.clock = clock;
        this.zone = clock.getZone();
        this.verifier = new BadgeVerifier(keys, clock, cfg.clockSkew());
    }

    /** Remote configuration: capacity and opening hours change; keys and skew stay. */
    public void reconfigure(AccessConfig next) {
        this.cfg = next;
    }

    public AccessConfig config() {
        return cfg;
    }

    public void trust(TrustedKeys keys) {
        this.verifier = new BadgeVerifier(keys, clock, cfg.clockSkew());
    }

    public void revocations(Revocations r) {
        this.revocations = r;
    }

    public AccessDecision decide(String text, boolean entry, StationConditions now) {
        String ref = BadgeRef.of(text == null ? "" : text);
        Instant at = clock.instant();
        if (rateLimited(ref, at)) {
            return new Denied(ref, RefusalReason.RATE_LIMITED, "more than " + cfg.rateLimitScans() + " scans in "
                    + cfg.rateLimitWindow().toSeconds() + " s");
        }
        if (cfg.requireClockSync() && !now.clockSynced()) {
            return new Denied(ref, RefusalReason.CLOCK_UNSYNCED, "system clock not synchronised");
        }
        BadgeVerdict verdict = verifier.verify(text);
        if (verdict instanceof BadgeVerdict.Refused r) {
            return new Denied(ref, r.reason(), r.detail());
        }
        BadgeClaims c = ((BadgeVerdict.Valid) verdict).claims();
        if (!c.scope().admits(site, station)) {
            return new Denied(ref, RefusalReason.WRONG_SCOPE, "badge scope " + c.scope());
        }
        if (revocations.badges().contains(c.badgeId()) || revocations.members().contains(c.memberId())) {
            return new Denied(ref, RefusalReason.REVOKED, "badge " + c.badgeId() + " revoked");
        }
        if (revocations.suspended().contains(c.memberId())) {
            return new Denied(ref, RefusalReason.SUSPENDED, "member suspended");
        }
        if (c.kind() == BadgeKind.PHONE && replayed(c, at)) {
            return new Denied(ref, RefusalReason.REPLAYED, "phone code " + c.badgeId() + " already used");
        }
        if (entry) {
            if (now.lockdown()) {
                return new Denied(ref, RefusalReason.LOCKDOWN, "station in lockdown");
            }
            if (!cfg.hours().isOpen(LocalTime.ofInstant(at, zone))) {
                return new Denied(ref, RefusalReason.CLOSED, "outside " + cfg.hours().opens() + "-"
                        + cfg.hours().closes());
            }
            if (cfg.capacity() > 0 && now.inside() >= cfg.capacity()) {
                return new Denied(ref, RefusalReason.FULL, now.inside() + " inside, capacity " + cfg.capacity());
            }
        }
        if (c.kind() == BadgeKind.PHONE) {
            usedPhoneCodes.put(c.badgeId(), c.expiresAt().plus(cfg.clockSkew()));
        }
        return new Granted(ref, c);
    }

    /**
     * A member central vouches for (phone entry): no badge to verify, but the same member and station checks as an
     * entry scan. Returns null when the member may enter, else the refusal.
     */
    public Denied admitMember(String memberId, StationConditions now) {
        String ref = "member:" + BadgeRef.of(memberId);
        Instant at = clock.instant();
        if (revocations.members().contains(memberId)) {
            return new Denied(ref, RefusalReason.REVOKED, "member revoked");
        }
        if (revocations.suspended().contains(memberId)) {
            return new Denied(ref, RefusalReason.SUSPENDED, "member suspended");
        }
        if (now.lockdown()) {
            return new Denied(ref, RefusalReason.LOCKDOWN, "station in lockdown");
        }
        if (!cfg.hours().isOpen(LocalTime.ofInstant(at, zone))) {
            return new Denied(ref, RefusalReason.CLOSED, "outside " + cfg.hours().opens() + "-"
                    + cfg.hours().closes());
        }
        if (cfg.capacity() > 0 && now.inside() >= cfg.capacity()) {
            return new Denied(ref, RefusalReason.FULL, now.inside() + " inside, capacity " + cfg.capacity());
        }
        return null;
    }

    /** Phone codes used before a restart (from the station database), refused as replays until they expire. */
    public void rememberUsedPhoneCodes(Map<String, Instant> usedUntil) {
        usedPhoneCodes.putAll(usedUntil);
    }

    private boolean rateLimited(String ref, Instant at) {
        Instant horizon = at.minus(cfg.rateLimitWindow());
        if (recentScans.size() > MAX_TRACKED) {
            recentScans.values().removeIf(q -> q.peekLast() == null || q.peekLast().isBefore(horizon));
        }
        ArrayDeque<Instant> q = recentScans.computeIfAbsent(ref, k -> new ArrayDeque<>());
        while (!q.isEmpty() && q.peekFirst().isBefore(horizon)) {
            q.pollFirst();
        }
        q.addLast(at);
        return q.size() > cfg.rateLimitScans();
    }

    private boolean replayed(BadgeClaims c, Instant at) {
        if (usedPhoneCodes.size() > MAX_TRACKED) {
            for (Iterator<Instant> it = usedPhoneCodes.values().iterator(); it.hasNext(); ) {
                if (it.next().isBefore(at)) {
                    it.remove();
                }
            }
        }
        return usedPhoneCodes.containsKey(c.badgeId());
    }
}
