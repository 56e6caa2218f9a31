// SPDX-License-Identifier: Apache-2.0
/** Central's side of station provisioning: one-time claims, enrolment, station identities, broker accounts. */
package org.unionkiosk.central.provisioning;
