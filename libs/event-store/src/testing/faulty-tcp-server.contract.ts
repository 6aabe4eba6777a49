import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export type TcpTarget = Readonly<{ host: string; port: number }>;

/**
 * `silent`: connections are accepted and held, nothing passes either way (a hung server, or a
 * network partition that drops packets without a reset). `forward`: bytes flow to and from the
 * target, including what was held (TCP would deliver it late, not lose it).
 */
export type TcpMode = 'silent' | 'forward';

/** One accepted connection and, once it has been forwarded, its connection to the target. */
class Link {
  private upstream?: Socket;
  private flowing = false;

  constructor(readonly client: Socket) {
    client.pause();
    client.on('error', () => this.destroy());
    client.on('close', () => this.destroy());
  }

  forward(target: TcpTarget): void {
    if (this.flowing) return;
    this.flowing = true;
    if (!this.upstream) {
      this.upstream = connect(target.port, target.host);
      this.upstream.on('error', () => this.destroy());
      this.upstream.on('close', () => this.destroy());
    }
    this.client.pipe(this.upstream);
    this.upstream.pipe(this.client);
  }

  hold(): void {
    this.flowing = false;
    this.client.unpipe();
    this.upstream?.unpipe();
    this.client.pause();
    this.upstream?.pause();
  }

  destroy(): void {
    this.client.destroy();
    this.upstream?.destroy();
  }
}

/**
 * A TCP server on 127.0.0.1 that a test switches between answering (forwarding to `target`) and
 * silence, to show what a client does when its server hangs and when it comes back. Without a
 * target it is only ever silent: a server that accepts connections and never answers.
 */
export class FaultyTcpServer {
  private readonly links = new Set<Link>();
  private accepted = 0;
  private listeningOn = 0;

  private constructor(
    private readonly server: ReturnType<typeof createServer>,
    private mode: TcpMode,
    private readonly target?: TcpTarget,
  ) {
    server.on('connection', (socket) => this.accept(socket));
  }

  /** Listens on `port` (default: any free port). */
  static async start(
    options: Readonly<{ target?: TcpTarget; mode?: TcpMode; port?: number }> = {},
  ): Promise<FaultyTcpServer> {
    const mode = options.mode ?? (options.target ? 'forward' : 'silent');
    if (mode === 'forward' && !options.target) throw new Error('A FaultyTcpServer needs a target to forward to');
    const faulty = new FaultyTcpServer(createServer(), mode, options.target);
    await new Promise<void>((resolve, reject) => {
      faulty.server.once('error', reject);
      faulty.server.listen(options.port ?? 0, '127.0.0.1', resolve);
    });
    faulty.listeningOn = (faulty.server.address() as AddressInfo).port;
    return faulty;
  }

  /** The port it listens on (or listened on, once stopped). */
  get port(): number {
    return this.listeningOn;
  }

  /** Connections accepted since the start, including closed ones. */
  get connectionsAccepted(): number {
    return this.accepted;
  }

  /** Stops forwarding: open connections and new ones are held, silent but not closed. */
  cut(): void {
    this.mode = 'silent';
    for (const link of this.links) link.hold();
  }

  /** Forwards again, starting with what the held connections sent meanwhile. */
  restore(): void {
    if (!this.target) throw new Error('This FaultyTcpServer has no target: it can only be silent');
    this.mode = 'forward';
    for (const link of this.links) link.forward(this.target);
  }

  /** Closes every connection and the port; a client then sees the connection reset, then refused. */
  async stop(): Promise<void> {
    for (const link of this.links) link.destroy();
    this.links.clear();
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.accepted++;
    const link = new Link(socket);
    this.links.add(link);
    socket.on('close', () => this.links.delete(link));
    if (this.mode === 'forward' && this.target) link.forward(this.target);
  }
}

/** A port on 127.0.0.1 where nothing listens (it was free a moment ago): connections are refused. */
export async function closedPort(): Promise<number> {
  const server = await FaultyTcpServer.start();
  const { port } = server;
  await server.stop();
  return port;
}
