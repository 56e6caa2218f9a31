// SPDX-License-Identifier: Apache-2.0
/** Hours each station's power outputs were on, per month: the energy saving unions report. */
package org.unionkiosk.central.power;
