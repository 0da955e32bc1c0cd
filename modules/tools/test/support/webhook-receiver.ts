import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly at: number;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly received: ReceivedWebhook[];
  /** Decides each answer; by default 200. `hang` never answers. */
  respond: (request: ReceivedWebhook) => { status: number; headers?: Record<string, string> } | 'hang';
  close(): Promise<void>;
}

/** A customer's webhook endpoint on loopback: records what arrives and answers as told. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedWebhook[] = [];
  const hanging = new Set<() => void>();
  const receiver: WebhookReceiver = {
    url: '',
    received,
    respond: () => ({ status: 200 }),
    close: async () => {
      for (const end of hanging) end();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: Date.now() };
      received.push(request);
      const answer = receiver.respond(request);
      if (answer === 'hang') {
        hanging.add(() => res.destroy());
        return;
      }
      res
        .writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers })
        .end(`answered ${answer.status}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(receiver, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks` });
  return receiver;
}
