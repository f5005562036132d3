/**
 * @module testing/email/smtp-server (test-only)
 * A real SMTP server on 127.0.0.1 for tests and benchmarks: it speaks the protocol through the
 * `smtp-server` package, parses what it accepts with `mailparser`, and can be told to answer a
 * RCPT or DATA with any reply code or to drop the connection, one command at a time.
 */
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

export interface SmtpReply {
  code: number;
  message?: string;
}
/** A scripted answer: a reply code, `drop` (close the socket without a word) or undefined (accept). */
export type SmtpFault = SmtpReply | 'drop' | undefined;

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  messageId: string;
  raw: Buffer;
  parsed: ParsedMail;
}

export interface TestSmtpServerOptions {
  /** Count accepted messages without keeping or parsing them (benchmarks). */
  discard?: boolean;
  /**
   * Keep only each message's envelope recipients and Message-ID (read from its header, no parse),
   * in `envelopes`, not `received`: for runs of many thousand messages.
   */
  envelopesOnly?: boolean;
  /** Waited before answering each DATA, so a run lasts long enough to be interrupted. */
  latencyMs?: number;
  /** Require AUTH with these credentials (plain text: the test server has no TLS). */
  auth?: { user: string; pass: string };
}

export interface TestSmtpServer {
  port: number;
  /** `smtp://127.0.0.1:PORT`, ready for EmailSettings.smtpUrl. */
  url: string;
  /** Every message answered with 250, in that order. */
  received: ReceivedMail[];
  accepted: number;
  /** With `envelopesOnly`: each accepted message's recipients and Message-ID, in order. */
  envelopes: { to: string[]; messageId: string }[];
  /** Decides each RCPT TO; `offered` counts earlier RCPTs of the same address (0 the first time). */
  onRcpt: (address: string, offered: number) => SmtpFault;
  /** Decides each DATA after the message arrived; `count` numbers the DATA commands from 1. */
  onData: (message: { to: string[]; count: number }) => SmtpFault;
  /** Every password a client offered, to check what the client sent. */
  passwords: string[];
  close(): Promise<void>;
}

function replyError(reply: SmtpReply): Error & { responseCode: number } {
  return Object.assign(new Error(reply.message ?? `Scripted reply ${reply.code}`), {
    responseCode: reply.code,
  });
}

export async function startTestSmtpServer(options: TestSmtpServerOptions = {}): Promise<TestSmtpServer> {
  const offered = new Map<string, number>();
  let dataCount = 0;
  const state: TestSmtpServer = {
    port: 0,
    url: '',
    received: [],
    accepted: 0,
    envelopes: [],
    onRcpt: () => undefined,
    onData: () => undefined,
    passwords: [],
    close: async () => {},
  };

  const server: SMTPServer = new SMTPServer({
    secure: false,
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    hideSTARTTLS: true,
    logger: false,
    size: 10 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      state.passwords.push(auth.password ?? '');
      const ok = options.auth && auth.username === options.auth.user && auth.password === options.auth.pass;
      callback(
        ok ? null : replyError({ code: 535, message: 'Authentication failed' }),
        ok ? { user: auth.username } : undefined,
      );
    },
    onRcptTo(address, session, callback) {
      const seen = offered.get(address.address) ?? 0;
      offered.set(address.address, seen + 1);
      const fault = state.onRcpt(address.address, seen);
      if (fault === 'drop') return drop(session);
      callback(fault ? replyError(fault) : null);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => {
        if (!options.discard) chunks.push(chunk);
      });
      // A client that vanishes mid-DATA destroys the stream: nothing was accepted.
      stream.on('error', () => {});
      stream.on('end', () => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        const fault = state.onData({ to, count: ++dataCount });
        if (fault === 'drop') return drop(session);
        if (fault) return callback(replyError(fault));
        void accept(Buffer.concat(chunks), session, to).then(
          () => callback(null, 'Queued'),
          (error: unknown) => callback(replyError({ code: 451, message: String(error) })),
        );
      });
    },
  });

  async function accept(raw: Buffer, session: SMTPServerSession, to: string[]): Promise<void> {
    const parsed = options.discard || options.envelopesOnly ? undefined : await simpleParser(raw);
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    // Recorded in the same tick as the 250 goes out: `received` is what the server took responsibility for.
    state.accepted += 1;
    if (options.envelopesOnly) {
      const end = raw.indexOf('\r\n\r\n');
      const header = raw.subarray(0, end < 0 ? raw.length : end).toString('latin1');
      const messageId = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(header)?.[1] ?? '';
      state.envelopes.push({ to, messageId });
    }
    if (parsed) {
      const from = session.envelope.mailFrom;
      state.received.push({
        envelopeFrom: from ? from.address : '',
        envelopeTo: to,
        messageId: parsed.messageId ?? '',
        raw,
        parsed,
      });
    }
  }

  function drop(session: SMTPServerSession): void {
    for (const connection of server.connections) {
      if (connection.id === session.id) connection._socket.destroy();
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.on('error', () => {});
  const address = server.server.address();
  state.port = typeof address === 'object' && address ? address.port : 0;
  state.url = options.auth
    ? `smtp://${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.pass)}@127.0.0.1:${state.port}`
    : `smtp://127.0.0.1:${state.port}`;
  state.close = () =>
    new Promise<void>((resolve) => {
      for (const connection of server.connections) connection._socket.destroy();
      server.close(() => resolve());
    });
  return state;
}

/** Fails the first `times` offers of each address for which `which` is true, then accepts. */
export function failFirst(times: number, reply: SmtpReply, which: (address: string) => boolean = () => true) {
  return (address: string, offered: number): SmtpFault =>
    which(address) && offered < times ? reply : undefined;
}
