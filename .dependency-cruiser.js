/**
 * Dependency direction (shared/DESIGN.md, STYLE.md): the domain imports only the kernel, the
 * kernel imports nothing, and nothing imports from apps/. The layers point one way —
 * kernel ← domain ← application ← projections ← processes ← hosting, with event-store and
 * integrity below application and hosting just below the apps — and production code never
 * reaches test code. Run by `npm test`.
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
      name: 'domain-rules-sit-below-the-case',
      comment:
        'The rule modules of the domain (screening, fees, cap, issuance, dates, policy, the submission…) are facts the ' +
        'case aggregate reads; they never import it back (libs/domain/src/case).',
      severity: 'error',
      from: {
        path: '^libs/domain/src/',
        pathNot: ['^libs/domain/src/case/', '^libs/domain/src/index[.]ts$', '[.]spec[.]ts$'],
      },
      to: { path: '^libs/domain/src/case/' },
    },
    {
      name: 'use-cases-do-not-reach-into-each-other',
      comment:
        "A use case folder of the case (submit, intake, decision…) reads the aggregate's shared files (state, unions, " +
        "guards, queries) and the rule modules, never another use case's files: what two share moves down a level.",
      severity: 'error',
      from: { path: '^libs/domain/src/case/([^/]+)/', pathNot: '[.]spec[.]ts$' },
      to: { path: '^libs/domain/src/case/[^/]+/', pathNot: '^libs/domain/src/case/$1/' },
    },
    {
      name: 'api-slices-do-not-reach-into-each-other',
      comment:
        "A use-case group of the API (apps/case-api/src/case/<group>) uses the case's shared plumbing and http/, " +
        "never another group's controller or DTOs.",
      severity: 'error',
      from: { path: '^apps/case-api/src/case/([^/]+)/', pathNot: '[.]spec[.]ts$' },
      to: { path: '^apps/case-api/src/case/[^/]+/', pathNot: '^apps/case-api/src/case/$1/' },
    },
    {
      name: 'personal-data-imports-nothing',
      comment:
        'libs/personal-data is the one classification of personal data (docs/privacy.md): plain functions any layer may use.',
      severity: 'error',
      from: { path: '^libs/personal-data/', pathNot: '[.]spec[.]ts$' },
      to: { pathNot: '^libs/personal-data/' },
    },
    {
      name: 'domain-entered-through-its-index',
      comment:
        'Everything outside libs/domain imports it as @app/domain: its folders can move and split ' +
        'without reaching into the callers, and its index is the one list of what it offers.',
      severity: 'error',
      from: { pathNot: '^libs/domain/' },
      to: { path: '^libs/domain/', pathNot: '^libs/domain/src/index[.]ts$' },
    },
    {
      name: 'integrity-imports-only-kernel-and-event-store',
      comment:
        'libs/integrity (hash chain, deterministic ids, audit keys, signed digests, verification) sits ' +
        'below the application: it may use libs/kernel and libs/event-store, never the domain, the ' +
        'application, the projections, the processes or the testing lib.',
      severity: 'error',
      from: { path: '^libs/integrity/' },
      to: { path: '^libs/', pathNot: '^libs/(integrity|kernel|event-store)/' },
    },
    {
      name: 'integrity-reads-the-event-store-through-its-port',
      comment:
        'Production integrity code sees the store only as the EventStore port and its event types ' +
        "(type-only imports); which adapter runs is the caller's choice. Its specs may open a real store.",
      severity: 'error',
      from: { path: '^libs/integrity/', pathNot: ['[.]spec[.]ts$', '/testing/'] },
      to: { path: '^libs/event-store/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'integrity-uses-no-framework',
      comment:
        'Production integrity code uses node built-ins and better-sqlite3 (its digest file), no Nest and no other package.',
      severity: 'error',
      from: { path: '^libs/integrity/', pathNot: ['[.]spec[.]ts$', '/testing/'] },
      to: { path: '^node_modules/', pathNot: '^node_modules/(@types/)?better-sqlite3/' },
    },
    {
      name: 'application-does-not-import-read-side-or-processes',
      comment:
        'The write path (handlers, pipeline, idempotency) knows nothing of the projections or the process managers that follow it.',
      severity: 'error',
      from: { path: '^libs/application/' },
      to: { path: '^libs/(projections|processes)/' },
    },
    {
      name: 'projections-do-not-import-processes',
      comment: 'Read models are pure functions of events; the process managers build on them, not the other way round.',
      severity: 'error',
      from: { path: '^libs/projections/' },
      to: { path: '^libs/processes/' },
    },
    {
      name: 'production-code-does-not-import-test-code',
      comment:
        'What ships (apps/**, libs/** outside specs, testing/ folders, fixtures and contract suites) never ' +
        'imports libs/testing, a testing/ folder, a *.fixture.ts, a *.contract.ts or a spec; ' +
        'tsconfig.build.json leaves those out of dist/, so such an import would only fail in production.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: ['[.]spec[.]ts$', '/testing/', '[.]fixture[.]ts$', '[.]contract[.]ts$'] },
      to: { path: ['^libs/testing/', '/testing/', '[.]fixture[.]ts$', '[.]contract[.]ts$', '[.]spec[.]ts$'] },
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
      comment:
        'The store adapters know nothing of the domain, the tamper evidence, the handlers, the projections or the processes.',
      severity: 'error',
      from: { path: '^libs/event-store/' },
      to: { path: '^libs/(domain|integrity|application|projections|processes)/' },
    },
    {
      name: 'hosting-sits-between-libs-and-apps',
      comment:
        'libs/hosting is the Nest wiring the apps share (configuration, stores, projection runner): it builds on ' +
        'the event store, the application, the projections and the processes, never on the domain or the test kit.',
      severity: 'error',
      from: { path: '^libs/hosting/' },
      to: {
        path: '^libs/',
        pathNot: '^libs/(hosting|kernel|personal-data|event-store|application|projections|processes)/',
      },
    },
    {
      name: 'only-apps-use-hosting',
      comment: 'libs/hosting sits just below apps/: no other lib imports it.',
      severity: 'error',
      from: { path: '^libs/', pathNot: '^libs/hosting/' },
      to: { path: '^libs/hosting/' },
    },
    {
      name: 'server-does-not-use-the-client',
      comment: 'The server never calls itself through the typed client: only test/ and docs/examples use libs/client.',
      severity: 'error',
      from: { path: '^(libs|apps)/', pathNot: '^libs/client/' },
      to: { path: '^libs/client/' },
    },
    {
      name: 'client-imports-no-server-code',
      comment:
        'libs/client (@app/client) is what integrations use: openapi-fetch and the types generated from ' +
        "docs/openapi.json, nothing of the server's code.",
      severity: 'error',
      from: { path: '^libs/client/' },
      to: { path: '^(libs|apps)/', pathNot: '^libs/client/' },
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
