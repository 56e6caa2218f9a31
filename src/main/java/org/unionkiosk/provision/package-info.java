// SPDX-License-Identifier: Apache-2.0
/** What a technician runs at the station: enrolment with central (provisioning) and the wire-by-wire self-test. */
package org.unionkiosk.provision;
