// SPDX-License-Identifier: Apache-2.0
/** Signed commands to stations, their answers, and desired revocations reconciled on each birth. */
package org.unionkiosk.central.commands;
