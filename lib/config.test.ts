import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import { ConfigError, configSchema, parseConfig } from './config';

describe('parseConfig', () => {
  test('defaults separate text and vision servers', () => {
    const config = parseConfig({});
    expect(config.OLLAMA_TEXT_URL).toBe('http://localhost:11434');
    expect(config.OLLAMA_VISION_URL).toBe('http://localhost:11435');
    expect(config.OLLAMA_EMBED_URL).toBe('http://localhost:11435');
    expect(config.OLLAMA_VISION_MODEL).toBe('llava:7b');
    expect(config.OLLAMA_EMBED_MODEL).toBe('nomic-embed-text');
    expect(config.DATABASE_URL).toBeUndefined();
  });

  test('numbers are read from strings', () => {
    expect(parseConfig({ MAX_UPLOAD_MB: '12' }).MAX_UPLOAD_MB).toBe(12);
  });

  test('empty values count as unset', () => {
    expect(parseConfig({ OLLAMA_TEXT_MODEL: '' }).OLLAMA_TEXT_MODEL).toBe('llama3.2');
  });

  test('invalid values are all named', () => {
    const parse = () => parseConfig({ OLLAMA_TEXT_URL: 'not a url', MAX_UPLOAD_MB: '-3' });
    expect(parse).toThrow(ConfigError);
    expect(parse).toThrow(/OLLAMA_TEXT_URL/);
    expect(parse).toThrow(/MAX_UPLOAD_MB/);
  });
});

describe('documentation', () => {
  const documented = (file: string) => fs.readFileSync(file, 'utf8');

  test.each(['.env.example', 'README.md'])('%s lists every setting', (file) => {
    const text = documented(file);
    for (const key of Object.keys(configSchema.shape)) {
      if (key === 'NODE_ENV') continue;
      expect(text, `${key} is missing from ${file}`).toContain(key);
    }
  });
});
