import { ConfigError } from '@app/hosting';
import { loadConfig } from './app-config';

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
      unnumberedReceiptAlertSeconds: 300,
      idempotencyCacheMb: 2,
    });
    expect(loadConfig({ IDEMPOTENCY_CACHE_MB: '6' }).idempotencyCacheMb).toBe(6);
    expect(() => loadConfig({ IDEMPOTENCY_CACHE_MB: '0' })).toThrow(
      'IDEMPOTENCY_CACHE_MB="0" must be a whole number from 1 to 4096',
    );
  });

  it('leaves V8 no allocation-site pretenuring unless HEAP_PRETENURING=true', () => {
    expect(loadConfig({}).heapPretenuring).toBe(false);
    expect(loadConfig({ HEAP_PRETENURING: 'TRUE' }).heapPretenuring).toBe(true);
    expect(() => loadConfig({ HEAP_PRETENURING: 'on' })).toThrow('HEAP_PRETENURING="on" must be true or false');
  });

  describe('resource limits', () => {
    it('has defaults generous enough for a busy integration, and a shutdown that outlasts a request', () => {
      expect(loadConfig({})).toMatchObject({
        rateLimitPerMinute: 6000,
        rateLimitBurst: 300,
        requestTimeoutMs: 10_000,
        httpHeadersTimeoutMs: 10_000,
        httpReceiveTimeoutMs: 30_000,
        httpKeepAliveTimeoutMs: 72_000,
        shutdownTimeoutMs: 20_000,
      });
    });

    it('reads each of them', () => {
      const env = {
        RATE_LIMIT_PER_MINUTE: '120',
        RATE_LIMIT_BURST: '20',
        STORE_TIMEOUT_MS: '1000',
        READ_YOUR_WRITES_TIMEOUT_MS: '500',
        REQUEST_TIMEOUT_MS: '3000',
        HTTP_HEADERS_TIMEOUT_MS: '2000',
        HTTP_RECEIVE_TIMEOUT_MS: '4000',
        HTTP_KEEP_ALIVE_TIMEOUT_MS: '5000',
        SHUTDOWN_TIMEOUT_MS: '8000',
      };
      expect(loadConfig(env)).toMatchObject({
        rateLimitPerMinute: 120,
        rateLimitBurst: 20,
        requestTimeoutMs: 3000,
        httpHeadersTimeoutMs: 2000,
        httpReceiveTimeoutMs: 4000,
        httpKeepAliveTimeoutMs: 5000,
        shutdownTimeoutMs: 8000,
      });
    });

    it.each([
      [{ RATE_LIMIT_PER_MINUTE: '0' }, /RATE_LIMIT_PER_MINUTE="0" must be a whole number from 1/],
      [{ RATE_LIMIT_BURST: 'lots' }, /RATE_LIMIT_BURST="lots"/],
      [{ REQUEST_TIMEOUT_MS: '2.5' }, /REQUEST_TIMEOUT_MS="2.5"/],
      [{ HTTP_HEADERS_TIMEOUT_MS: '10' }, /HTTP_HEADERS_TIMEOUT_MS="10" must be a whole number from 1000/],
      [{ HTTP_RECEIVE_TIMEOUT_MS: '-1' }, /HTTP_RECEIVE_TIMEOUT_MS="-1"/],
      [{ HTTP_KEEP_ALIVE_TIMEOUT_MS: '1e9' }, /HTTP_KEEP_ALIVE_TIMEOUT_MS="1e9"/],
      [{ SHUTDOWN_TIMEOUT_MS: 'soon' }, /SHUTDOWN_TIMEOUT_MS="soon"/],
    ])('names a limit that is not a number in range: %j', (env, message) => {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(message);
    });

    it.each([
      [
        { RATE_LIMIT_PER_MINUTE: '100', RATE_LIMIT_BURST: '101' },
        /RATE_LIMIT_BURST=101 must not exceed RATE_LIMIT_PER_MINUTE=100/,
      ],
      [
        { REQUEST_TIMEOUT_MS: '7000' },
        /REQUEST_TIMEOUT_MS=7000 must be greater than STORE_TIMEOUT_MS \+ READ_YOUR_WRITES_TIMEOUT_MS \(7000\)/,
      ],
      [{ STORE_TIMEOUT_MS: '9000' }, /REQUEST_TIMEOUT_MS=10000 must be greater than .*\(11000\)/],
      [
        { HTTP_HEADERS_TIMEOUT_MS: '40000' },
        /HTTP_HEADERS_TIMEOUT_MS=40000 must not exceed HTTP_RECEIVE_TIMEOUT_MS=30000/,
      ],
      [{ SHUTDOWN_TIMEOUT_MS: '10000' }, /SHUTDOWN_TIMEOUT_MS=10000 must be greater than REQUEST_TIMEOUT_MS=10000/],
    ])('refuses limits that contradict each other, naming both: %j', (env, message) => {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(message);
    });
  });

  it('leaves the processes to case-worker with RUN_PROCESSES=false', () => {
    expect(loadConfig({ RUN_PROCESSES: 'false' }).runProcesses).toBe(false);
    expect(() => loadConfig({ RUN_PROCESSES: 'no' })).toThrow(/RUN_PROCESSES="no"/);
  });

  it('reads how long a receipt may stay unnumbered before /health says degraded', () => {
    expect(loadConfig({ UNNUMBERED_RECEIPT_ALERT_SECONDS: '60' }).unnumberedReceiptAlertSeconds).toBe(60);
    expect(() => loadConfig({ UNNUMBERED_RECEIPT_ALERT_SECONDS: '0' })).toThrow(
      'UNNUMBERED_RECEIPT_ALERT_SECONDS="0" must be a whole number from 1 to 604800',
    );
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
    [{ PROJECTION_BATCH_SIZE: '0' }, 'PROJECTION_BATCH_SIZE="0" must be a whole number from 1 to 10000'],
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
    const config = loadConfig({
      NODE_ENV: 'production',
      API_KEYS: '[{"key":"0123456789abcdef","principal":"portal","roles":["intake"]}]',
      AUDIT_HMAC_KEYS: AUDIT_KEYS,
    });
    expect(config.apiKeys).toEqual([{ key: '0123456789abcdef', principal: 'portal', roles: ['intake'] }]);
  });
});
