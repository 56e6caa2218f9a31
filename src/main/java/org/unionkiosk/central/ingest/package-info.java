// SPDX-License-Identifier: Apache-2.0
/** MQTT ingest: one Paho connection with a shared subscription, manual acks after commit, batched idempotent event writes, rejects. */
package org.unionkiosk.central.ingest;
