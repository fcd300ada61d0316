/**
 * A client for Marionette, the remote protocol built into Firefox (geckodriver speaks it too).
 *
 * Why not puppeteer-core over WebDriver BiDi: Firefox ESR 153 refuses BiDi navigation to
 * moz-extension:// pages and leaves the extension's own tabs out of the browsing-context tree, so
 * the options page and the popup cannot be reached, and Firefox allows one WebDriver session, so
 * BiDi and Marionette cannot share the browser. Marionette with system access can open extension
 * pages and run scripts in them. Its wire format is a length, a colon and a JSON array.
 */
import { connect, type Socket } from 'node:net';

type Reply = [type: 1, id: number, error: { error: string; message: string } | null, result: unknown];

export class Marionette {
  private buffer = Buffer.alloc(0);
  private readonly waiting: { resolve(message: unknown[]): void; reject(error: Error): void }[] = [];
  private closed = false;
  private readonly arrived: unknown[][] = [];
  private lastId = 0;
  /** Replies carry no reliable order across commands in flight: one command at a time. */
  private turn: Promise<unknown> = Promise.resolve();

  private constructor(private readonly socket: Socket) {
    socket.on('data', (data: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, data]);
      this.drain();
    });
    // Firefox quitting or crashing must fail what is waiting, not leave it waiting for ever.
    socket.on('close', () => {
      this.closed = true;
      for (const waiter of this.waiting.splice(0)) waiter.reject(new Error('The connection to Firefox closed.'));
    });
  }

  /** Connects to Firefox's Marionette on `port` (once it has said it listens), and reads its greeting. */
  static async connect(port: number): Promise<Marionette> {
    const socket = await new Promise<Socket>((resolve, reject) => {
      const attempt = connect(port, '127.0.0.1', () => resolve(attempt));
      attempt.once('error', reject);
    });
    const client = new Marionette(socket);
    await client.next();
    return client;
  }

  private drain(): void {
    for (;;) {
      const colon = this.buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(this.buffer.subarray(0, colon).toString());
      if (this.buffer.length < colon + 1 + length) return;
      const message = JSON.parse(this.buffer.subarray(colon + 1, colon + 1 + length).toString()) as unknown[];
      this.buffer = this.buffer.subarray(colon + 1 + length);
      const waiter = this.waiting.shift();
      if (waiter) waiter.resolve(message);
      else this.arrived.push(message);
    }
  }

  private next(): Promise<unknown[]> {
    const ready = this.arrived.shift();
    if (ready) return Promise.resolve(ready);
    if (this.closed) return Promise.reject(new Error('The connection to Firefox closed.'));
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  /** Sends one command and returns its result; a Marionette error becomes an Error naming the command. */
  send<T = unknown>(command: string, parameters: Record<string, unknown> = {}): Promise<T> {
    const result = this.turn.then(() => this.exchange<T>(command, parameters));
    // The caller sees a failure; the next command still goes.
    this.turn = result.catch(() => undefined);
    return result;
  }

  private async exchange<T>(command: string, parameters: Record<string, unknown>): Promise<T> {
    this.lastId += 1;
    const body = JSON.stringify([0, this.lastId, command, parameters]);
    this.socket.write(`${Buffer.byteLength(body)}:${body}`);
    const [, , error, result] = (await this.next()) as Reply;
    if (error) throw new Error(`${command} failed: ${error.error}: ${error.message}`);
    return result as T;
  }

  close(): void {
    this.socket.destroy();
  }
}
