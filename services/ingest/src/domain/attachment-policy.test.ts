import { describe, expect, it } from 'vitest';
import { refuseAttachment } from './attachment-policy.js';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('refuseAttachment', () => {
  it('accepts a PNG whose bytes are a PNG', () => {
    expect(refuseAttachment({ fileName: 'yard.png', contentType: 'image/png', content: PNG })).toBeUndefined();
  });
  it('refuses a type outside the accepted list, naming the accepted ones', () => {
    expect(refuseAttachment({ fileName: 'run.exe', contentType: 'application/x-msdownload', content: Buffer.from('MZ') })).toMatch(
      /application\/x-msdownload is not accepted; accepted: application\/pdf/,
    );
  });
  it('refuses a file that claims to be a PDF but is not', () => {
    expect(refuseAttachment({ fileName: 'scan.pdf', contentType: 'application/pdf', content: Buffer.from('<html>') })).toBe(
      'the content is not application/pdf',
    );
  });
  it('refuses an empty text file', () => {
    expect(refuseAttachment({ fileName: 'note.txt', contentType: 'text/plain', content: Buffer.alloc(0) })).toBe('the file is empty');
  });
  it('refuses a file without a name, or with a name too long to keep', () => {
    expect(refuseAttachment({ fileName: '', contentType: 'image/png', content: PNG })).toBe('the file has no name');
    expect(refuseAttachment({ fileName: `${'я'.repeat(256)}.png`, contentType: 'image/png', content: PNG })).toBe('the file name is longer than 255 characters');
  });
});
