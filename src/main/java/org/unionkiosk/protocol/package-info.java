// SPDX-License-Identifier: Apache-2.0
/** Wire formats shared by stations, central and tools: badges (CWT in COSE_Sign1, Base45), keys, reason codes,
 *  the event envelope. No Vert.x, no Pi4J. */
package org.unionkiosk.protocol;
