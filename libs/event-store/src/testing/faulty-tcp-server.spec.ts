import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { FaultyTcpServer } from './faulty-tcp-server.contract';
import { within } from './event-store-fixtures.contract';

/** What arrives on `socket` within `ms`, as text. */
async function received(socket: Socket, ms: number): Promise<string> {
  let text = '';
  const onData = (chunk: Buffer) => (text += chunk.toString());
  socket.on('data', onData);
  await new Promise((resolve) => setTimeout(resolve, ms));
  socket.off('data', onData);
  return text;
}

describe('FaultyTcpServer', () => {
  let echo: Server;
  let faulty: FaultyTcpServer;
  let client: Socket;
  beforeEach(async () => {
    echo = createServer((socket) => socket.pipe(socket));
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    faulty = await FaultyTcpServer.start({ target: { host: '127.0.0.1', port: (echo.address() as AddressInfo).port } });
    client = connect(faulty.port, '127.0.0.1');
    await within(2000, new Promise((resolve) => client.once('connect', resolve)));
  });
  afterEach(async () => {
    client.destroy();
    await faulty.stop();
    await new Promise((resolve) => echo.close(resolve));
  });

  it('forwards both ways, holds everything while cut, and delivers what was held once restored', async () => {
    client.write('before');
    expect(await received(client, 200)).toBe('before');

    faulty.cut();
    client.write('during');
    expect(await received(client, 200)).toBe('');

    faulty.restore();
    expect(await received(client, 300)).toBe('during');
    expect(faulty.connectionsAccepted).toBe(1);
  });

  it('holds new connections while cut', async () => {
    faulty.cut();
    const late = connect(faulty.port, '127.0.0.1');
    late.write('late');

    expect(await received(late, 200)).toBe('');
    faulty.restore();
    expect(await received(late, 300)).toBe('late');
    late.destroy();
  });
});
