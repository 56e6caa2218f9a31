// SPDX-License-Identifier: Apache-2.0
/** What a technician runs at the station: the wire-by-wire self-test (and, with central, enrolment). */
package org.unionkiosk.provision;
