import { isIP } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ipFamily } from '../../workflows';

describe('ipFamily, the pure stand-in for node:net isIP the editor can run too', () => {
  it('answers as isIP does', () => {
    const samples = [
      '127.0.0.1',
      '0.0.0.0',
      '255.255.255.255',
      '256.1.1.1',
      '01.2.3.4',
      '1.2.3',
      '1.2.3.4.5',
      '::',
      '::1',
      '1::',
      'fe80::1',
      '2001:db8::8a2e:370:7334',
      '1:2:3:4:5:6:7:8',
      '1:2:3:4:5:6:7:8:9',
      '1:2:3:4:5:6:7::',
      '::ffff:127.0.0.1',
      '64:ff9b::10.0.0.1',
      '1:2:3:4:5:6:1.2.3.4',
      '1:2:3:4:5:6:7:1.2.3.4',
      '1::2::3',
      ':1::',
      '12345::',
      'g::1',
      '::ffff:1.2.3',
      'localhost',
      'crm.example.com',
      '',
    ];
    for (const sample of samples) expect(ipFamily(sample), sample).toBe(isIP(sample));
  });
});
