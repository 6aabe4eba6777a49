import { ConfigError, loadConfig } from './app-config';

const AUDIT_KEYS = JSON.stringify([{ id: 'k1', key: Buffer.alloc(32, 7).toString('base64') }]);

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    expect(loadConfig({})).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      eventStore: 'sqlite',
      apiKeys: null,
      production: false,
      schedulerTickMs: 60000,
      runProcesses: true,
    });
  });

  it('leaves the processes to case-worker with RUN_PROCESSES=false', () => {
    expect(loadConfig({ RUN_PROCESSES: 'false' }).runProcesses).toBe(false);
    expect(() => loadConfig({ RUN_PROCESSES: 'no' })).toThrow(/RUN_PROCESSES="no"/);
  });

  it('refuses production without API_KEYS', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/API_KEYS/);
  });

  it('names KURRENTDB_URL when the kurrentdb store has none', () => {
    expect(() => loadConfig({ EVENT_STORE: 'kurrentdb' })).toThrow(/KURRENTDB_URL/);
  });

  it.each([
    [{ EVENT_STORE: 'postgres' }, /EVENT_STORE="postgres"/],
    [{ PORT: 'eighty' }, /PORT="eighty"/],
    [{ API_KEYS: '{not json' }, /API_KEYS is not valid JSON/],
    [{ API_KEYS: '[{"key":"short","principal":"p","roles":["officer"]}]' }, /API_KEYS\[0\]\.key/],
    [{ API_KEYS: '[{"key":"0123456789abcdef","principal":"p","roles":["root"]}]' }, /API_KEYS\[0\]\.roles/],
  ])('names the variable that is wrong: %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('refuses production without AUDIT_HMAC_KEYS, and names a bad one', () => {
    const apiKeys = '[{"key":"0123456789abcdef","principal":"portal","roles":["intake"]}]';
    expect(() => loadConfig({ NODE_ENV: 'production', API_KEYS: apiKeys })).toThrow(/AUDIT_HMAC_KEYS/);
    expect(() => loadConfig({ AUDIT_HMAC_KEYS: '[{"id":"k","key":"c2hvcnQ="}]' })).toThrow(ConfigError);
  });

  it('reads valid API_KEYS', () => {
    const config = loadConfig({ NODE_ENV: 'production', API_KEYS: '[{"key":"0123456789abcdef","principal":"portal","roles":["intake"]}]', AUDIT_HMAC_KEYS: AUDIT_KEYS });
    expect(config.apiKeys).toEqual([{ key: '0123456789abcdef', principal: 'portal', roles: ['intake'] }]);
  });
});
