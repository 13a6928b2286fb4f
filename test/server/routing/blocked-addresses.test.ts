import { describe, expect, it } from 'vitest';
import { say } from '../../../i18n/sentence';
import { canonicalHosts, neverAllowed, parseAllowedHost } from '../../../server/routing/allowed-hosts';
import { classifyAddress, type AddressReach } from '../../../server/routing/blocked-addresses';

/** [address, reach, kind]: one address inside each range, and its edges where they matter. */
const CASES: Array<[string, AddressReach, string]> = [
  ['0.0.0.0', 'never', 'unspecified'],
  ['0.1.2.3', 'never', 'this network'],
  ['127.0.0.1', 'never', 'loopback'],
  ['127.255.255.254', 'never', 'loopback'],
  ['169.254.169.254', 'never', 'cloud metadata'],
  ['169.254.0.1', 'never', 'link-local'],
  ['100.100.100.200', 'never', 'cloud metadata'],
  ['224.0.0.1', 'never', 'multicast'],
  ['239.255.255.250', 'never', 'multicast'],
  ['192.0.0.192', 'never', 'reserved'],
  ['192.0.2.1', 'never', 'reserved'],
  ['192.88.99.1', 'never', 'reserved'],
  ['198.18.0.1', 'never', 'reserved'],
  ['198.51.100.1', 'never', 'reserved'],
  ['203.0.113.1', 'never', 'reserved'],
  ['240.0.0.1', 'never', 'reserved'],
  ['255.255.255.255', 'never', 'reserved'],
  ['10.0.0.1', 'private', 'private network'],
  ['10.255.255.255', 'private', 'private network'],
  ['172.16.0.1', 'private', 'private network'],
  ['172.31.255.255', 'private', 'private network'],
  ['192.168.1.1', 'private', 'private network'],
  ['100.64.0.1', 'private', 'carrier-grade NAT'],
  ['100.127.255.255', 'private', 'carrier-grade NAT'],
  ['8.8.8.8', 'public', 'public'],
  ['172.15.255.255', 'public', 'public'],
  ['172.32.0.0', 'public', 'public'],
  ['100.63.255.255', 'public', 'public'],
  ['100.128.0.0', 'public', 'public'],
  ['169.253.255.255', 'public', 'public'],

  ['::', 'never', 'unspecified'],
  ['::1', 'never', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'never', 'loopback'],
  ['fe80::1', 'never', 'link-local'],
  ['fe80::1%eth0', 'never', 'link-local'],
  ['febf::1', 'never', 'link-local'],
  ['ff02::1', 'never', 'multicast'],
  ['fd00:ec2::254', 'never', 'cloud metadata'],
  ['fc00::1', 'private', 'private network'],
  ['fd12:3456::1', 'private', 'private network'],
  ['fec0::1', 'private', 'private network'],
  ['2001:db8::1', 'never', 'reserved'],
  ['100::1', 'never', 'reserved'],
  ['2606:4700:4700::1111', 'public', 'public'],
  ['2001:4860:4860::8888', 'public', 'public'],

  // ::/96 — IPv4-compatible (deprecated), whatever IPv4 address it carries
  ['::127.0.0.1', 'never', 'IPv4-compatible'],
  ['::7f00:1', 'never', 'IPv4-compatible'],
  ['::8.8.8.8', 'never', 'IPv4-compatible'],
  ['::2', 'never', 'IPv4-compatible'],
  // ::ffff:0:0/96 — IPv4-mapped, in dotted and in hex form (the URL parser writes the latter)
  ['::ffff:127.0.0.1', 'never', 'IPv4-mapped'],
  ['::ffff:7f00:1', 'never', 'IPv4-mapped'],
  ['::ffff:a9fe:a9fe', 'never', 'IPv4-mapped'],
  ['::ffff:8.8.8.8', 'never', 'IPv4-mapped'],
  // 64:ff9b::/96 and 64:ff9b:1::/48 — NAT64
  ['64:ff9b::7f00:1', 'never', 'NAT64'],
  ['64:ff9b::8.8.8.8', 'never', 'NAT64'],
  ['64:ff9b:1::a00:1', 'never', 'NAT64'],
  ['64:ff9b:1:ffff::1', 'never', 'NAT64'],
  ['64:ff9b:2::1', 'public', 'public'],
  // 2001::/32 — Teredo
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'never', 'Teredo'],
];

