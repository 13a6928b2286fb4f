/**
 * The addresses a workflow's HTTP request may reach. Pure (no DNS, no sockets): the server's HTTP
 * client checks every address a name resolves to with it, and the editor flags a URL whose host is
 * such an address while drawing.
 */
/**
 * Who may reach an address from a workflow's HTTP request: every client (`public`), only a host a
 * system admin put on the client's allowed hosts (`private`), or nobody (`never`).
 */
export type AddressReach = 'public' | 'private' | 'never';

export interface AddressClass {
  reach: AddressReach;
  /** What the address is, for messages: "loopback", "private network", … */
  kind: string;
}

interface SpecialRange {
  kind: string;
  reach: Exclude<AddressReach, 'public'>;
  ranges: readonly string[];
}

/**
 * The ranges that are not public. The first range an address is in decides, so the specific ones
 * (metadata inside link-local, unique local and carrier-grade NAT) come first. 6to4 (2002::/16) is
 * not listed: it takes the reach of the IPv4 address it embeds (see `classifyAddress`).
 */
const SPECIAL_RANGES: readonly SpecialRange[] = [
  // AWS, Azure, GCP and Oracle (inside 192.0.0.0/24) answer at 169.254.169.254; AWS also at
  // fd00:ec2::254 (inside fc00::/7), Alibaba Cloud at 100.100.100.200 (inside 100.64.0.0/10).
  { kind: 'cloud metadata', reach: 'never', ranges: ['169.254.169.254/32', '100.100.100.200/32', 'fd00:ec2::254/128'] },
  { kind: 'unspecified', reach: 'never', ranges: ['0.0.0.0/32', '::/128'] },
  { kind: 'loopback', reach: 'never', ranges: ['127.0.0.0/8', '::1/128'] },
  { kind: 'this network', reach: 'never', ranges: ['0.0.0.0/8'] },
  { kind: 'link-local', reach: 'never', ranges: ['169.254.0.0/16', 'fe80::/10'] },
  { kind: 'multicast', reach: 'never', ranges: ['224.0.0.0/4', 'ff00::/8'] },
  // IPv6 forms of IPv4 addresses: each could carry a blocked IPv4 address past the IPv4 ranges.
  { kind: 'IPv4-mapped', reach: 'never', ranges: ['::ffff:0:0/96'] },
  { kind: 'IPv4-compatible', reach: 'never', ranges: ['::/96'] },
  { kind: 'NAT64', reach: 'never', ranges: ['64:ff9b::/96', '64:ff9b:1::/48'] },
  { kind: 'Teredo', reach: 'never', ranges: ['2001::/32'] },
  {
    kind: 'reserved',
    reach: 'never',
    ranges: [
      '192.0.0.0/24',
      '192.0.2.0/24',
      '192.88.99.0/24',
      '198.18.0.0/15',
      '198.51.100.0/24',
      '203.0.113.0/24',
      '240.0.0.0/4',
      '100::/64',
      '2001::/23',
      '2001:db8::/32',
    ],
  },
  {
    kind: 'private network',
    reach: 'private',
    ranges: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', 'fc00::/7', 'fec0::/10'],
  },
  { kind: 'carrier-grade NAT', reach: 'private', ranges: ['100.64.0.0/10'] },
];

const IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

interface Cidr {
  family: 4 | 6;
  network: bigint;
  prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;

const PARSED_RANGES = SPECIAL_RANGES.map((range) => ({ ...range, cidrs: range.ranges.map(parseCidr) }));

const SIX_TO_FOUR = parseCidr('2002::/16');

/** Classifies an IP address; anything that is not one is `never` reachable. */
export function classifyAddress(address: string): AddressClass {
  const parsed = parseAddress(address);
  if (parsed === undefined) return { reach: 'never', kind: 'not an IP address' };
  if (contains(SIX_TO_FOUR, parsed)) {
    // 6to4 sends the packets to the IPv4 address in bits 16–47; it is as reachable as that one.
    const embedded = formatIpv4((parsed.value >> 80n) & 0xffffffffn);
    const inner = classifyAddress(embedded);
    return inner.reach === 'public' ? inner : { reach: inner.reach, kind: `6to4 of ${embedded}, ${inner.kind}` };
  }
  for (const range of PARSED_RANGES) {
    if (range.cidrs.some((cidr) => contains(cidr, parsed))) return { reach: range.reach, kind: range.kind };
  }
  return { reach: 'public', kind: 'public' };
}

function contains(cidr: Cidr, address: { family: 4 | 6; value: bigint }): boolean {
  if (cidr.family !== address.family) return false;
  const shift = BigInt(BITS[cidr.family] - cidr.prefix);
  return address.value >> shift === cidr.network >> shift;
}

function parseCidr(text: string): Cidr {
  const [address, prefix] = text.split('/') as [string, string];
  const parsed = parseAddress(address)!;
  return { family: parsed.family, network: parsed.value, prefix: Number(prefix) };
}

/** An IPv4 or IPv6 address (a zone such as `%eth0` ignored) as a number. */
function parseAddress(text: string): { family: 4 | 6; value: bigint } | undefined {
  const address = text.replace(/%.*$/, '');
  const family = ipFamily(address);
  if (family === 4) return { family, value: ipv4Value(address) };
  if (family === 6) return { family, value: ipv6Value(address) };
  return undefined;
}

function ipv4Value(address: string): bigint {
  return address.split('.').reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

/** Expands `::` and a trailing dotted IPv4 part; `address` has passed `isIP`. */
function ipv6Value(address: string): bigint {
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
  const hex =
    dotted === undefined
      ? address
      : `${address.slice(0, -dotted.length)}${(ipv4Value(dotted) >> 16n).toString(16)}:${(ipv4Value(dotted) & 0xffffn).toString(16)}`;
  const [head, tail] = hex.split('::') as [string, string | undefined];
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = tail === undefined ? [] : new Array<string>(8 - headGroups.length - tailGroups.length).fill('0');
  return [...headGroups, ...zeros, ...tailGroups].reduce((value, group) => (value << 16n) | BigInt(`0x${group}`), 0n);
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

/** 4 or 6 for an IPv4 (dotted decimal) or IPv6 address (a trailing dotted IPv4 part allowed), else 0. */
export function ipFamily(text: string): 0 | 4 | 6 {
  if (IPV4.test(text)) return 4;
  const halves = text.split('::');
  if (halves.length > 2) return 0;
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  const all = [...head, ...tail];
  let count = all.length;
  const last = all.at(-1);
  if (last !== undefined && last.includes('.')) {
    if (!IPV4.test(last)) return 0;
    all.pop();
    count += 1; // a dotted IPv4 part stands for two groups
  }
  if (!all.every((group) => HEX_GROUP.test(group))) return 0;
  if (halves.length === 2 ? count > 7 : count !== 8) return 0;
  return 6;
}
