import type { TcpTarget } from './faulty-tcp-server.contract';

/** A KurrentDB connection string taken apart: `kurrentdb://[user:pass@]host[:port][,host[:port]…][/][?query]`. */
export type KurrentDbUrl = Readonly<{
  /** `kurrentdb`, `kurrentdb+discover`, `esdb`, `esdb+discover`. */
  scheme: string;
  /** `user:pass@`, or empty. */
  userInfo: string;
  /** One node, or the gossip seeds of a cluster. */
  hosts: readonly TcpTarget[];
  /** `?tls=false&…`, or empty. */
  query: string;
}>;

const DEFAULT_PORT = 2113;
const CONNECTION_STRING = /^([a-z][a-z+]*):\/\/([^@/?]*@)?([^/?]+)\/?(\?.*)?$/i;
const HOST = /^(\[[^\]]+\]|[^:[\]]+)(?::(\d{1,5}))?$/;

/**
 * Parses a connection string without `new URL`, which refuses the host list of a cluster
 * (`kurrentdb://a:2111,b:2112,c:2113?tls=false`).
 */
export function parseKurrentDbUrl(connectionString: string): KurrentDbUrl {
  const match = CONNECTION_STRING.exec(connectionString.trim());
  if (!match) {
    throw new Error(
      `KURRENTDB_URL is not a KurrentDB connection string (kurrentdb://host:port[,host:port…]?tls=false): ${connectionString}`,
    );
  }
  const [, scheme, userInfo = '', hostList, query = ''] = match;
  const hosts = hostList.split(',').map((entry) => {
    const host = HOST.exec(entry.trim());
    if (!host) throw new Error(`KURRENTDB_URL names a host that is not host[:port]: "${entry}" in ${connectionString}`);
    return { host: host[1].replace(/^\[|\]$/g, ''), port: host[2] ? Number(host[2]) : DEFAULT_PORT };
  });
  return { scheme: scheme.toLowerCase(), userInfo, hosts, query };
}

/** A single node the client connects to directly; a cluster (several seeds, or DNS discovery) is reached through gossip. */
export function isSingleNode(url: KurrentDbUrl): boolean {
  return url.hosts.length === 1 && !url.scheme.endsWith('+discover');
}

/** The same connection string, pointed at `target` instead of its hosts. */
export function pointedAt(url: KurrentDbUrl, target: TcpTarget): string {
  return `${url.scheme}://${url.userInfo}${target.host}:${target.port}${url.query}`;
}
