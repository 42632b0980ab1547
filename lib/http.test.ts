import { describe, expect, it } from 'vitest';
import { pathForLog } from './http';

describe('pathForLog', () => {
  it('keeps an upload link id and drops its expiry and signature', () => {
    const token = '9149b4fa-fe36-4990-b422-2f5f47487a70.1797064635.s87YXec9RTj8ht5zqXA0tq6PO_UoIEASRmjtNJSkwEM';
    expect(pathForLog(`/api/upload/${token}`)).toBe('/api/upload/9149b4fa-fe36-4990-b422-2f5f47487a70.…');
    expect(pathForLog(`/api/upload/${token}/documents`)).toBe('/api/upload/9149b4fa-fe36-4990-b422-2f5f47487a70.…/documents');
  });

  it('leaves other paths as they are', () => {
    expect(pathForLog('/api/documents/9149b4fa-fe36-4990-b422-2f5f47487a70/pages/2/picture')).toBe('/api/documents/9149b4fa-fe36-4990-b422-2f5f47487a70/pages/2/picture');
    expect(pathForLog('/api/upload/not-a-valid-token')).toBe('/api/upload/not-a-valid-token');
  });
});
