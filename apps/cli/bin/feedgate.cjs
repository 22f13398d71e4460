#!/usr/bin/env node
// Entry of `npx feedgate`: runs the TypeScript CLI through the repo's swc register hook,
// resolved from this file's real location so it works from any working directory.
const path = require('node:path');
require(path.join(__dirname, '..', '..', '..', 'tools', 'register.cjs'));
require(path.join(__dirname, '..', 'src', 'main.ts'));
