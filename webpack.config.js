// Nest CLI webpack hook: bundle the workspace libs (@feedgate/*) into each app, keep the
// third-party packages external (node_modules at run time).
const nodeExternals = require('webpack-node-externals');

module.exports = (options) => ({
  ...options,
  externals: [nodeExternals({ allowlist: [/^@feedgate\//] })],
});
