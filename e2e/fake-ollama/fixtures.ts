import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { canonicalModelName } from './models';

/** A fixture file that is missing, unreadable or invalid. The fake responds to such requests with HTTP 500. */
export class FixtureError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FixtureError';
  }
}

const ruleSchema = z
  .strictObject({
    match: z
      .strictObject({
        contains: z.array(z.string()).optional(),
        hasImages: z.boolean().optional(),
        hasFormat: z.boolean().optional(),
        model: z.string().optional(),
      })
      .optional(),
    response: z.unknown().optional(),
    responseFile: z.string().optional(),
  })
  .refine((rule) => (rule.response === undefined) !== (rule.responseFile === undefined), {
    message: 'a rule needs exactly one of "response" or "responseFile"',
  });

type FixtureRule = z.infer<typeof ruleSchema>;

/** What a rule can match on in a chat or generate request. */
export type FixtureQuery = {
  model: string;
  /** Every message content (or the system text and prompt) joined by newlines. */
  text: string;
  hasImages: boolean;
  hasFormat: boolean;
};

export const CHAT_FIXTURE_FILE = 'chat.json';

/** Reads the rules of `fixturesDir/chat.json`. A folder without the file has no rules. */
async function loadRules(fixturesDir: string): Promise<FixtureRule[]> {
  const file = path.join(fixturesDir, CHAT_FIXTURE_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new FixtureError(`Cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new FixtureError(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }

  const result = z.array(ruleSchema).safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new FixtureError(`${file} is invalid at ${issue.path.join('.') || 'the top level'}: ${issue.message}`);
  }
  return result.data;
}

function matches(rule: FixtureRule, query: FixtureQuery): boolean {
  const match = rule.match ?? {};
  const text = query.text.toLowerCase();
  if (match.contains?.some((needle) => !text.includes(needle.toLowerCase()))) return false;
  if (match.hasImages !== undefined && match.hasImages !== query.hasImages) return false;
  if (match.hasFormat !== undefined && match.hasFormat !== query.hasFormat) return false;
  if (match.model !== undefined && canonicalModelName(match.model).toLowerCase() !== canonicalModelName(query.model).toLowerCase()) {
    return false;
  }
  return true;
}

/** Reads a rule's `responseFile`, which must stay inside the fixtures folder. */
async function readResponseFile(fixturesDir: string, name: string): Promise<string> {
  const root = path.resolve(fixturesDir);
  const file = path.resolve(root, name);
  if (!file.startsWith(root + path.sep)) {
    throw new FixtureError(`responseFile "${name}" points outside ${root}. Give a path inside the fixtures folder.`);
  }
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new FixtureError(`Cannot read responseFile ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Returns the response content of the first rule in chat.json that matches the request, or undefined
 * when none does. The file is read on every call, so a test can change it between requests.
 */
export async function findFixtureAnswer(fixturesDir: string | undefined, query: FixtureQuery): Promise<string | undefined> {
  if (!fixturesDir) return undefined;
  const rule = (await loadRules(fixturesDir)).find((candidate) => matches(candidate, query));
  if (!rule) return undefined;

  if (rule.responseFile !== undefined) return readResponseFile(fixturesDir, rule.responseFile);
  return typeof rule.response === 'string' ? rule.response : JSON.stringify(rule.response);
}
