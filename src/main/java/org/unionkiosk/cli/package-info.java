// SPDX-License-Identifier: Apache-2.0
/** The {@code union-kiosk} command line (picocli): one class per subcommand. The only place that prints. */
package org.unionkiosk.cli;
