// SPDX-License-Identifier: Apache-2.0
/** Users, roles, Argon2id passwords, sessions, CSRF, login rate limit, audit log. */
package org.unionkiosk.central.auth;
