import { describe, expect, it } from 'vitest';
import { csvCell, csvLines } from '../../../server/opt-outs/opt-out-csv';

// The opt-out export's cells: safe against formula injection when opened in a spreadsheet.

describe('csvCell', () => {
  it('quotes cells a spreadsheet would read as a formula, and those with separators', () => {
    expect(csvCell('+491701234567')).toBe("'+491701234567");
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('keyword')).toBe('keyword');
    expect(
      csvLines([
        ['a', 'b'],
        ['c', 'd'],
      ]),
    ).toBe('a,b\r\nc,d\r\n');
  });
});
