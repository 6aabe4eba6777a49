import { ConfigError, integer } from '@app/hosting';
import { loadAuditSettings } from './audit-config';

const load = (env: NodeJS.ProcessEnv) => loadAuditSettings(env, false, (message) => new ConfigError(message), integer);

describe('as-of cache settings (AS_OF_CACHE_ENTRIES, AS_OF_CACHE_MB)', () => {
  it('default to 1,000 streams and 8 MB, and take whole numbers in range', () => {
    expect(load({})).toMatchObject({ asOfCacheEntries: 1_000, asOfCacheMb: 8 });
    expect(load({ AS_OF_CACHE_ENTRIES: '0', AS_OF_CACHE_MB: '64' })).toMatchObject({
      asOfCacheEntries: 0,
      asOfCacheMb: 64,
    });
  });

  it('refuse a value out of range or not a whole number, naming the variable', () => {
    expect(() => load({ AS_OF_CACHE_ENTRIES: '-1' })).toThrow(/AS_OF_CACHE_ENTRIES="-1" must be a whole number/);
    expect(() => load({ AS_OF_CACHE_MB: '0' })).toThrow(/AS_OF_CACHE_MB="0" must be a whole number from 1/);
    expect(() => load({ AS_OF_CACHE_MB: '1.5' })).toThrow(ConfigError);
  });
});
