import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { admin } from 'better-auth/plugins';
import type { Config } from '../config';
import type { Db } from '../db/client';
import { accounts, rateLimits, sessions, users, verifications } from '../db/schema';

export const roles = ['advisor', 'admin'] as const;
export type Role = (typeof roles)[number];

/** The shortest password accepted for an advisor or admin account. */
export const MIN_PASSWORD_LENGTH = 12;

const LOOPBACK_NAMES = ['localhost', '127.0.0.1'];

/**
 * Returns the origins allowed to send sign-ins and state-changing requests: APP_URL's, those in
 * TRUSTED_ORIGINS, and when APP_URL is on this machine, its other loopback spelling (localhost or
 * 127.0.0.1), since both reach the same server.
 */
export function trustedOrigins(config: Config): string[] {
  const extra = (config.TRUSTED_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean);
  const app = new URL(config.APP_URL);
  const loopback = LOOPBACK_NAMES.includes(app.hostname)
    ? LOOPBACK_NAMES.map((name) => {
        const alias = new URL(app.origin);
        alias.hostname = name;
        return alias.origin;
      })
    : [];
  return [...new Set([app.origin, ...loopback, ...extra.map((origin) => new URL(origin).origin)])];
}

/**
 * Builds better-auth on the records database: email and password sign-in with scrypt hashes and no
 * self sign-up, and sessions in HTTP-only cookies (Secure when APP_URL is https). The admin plugin
 * gives the advisor and admin roles, and a per-address limit on sign-in attempts is shared by every
 * replica. The per-account limit on failed sign-ins is in lockout.ts, because addresses can be many
 * or forged.
 */
export function createAuth({ db, config, secret }: { db: Db; config: Config; secret: string }) {
  return betterAuth({
    appName: 'RMA Advisor',
    baseURL: config.APP_URL,
    basePath: '/api/auth',
    secret,
    trustedOrigins: trustedOrigins(config),
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications, rateLimit: rateLimits },
    }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: 256,
      revokeSessionsOnPasswordReset: true,
    },
    session: {
      expiresIn: config.SESSION_HOURS * 60 * 60,
      updateAge: 15 * 60,
    },
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 300,
      customRules: {
        '/sign-in/email': { window: config.SIGN_IN_WINDOW_MINUTES * 60, max: config.SIGN_IN_MAX_PER_ADDRESS },
        '/change-password': { window: config.SIGN_IN_WINDOW_MINUTES * 60, max: config.SIGN_IN_MAX_PER_ADDRESS },
      },
    },
    advanced: {
      cookiePrefix: 'rma',
      useSecureCookies: config.APP_URL.startsWith('https://'),
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
    },
    plugins: [admin({ defaultRole: 'advisor', adminRoles: ['admin'] })],
    telemetry: { enabled: false },
  });
}

export type Auth = ReturnType<typeof createAuth>;
