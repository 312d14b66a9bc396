#!/usr/bin/env node
// The bundled CLI is built by `npm run build` (run by `prepare` on `npm ci`).
import '../dist/cli.js';
