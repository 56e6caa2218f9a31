// SPDX-License-Identifier: Apache-2.0
/** Members who enter by phone: the station key registry, registration, the phone page, phone codes, erasure. */
package org.unionkiosk.central.members;
