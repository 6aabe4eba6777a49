import { isSingleNode, parseKurrentDbUrl, pointedAt } from './kurrentdb-url.contract';

describe('parseKurrentDbUrl (issue 20, defect 6)', () => {
  it('takes apart the README cluster URL, which new URL() refuses', () => {
    const cluster = 'kurrentdb://localhost:2111,localhost:2112,localhost:2113?tls=false&nodePreference=leader';

    const url = parseKurrentDbUrl(cluster);

    expect(() => new URL(cluster)).toThrow();
    expect(url).toEqual({
      scheme: 'kurrentdb',
      userInfo: '',
      hosts: [
        { host: 'localhost', port: 2111 },
        { host: 'localhost', port: 2112 },
        { host: 'localhost', port: 2113 },
      ],
      query: '?tls=false&nodePreference=leader',
    });
    expect(isSingleNode(url)).toBe(false);
  });

  it('takes apart a single node, keeping credentials and query when pointed at a proxy', () => {
    const url = parseKurrentDbUrl('kurrentdb://admin:changeit@db.example:2113/?tls=true');

    expect(isSingleNode(url)).toBe(true);
    expect(url.hosts).toEqual([{ host: 'db.example', port: 2113 }]);
    expect(pointedAt(url, { host: '127.0.0.1', port: 40123 })).toBe(
      'kurrentdb://admin:changeit@127.0.0.1:40123?tls=true',
    );
  });

  it('defaults the port to 2113, reads IPv6 hosts, and counts DNS discovery as a cluster', () => {
    expect(parseKurrentDbUrl('esdb://[::1]?tls=false').hosts).toEqual([{ host: '::1', port: 2113 }]);
    expect(isSingleNode(parseKurrentDbUrl('kurrentdb+discover://cluster.example:2113'))).toBe(false);
  });

  it.each(['localhost:2113', 'kurrentdb://', 'kurrentdb://a:2111,:2112', 'kurrentdb://a:port'])(
    'refuses %p, naming what is wrong',
    (connectionString) => {
      expect(() => parseKurrentDbUrl(connectionString)).toThrow(/KURRENTDB_URL/);
    },
  );
});
