// SPDX-License-Identifier: Apache-2.0
/** JMH benchmarks of the hot paths; run them as docs/benchmarks.md says, never as tests. */
package org.unionkiosk.bench;
