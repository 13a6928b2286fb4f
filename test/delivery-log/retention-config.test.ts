import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config';

describe('SWITCHBOARD_DELIVERY_LOG_DAYS', () => {
  it('keeps the delivery log 7 days unless set, and refuses a period below one day', () => {
    expect(readConfig({}).deliveryLogDays).toBe(7);
    expect(readConfig({ SWITCHBOARD_DELIVERY_LOG_DAYS: '30' }).deliveryLogDays).toBe(30);
    expect(() => readConfig({ SWITCHBOARD_DELIVERY_LOG_DAYS: '0' })).toThrow(/SWITCHBOARD_DELIVERY_LOG_DAYS/);
  });
});
