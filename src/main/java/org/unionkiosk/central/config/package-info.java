// SPDX-License-Identifier: Apache-2.0
/** central.yaml as immutable records validated at load; secrets read from files. */
package org.unionkiosk.central.config;
