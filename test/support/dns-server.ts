// A local DNS server (UDP, RFC 1035 wire format) for tests of mail-domain checks: answers A, AAAA
// and MX from a small zone, NXDOMAIN for names outside it. Listens on 127.0.0.1 only.
import { createSocket, type Socket } from 'node:dgram';

export interface Zone {
  [name: string]: { A?: string[]; AAAA?: string[]; MX?: Array<{ preference: number; exchange: string }> };
}

const TYPE = { A: 1, MX: 15, AAAA: 28 } as const;

function encodeName(name: string): Buffer {
  const labels = name.replace(/\.$/, '').split('.').filter(Boolean);
  return Buffer.concat([...labels.map((label) => Buffer.concat([Buffer.from([label.length]), Buffer.from(label, 'ascii')])), Buffer.from([0])]);
}

function readQuestion(message: Buffer): { name: string; type: number; end: number } {
  const labels: string[] = [];
  let at = 12;
  while (message[at]! > 0) {
    const length = message[at]!;
    labels.push(message.subarray(at + 1, at + 1 + length).toString('ascii'));
    at += length + 1;
  }
  return { name: labels.join('.').toLowerCase(), type: message.readUInt16BE(at + 1), end: at + 5 };
}

function ipv6Bytes(address: string): Buffer {
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return Buffer.from(groups.flatMap((g) => { const n = Number.parseInt(g, 16); return [n >> 8, n & 0xff]; }));
}

export async function startDnsServer(zone: Zone): Promise<{ address: string; queries: Array<{ name: string; type: number }>; stop: () => Promise<void> }> {
  const socket: Socket = createSocket('udp4');
  const queries: Array<{ name: string; type: number }> = [];
  socket.on('message', (message, from) => {
    const { name, type, end } = readQuestion(message);
    queries.push({ name, type });
    const records = zone[name];
    const answers: Buffer[] = [];
    const rr = (data: Buffer) => {
      const head = Buffer.alloc(10);
      head.writeUInt16BE(type, 0);
      head.writeUInt16BE(1, 2);
      head.writeUInt32BE(60, 4);
      head.writeUInt16BE(data.length, 8);
      answers.push(Buffer.concat([Buffer.from([0xc0, 0x0c]), head, data]));
    };
    if (records && type === TYPE.A) for (const ip of records.A ?? []) rr(Buffer.from(ip.split('.').map(Number)));
    if (records && type === TYPE.AAAA) for (const ip of records.AAAA ?? []) rr(ipv6Bytes(ip));
    if (records && type === TYPE.MX) for (const mx of records.MX ?? []) { const pref = Buffer.alloc(2); pref.writeUInt16BE(mx.preference); rr(Buffer.concat([pref, encodeName(mx.exchange)])); }
    const header = Buffer.alloc(12);
    message.copy(header, 0, 0, 2); // the query's id
    header.writeUInt16BE(0x8180 | (records ? 0 : 3), 2); // a response, recursion available; NXDOMAIN outside the zone
    header.writeUInt16BE(1, 4);
    header.writeUInt16BE(answers.length, 6);
    socket.send(Buffer.concat([header, message.subarray(12, end), ...answers]), from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return { address: `127.0.0.1:${socket.address().port}`, queries, stop: () => new Promise<void>((resolve) => socket.close(() => resolve())) };
}
