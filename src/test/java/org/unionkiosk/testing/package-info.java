// SPDX-License-Identifier: Apache-2.0
/** Test infrastructure shared by every feature: ownership of the processes tests start. */
package org.unionkiosk.testing;
