/**
 * @module lib/proxy-trust
 * Which peers may tell us a client's address (X-Forwarded-For): `server.trustProxy`, a list of
 * addresses and CIDR blocks (`10.0.0.0/8`, `2001:db8::/32`), `loopback` (127.0.0.0/8 and ::1, the
 * default: a proxy on this machine) or `none`. IPv4-mapped IPv6 peers (`::ffff:10.0.0.1`) are
 * matched as the IPv4 address they carry.
 */
import { BlockList, isIP } from 'node:net';

/** Whether `address` (already unmapped) is a proxy we believe. */
export type ProxyTrust = (address: string) => boolean;

export const DEFAULT_TRUST_PROXY: readonly string[] = ['loopback'];

/** Why `entry` is not a trustProxy entry, or undefined when it is one. */
export function proxyEntryProblem(entry: string): string | undefined {
  if (entry === 'loopback' || entry === 'none') return undefined;
  const [address = '', prefix, extra] = entry.split('/');
  const family = isIP(address);
  if (!family || extra !== undefined)
    return `"${entry}" is not an address, a CIDR block (10.0.0.0/8), loopback or none`;
  if (prefix === undefined) return undefined;
  const bits = Number(prefix);
  const max = family === 4 ? 32 : 128;
  if (!/^\d{1,3}$/.test(prefix) || bits > max) return `"${entry}": the prefix length must be 0 to ${max}`;
  return undefined;
}

/** The matcher for a validated list; `none` (alone or beside others) trusts nobody. */
export function proxyTrust(entries: readonly string[]): ProxyTrust {
  if (entries.includes('none')) return () => false;
  const list = new BlockList();
  for (const entry of entries) {
    const problem = proxyEntryProblem(entry);
    if (problem) throw new Error(`trustProxy: ${problem}`);
    if (entry === 'loopback') {
      list.addSubnet('127.0.0.0', 8, 'ipv4');
      list.addAddress('::1', 'ipv6');
      continue;
    }
    const [address = '', prefix] = entry.split('/');
    const type = isIP(address) === 4 ? 'ipv4' : 'ipv6';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return (address) => {
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  };
}
