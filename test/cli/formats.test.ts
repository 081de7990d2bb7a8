import { describe, expect, it } from 'vitest';
import { parseFormats } from '../../src/cli.js';

describe('--format name[:path]', () => {
  it('defaults to the console on stdout', () => {
    expect(parseFormats([], undefined)).toEqual([{ name: 'console' }]);
  });
  it('takes several formats, one on stdout and the rest to files', () => {
    expect(parseFormats(['console', 'json:out/report.json'], undefined)).toEqual([{ name: 'console' }, { name: 'json', path: 'out/report.json' }]);
  });
  it('--output sends the stdout format to a file', () => {
    expect(parseFormats(['json'], 'r.json')).toEqual([{ name: 'json', path: 'r.json' }]);
  });
  it('rejects unknown formats, empty paths and two formats on stdout', () => {
    expect(() => parseFormats(['pdf'], undefined)).toThrow(/unknown format pdf/);
    expect(() => parseFormats(['json:'], undefined)).toThrow(/give a file/);
    expect(() => parseFormats(['console', 'json'], undefined)).toThrow(/only one --format/);
  });
});
