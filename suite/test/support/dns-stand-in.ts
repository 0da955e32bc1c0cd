import { createSocket } from 'node:dgram';
import dnsPacket from 'dns-packet';

export interface DnsStandIn {
  /** `127.0.0.1:<port>`, for PORTAL_DNS_SERVERS. */
  readonly server: string;
  txt(name: string, value: string): void;
  cname(name: string, target: string): void;
  close(): Promise<void>;
}

/**
 * An authoritative DNS server on loopback UDP answering TXT and CNAME questions from what the test
 * set, NXDOMAIN otherwise: what the suite's resolver meets at a real DNS host.
 */
export async function startDnsStandIn(): Promise<DnsStandIn> {
  const txt = new Map<string, string[]>();
  const cname = new Map<string, string>();
  const socket = createSocket('udp4');
  socket.on('message', (message, peer) => {
    const query = dnsPacket.decode(message);
    const question = query.questions?.[0];
    const name = question?.name.toLowerCase() ?? '';
    const answers: dnsPacket.Answer[] = [];
    if (question?.type === 'TXT')
      for (const value of txt.get(name) ?? []) answers.push({ type: 'TXT', name, ttl: 60, data: value });
    const target = cname.get(name);
    if (question?.type === 'CNAME' && target) answers.push({ type: 'CNAME', name, ttl: 60, data: target });
    const known = txt.has(name) || cname.has(name);
    const reply = dnsPacket.encode({
      type: 'response',
      id: query.id,
      flags: dnsPacket.AUTHORITATIVE_ANSWER | (known ? 0 : 3),
      questions: query.questions,
      answers,
    });
    socket.send(reply, peer.port, peer.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    server: `127.0.0.1:${socket.address().port}`,
    txt: (name, value) => txt.set(name.toLowerCase(), [...(txt.get(name.toLowerCase()) ?? []), value]),
    cname: (name, target) => cname.set(name.toLowerCase(), target),
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
