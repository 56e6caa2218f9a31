// SPDX-License-Identifier: Apache-2.0
/**
 * Members: the register (phones encrypted at rest, shown masked), badges issued with central's key, revocation,
 * suspension, export and erasure; phone entry (station key registry, the phone page, phone codes, visits served).
 */
package org.unionkiosk.central.members;
