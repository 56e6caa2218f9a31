// SPDX-License-Identifier: Apache-2.0
/** The station's one config file, read into immutable records and validated before any hardware is touched. */
package org.unionkiosk.station.config;
