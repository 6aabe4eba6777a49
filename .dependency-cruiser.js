/**
 * Dependency direction (shared/DESIGN.md, STYLE.md): the domain imports only the kernel, the
 * kernel imports nothing, and nothing imports from apps/. Run by `npm test`.
 */
module.exports = {
  forbidden: [
    {
      name: 'kernel-imports-nothing',
      comment: 'libs/kernel has no dependencies: not on other libs, not on npm packages, not on node built-ins.',
      severity: 'error',
      from: { path: '^libs/kernel/', pathNot: '[.]spec[.]ts$' },
      to: { pathNot: '^libs/kernel/' },
    },
    {
      name: 'domain-imports-only-kernel',
      comment:
        'libs/domain is pure: its code may import only libs/kernel and libs/personal-data, which import nothing ' +
        '(no Nest, no store, no node built-ins, no packages). ' +
        'Its specs may also use test tools (fast-check).',
      severity: 'error',
      from: { path: '^libs/domain/', pathNot: '[.]spec[.]ts$' },
      to: { pathNot: '^libs/(domain|kernel|personal-data)/' },
    },
    {
      name: 'personal-data-imports-nothing',
      comment: 'libs/personal-data is the one classification of personal data (docs/privacy.md): plain functions any layer may use.',
      severity: 'error',
      from: { path: '^libs/personal-data/', pathNot: '[.]spec[.]ts$' },
      to: { pathNot: '^libs/personal-data/' },
    },
    {
      name: 'libs-do-not-import-apps',
      comment: 'Delivery code in apps/ is a leaf: no lib imports it (only the end-to-end tests in test/ boot an app).',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-do-not-import-each-other',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'event-store-stays-below-application',
      comment: 'The store adapters know nothing of the domain, the handlers or the projections.',
      severity: 'error',
      from: { path: '^libs/event-store/' },
      to: { path: '^libs/(domain|application|projections)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^dist/' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['require', 'node', 'default'] },
  },
};
