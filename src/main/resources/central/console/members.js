// SPDX-License-Identifier: Apache-2.0
// Members and badges: waits for central's members API (see docs/console.md).
import { start } from './app.js';

await start('members');
