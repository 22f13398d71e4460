// Runs TypeScript sources directly with swc, keeping decorator metadata (Nest DI needs it).
process.env.SWC_NODE_PROJECT =
  process.env.SWC_NODE_PROJECT || require('node:path').join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
