import { describe, expect, it } from 'vitest';
import { parseConfig } from '@/lib/config';
import { trustedOrigins } from './auth';

describe('trustedOrigins', () => {
  it('trusts both loopback spellings', () => {
    expect(trustedOrigins(parseConfig({ APP_URL: 'http://localhost:3200' }))).toEqual(['http://localhost:3200', 'http://127.0.0.1:3200']);
  });

  it('keeps a public address alone', () => {
    expect(trustedOrigins(parseConfig({ APP_URL: 'https://advice.centre.example/app' }))).toEqual(['https://advice.centre.example']);
  });

  it('adds the configured extra origins', () => {
    const origins = trustedOrigins(parseConfig({ APP_URL: 'https://advice.centre.example', TRUSTED_ORIGINS: 'https://intranet.centre.example, https://advice.centre.example' }));
    expect(origins).toEqual(['https://advice.centre.example', 'https://intranet.centre.example']);
  });
});