describe('classifyAddress', () => {
  it.each(CASES)('%s is %s (%s)', (address, reach, kind) => {
    expect(classifyAddress(address)).toEqual({ reach, kind });
  });

  describe('6to4 (2002::/16) takes the reach of the IPv4 address it embeds', () => {
    it.each<[string, AddressReach, string]>([
      ['2002:7f00:1::', 'never', '6to4 of 127.0.0.1, loopback'],
      ['2002:7f00:0001:0000:0000:0000:0000:0001', 'never', '6to4 of 127.0.0.1, loopback'],
      ['2002:a9fe:a9fe::1', 'never', '6to4 of 169.254.169.254, cloud metadata'],
      ['2002:a9fe:1::', 'never', '6to4 of 169.254.0.1, link-local'],
      ['2002::', 'never', '6to4 of 0.0.0.0, unspecified'],
      ['2002:e000:1::', 'never', '6to4 of 224.0.0.1, multicast'],
      ['2002:a00:1::', 'private', '6to4 of 10.0.0.1, private network'],
      ['2002:c0a8:101::', 'private', '6to4 of 192.168.1.1, private network'],
      ['2002:6440:1::', 'private', '6to4 of 100.64.0.1, carrier-grade NAT'],
      ['2002:808:808::1', 'public', 'public'],
    ])('%s is %s (%s)', (address, reach, kind) => {
      expect(classifyAddress(address)).toEqual({ reach, kind });
    });
  });

  it('refuses what is not an IP address', () => {
    for (const text of ['', 'localhost', '127.1', '1.2.3.4.5', '[::1]']) {
      expect(classifyAddress(text).reach, text).toBe('never');
    }
  });
});

describe('allowed-host entries', () => {
  it('reads every spelling of an address as the address it connects to', () => {
    expect(parseAllowedHost('2130706433')).toEqual({ host: '127.0.0.1' });
    expect(parseAllowedHost('0x7f.1')).toEqual({ host: '127.0.0.1' });
    expect(parseAllowedHost('127.1')).toEqual({ host: '127.0.0.1' });
    expect(parseAllowedHost('[::FFFF:127.0.0.1]')).toEqual({ host: '::ffff:7f00:1' });
    expect(parseAllowedHost('0:0:0:0:0:0:0:1')).toEqual({ host: '::1' });
    expect(parseAllowedHost(' CRM.Example.com. ')).toEqual({ host: 'crm.example.com' });
    expect(canonicalHosts(['CRM.example.com', 'FD00:0::1', 'not a host'])).toEqual(['crm.example.com', 'fd00::1']);
  });

  it('refuses what is not a bare host', () => {
    for (const entry of [
      'https://crm.example.com',
      'crm.example.com:8080',
      'crm.example.com/x',
      'user@crm.example.com',
      'crm..example.com',
      '-crm.example.com',
      '999.1.1.1',
      '',
    ]) {
      const parsed = parseAllowedHost(entry);
      expect('problem' in parsed && say('en', parsed.problem), entry).toContain('host name or IP address');
    }
  });

  it('never allows this machine, link-local, metadata or unspecified addresses', () => {
    for (const host of [
      'localhost',
      'crm.localhost',
      '127.0.0.1',
      '::1',
      '0.0.0.0',
      '::',
      '169.254.169.254',
      'fe80::1',
    ]) {
      expect(neverAllowed(host), host).toMatchObject({ reach: 'never' });
    }
    for (const host of ['10.1.2.3', 'fd00::1', 'crm.example.com', '8.8.8.8', 'localhost.example.com']) {
      expect(neverAllowed(host), host).toBeUndefined();
    }
  });
});
