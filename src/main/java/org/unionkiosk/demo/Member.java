// SPDX-License-Identifier: Apache-2.0
package org.unionkiosk.demo;

/**
 * A simulated member and the badge they carry. {@code badge} is what they scan; {@code flaw} says what is wrong with
 * it, if anything ({@code badgeId} is what a revocation names).
 */
record Member(String id, DailyProfile category, String badge, String badgeId, Flaw flaw) {
    enum Flaw { NONE, EXPIRED, FORGED, TAMPERED, REVOKED }
}
