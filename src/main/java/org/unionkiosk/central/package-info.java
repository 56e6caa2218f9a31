// SPDX-License-Identifier: Apache-2.0
/** Central fleet server: {@link org.unionkiosk.central.CentralMain} wires the features; never imports station. */
package org.unionkiosk.central;
