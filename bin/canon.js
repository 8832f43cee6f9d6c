#!/usr/bin/env node
// The `canon` command: runs the compiled CLI (npm ci compiles it through the prepare script).
require('../dist/src/cli/main.js');
