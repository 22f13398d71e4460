/**
 * Import boundaries (run by `npm run lint:deps`):
 * apps → libs; libs never import apps, emulator or load; libs/core depends on nothing;
 * only adapter files touch kafkajs / ws (ports at every edge).
 */
module.exports = {
  forbidden: [
    {
      name: 'core-depends-on-nothing',
      comment: 'libs/core is the pure domain model: no frameworks, no other workspace code.',
      severity: 'error',
      from: { path: '^libs/core/' },
      to: {
        pathNot: ['^libs/core/', '^node_modules/(fast-check|vitest)/'],
        dependencyTypesNot: ['core'],
      },
    },
    {
      name: 'libs-not-to-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^(apps|emulator|load)/' },
    },
    {
      name: 'apps-not-to-other-apps',
      comment: 'Apps share code through libs only.',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'kafkajs-only-in-kafka-adapters',
      comment: 'Domain code never imports kafkajs: only the Kafka bus adapter and infra checks do.',
      severity: 'error',
      from: { pathNot: ['^libs/bus/src/kafka/', '^infra/', '\\.int\\.spec\\.ts$'] },
      to: { path: '^node_modules/kafkajs/' },
    },
    {
      name: 'ws-only-in-socket-adapters',
      comment: 'Domain code never imports ws: only socket adapters, servers and tests do.',
      severity: 'error',
      from: {
        pathNot: [
          '\\.socket\\.ts$',
          '\\.spec\\.ts$',
          '^emulator/',
          '^load/',
          '^apps/[^/]+/src/.*\\.(gateway|adapter|server)\\.ts$',
        ],
      },
      to: { path: '^node_modules/ws/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|\\.cache|\\.data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
