// SPDX-License-Identifier: Apache-2.0
/** The /api JSON endpoints, routed and validated from the OpenAPI document, and the one error handler. */
package org.unionkiosk.central.api;
