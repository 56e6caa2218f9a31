// SPDX-License-Identifier: Apache-2.0
/** {@code union-kiosk demo}: embedded broker, central and simulated stations with simulated members, one process. */
package org.unionkiosk.demo;
