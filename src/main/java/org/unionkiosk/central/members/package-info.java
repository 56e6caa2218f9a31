// SPDX-License-Identifier: Apache-2.0
/** Members: the register (phones encrypted at rest, shown masked), badges issued with central's key, revocation, suspension, export and erasure. */
package org.unionkiosk.central.members;
