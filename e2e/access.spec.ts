import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type APIRequestContext, type Browser } from '@playwright/test';
import { e2eAdmin, storageStates } from './playwright.config';
import { createClientByApi } from './support/fakes';
import { signInOnPage } from './support/sign-in';

type RouteMethod = { path: string; file: string; method: string; access: 'public' | 'user' | 'admin' };

const apiRoot = path.resolve(import.meta.dirname, '../app/api');

/**
 * Lists every route handler of the app with its access level, read from the source: each exported
 * method's route() call names 'public', 'user' or 'admin'. Dynamic segments get placeholder values.
 */
function listRoutes(): RouteMethod[] {
  const routes: RouteMethod[] = [];
  const visit = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(full);
      else if (entry.name === 'route.ts') {
        const source = fs.readFileSync(full, 'utf8');
        const urlPath = `/api/${path.relative(apiRoot, dir)}`
          .replace(/\[\.\.\.[^\]]+\]/g, 'session')
          .replace(/\[token\]/g, 'not-a-valid-token')
          .replace(/\[[^\]]+\]/g, crypto.randomUUID());
        for (const match of source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = (route[^(]*\(\s*'(public|user|admin)'|handle)/g)) {
          routes.push({ path: urlPath, file: path.relative(apiRoot, full), method: match[1], access: (match[3] as RouteMethod['access']) ?? 'public' });
        }
      }
    }
  };
  visit(apiRoot);
  return routes;
}

async function call(request: APIRequestContext, route: RouteMethod) {
  return request.fetch(route.path, { method: route.method, data: ['GET', 'DELETE'].includes(route.method) ? undefined : {} });
}

const routes = listRoutes();

test('every route is listed', () => {
  expect(routes.length).toBeGreaterThan(35);
  expect(routes.filter((route) => route.access === 'public').map((route) => `${route.method} ${route.file}`).sort()).toEqual([
    'GET auth/[...all]/route.ts',
    'GET health/route.ts',
    'GET metrics/route.ts',
    'GET upload/[token]/documents/route.ts',
    'GET upload/[token]/route.ts',
    'POST auth/[...all]/route.ts',
    'POST upload/[token]/route.ts',
  ]);
});

test.describe('without a session', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('every signed-in route answers 401', async ({ request }) => {
    for (const route of routes.filter((candidate) => candidate.access !== 'public')) {
      const response = await call(request, route);
      expect(response.status(), `${route.method} ${route.file}`).toBe(401);
      expect((await response.json()).error.code, `${route.method} ${route.file}`).toBe('unauthenticated');
    }
  });

  test('pages send visitors to sign in', async ({ page }) => {
    for (const target of ['/clients', '/letters', '/graph', '/status', '/knowledge', '/admin/users']) {
      await page.goto(target);
      await expect(page, target).toHaveURL(new RegExp(`/sign-in\\?next=${encodeURIComponent(target).replace(/[/]/g, '%2F')}`));
    }
  });

  test('health stays public', async ({ request }) => {
    expect((await request.get('/api/health')).status()).toBe(200);
  });
});

test('advisors get 403 on admin routes', async ({ request }) => {
  for (const route of routes.filter((candidate) => candidate.access === 'admin')) {
    const response = await call(request, route);
    expect(response.status(), `${route.method} ${route.file}`).toBe(403);
  }
});

test.describe('client assignment', () => {
  test.use({ storageState: storageStates.admin });

  test('advisors see only their clients', async ({ request, browser }) => {
    const adminClient = await createClientByApi(request, 'Unassigned Client');
    const advisor = await browser.newContext({ storageState: storageStates.advisor });
    const asAdvisor = advisor.request;

    const listed = (await (await asAdvisor.get('/api/clients')).json()).clients.map((client: { id: string }) => client.id);
    expect(listed).not.toContain(adminClient);
    for (const suffix of ['', '/documents', '/debts', '/advisors', '/upload-links']) {
      expect((await asAdvisor.get(`/api/clients/${adminClient}${suffix}`)).status(), suffix).toBe(403);
    }
    expect((await asAdvisor.post(`/api/clients/${adminClient}/ask`, { data: { question: 'How much is owed?' } })).status()).toBe(403);
    expect((await asAdvisor.get(`/api/graph?clientId=${adminClient}`)).status()).toBe(403);
    const graph = await (await asAdvisor.get('/api/graph')).json();
    expect(graph.nodes.some((node: { id: string }) => node.id === `client:${adminClient}`)).toBe(false);

    expect((await request.patch('/api/admin/settings', { data: { advisorsSeeAllClients: true } })).status()).toBe(200);
    expect((await asAdvisor.get(`/api/clients/${adminClient}`)).status()).toBe(200);
    expect((await request.patch('/api/admin/settings', { data: { advisorsSeeAllClients: false } })).status()).toBe(200);
    expect((await asAdvisor.get(`/api/clients/${adminClient}`)).status()).toBe(403);

    const users = (await (await request.get('/api/admin/users')).json()).users as { id: string; email: string }[];
    const advisorId = users.find((user) => user.email === 'advisor@centre.test')!.id;
    expect((await request.put(`/api/clients/${adminClient}/advisors`, { data: { userIds: [advisorId] } })).status()).toBe(200);
    expect((await asAdvisor.get(`/api/clients/${adminClient}`)).status()).toBe(200);
    await advisor.close();
  });
});

test('cross-site changes are rejected', async ({ request }) => {
  const response = await request.post('/api/clients', { data: { name: 'Forged Client' }, headers: { origin: 'https://evil.example' } });
  expect(response.status()).toBe(403);
  const listed = await (await request.get('/api/clients')).json();
  expect(listed.clients.some((client: { name: string }) => client.name === 'Forged Client')).toBe(false);
});

test('pages carry security headers', async ({ request }) => {
  const page = await request.get('/clients');
  const policy = page.headers()['content-security-policy'];
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(page.headers()['x-frame-options']).toBe('DENY');
  expect(page.headers()['x-content-type-options']).toBe('nosniff');
  const nonce = /'nonce-([^']+)'/.exec(policy)![1];
  expect(await page.text()).toContain(`nonce="${nonce}"`);

  const api = await request.get('/api/me');
  expect(api.headers()['content-security-policy']).toContain("default-src 'none'");
  expect(api.headers()['x-frame-options']).toBe('DENY');
});

type NewAccount = { name: string; email: string; password: string; role: 'advisor' };

/**
 * Adds an account, signs in to it with a wrong password five times, enough to lock it, and opens the
 * Users screen as admin at the account's row, which must show the lockout.
 */
async function openLockedAccount(browser: Browser, request: APIRequestContext, account: NewAccount, origin: string) {
  const adminContext = await browser.newContext({ storageState: storageStates.admin });
  expect((await adminContext.request.post('/api/admin/users', { data: account })).status()).toBe(201);
  for (let attempt = 1; attempt <= 5; attempt++) {
    await request.post('/api/auth/sign-in/email', { data: { email: account.email, password: `wrong-password-${attempt}` }, headers: { origin } });
  }

  const page = await adminContext.newPage();
  await page.goto('/admin/users');
  const row = page.getByTestId('account-row').filter({ hasText: account.email });
  await expect(row.getByTestId('account-status')).toHaveText('Locked out');
  return { adminContext, page, row };
}

test.describe('sign-in limits', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('failed sign-ins lock the account for a while', async ({ request, playwright, baseURL }) => {
    const admin = await playwright.request.newContext({ baseURL, storageState: storageStates.admin });
    const account = { name: 'Locked Advisor', email: 'locked@centre.test', password: 'locked-advisor-password-1', role: 'advisor' };
    expect((await admin.post('/api/admin/users', { data: account })).status()).toBe(201);
    await admin.dispose();

    const messages: string[] = [];
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await request.post('/api/auth/sign-in/email', { data: { email: account.email, password: `wrong-password-${attempt}` }, headers: { origin: baseURL! } });
      expect(response.status(), `attempt ${attempt}`).toBe(401);
      const body = await response.json();
      messages.push(body.error?.message ?? body.message);
    }
    expect(messages[0]).not.toMatch(/lock/);
    expect(messages[3]).toContain('One more failed attempt locks this account for 15 minutes.');
    expect(messages[4]).toContain('this account is now locked for 15 minutes');
    const locked = await request.post('/api/auth/sign-in/email', { data: { email: account.email, password: account.password }, headers: { origin: baseURL! } });
    expect(locked.status()).toBe(429);
    expect((await locked.json()).error.message).toMatch(/Wait 15 minutes/);

    const other = await request.post('/api/auth/sign-in/email', { data: { email: e2eAdmin.email, password: e2eAdmin.password }, headers: { origin: baseURL! } });
    expect(other.status()).toBe(200);
  });

  test('admins see and lift lockouts', async ({ request, browser, baseURL }) => {
    const account: NewAccount = { name: 'Forgetful Advisor', email: 'forgetful@centre.test', password: 'forgetful-advisor-password-1', role: 'advisor' };
    const { adminContext, page, row } = await openLockedAccount(browser, request, account, baseURL!);
    await expect(row.getByTestId('account-locked-until')).toContainText('after failed sign-ins, until');
    await row.getByRole('button', { name: `Unlock ${account.name} now` }).click();
    await expect(row.getByTestId('account-status')).toHaveText('Active');

    const signIn = await request.post('/api/auth/sign-in/email', { data: { email: account.email, password: account.password }, headers: { origin: baseURL! } });
    expect(signIn.status()).toBe(200);

    const accountId = await row.getAttribute('data-account-id');
    const activity = (await (await adminContext.request.get(`/api/admin/audit?actorId=${accountId}&action=sign-in`)).json()).events as { details: { succeeded: boolean } }[];
    expect(activity.filter((event) => !event.details.succeeded)).toHaveLength(5);
    expect(activity.filter((event) => event.details.succeeded)).toHaveLength(1);

    const lockouts = (await (await adminContext.request.get(`/api/admin/audit?targetId=${accountId}&action=update`)).json()).events as { actorType: string; targetType: string; details: Record<string, unknown> }[];
    expect(lockouts.map((event) => [event.actorType, event.targetType, event.details])).toEqual([
      ['user', 'account-lockout', { locked: false }],
      ['system', 'account-lockout', { locked: true, failedSignIns: 5 }],
    ]);
    await page.goto(`/admin/audit?targetId=${accountId}&action=update`);
    const badges = page.getByTestId('audit-row').locator('td:nth-child(3)');
    await expect(badges).toHaveText(['Unlocked', 'Locked out']);
    await expect(page.getByTestId('audit-row').last()).toContainText('Failed sign-ins');
    await adminContext.close();
  });

  test('a password reset shows the lockout lifted', async ({ request, browser, baseURL }) => {
    const account: NewAccount = { name: 'Reset Advisor', email: 'reset.lock@centre.test', password: 'reset-advisor-password-1', role: 'advisor' };
    const { adminContext, page, row } = await openLockedAccount(browser, request, account, baseURL!);
    await row.getByTestId('account-reset-password').click();
    const dialog = page.getByTestId('reset-password-dialog');
    await expect(dialog.getByTestId('reset-password-self')).toHaveCount(0);
    await dialog.getByTestId('reset-password-generate').click();
    await dialog.getByTestId('reset-password-submit').click();
    await expect(dialog.getByTestId('reset-password-done')).toBeVisible();
    await expect(row.getByTestId('account-status')).toHaveText('Active');
    await dialog.getByTestId('reset-password-close').click();
    await expect(row.getByTestId('account-unlock')).toHaveCount(0);

    const accountId = await row.getAttribute('data-account-id');
    const resets = (await (await adminContext.request.get(`/api/admin/audit?targetId=${accountId}&action=update`)).json()).events as { targetType: string; details: Record<string, unknown> }[];
    expect(resets.find((event) => event.targetType === 'account-password')?.details).toEqual({ lockoutLifted: true });
    await adminContext.close();
  });

  test('signing out ends the session', async ({ browser, playwright, baseURL }) => {
    const admin = await playwright.request.newContext({ baseURL, storageState: storageStates.admin });
    const account = { name: 'Leaving Advisor', email: 'leaving@centre.test', password: 'leaving-advisor-password-1', role: 'advisor' };
    const { id } = await (await admin.post('/api/admin/users', { data: account })).json();
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('/sign-in');
    await signInOnPage(page, account);

    await page.getByTestId('sign-out').click();
    await expect(page).toHaveURL(/\/sign-in/);
    expect((await context.request.get('/api/me')).status()).toBe(401);
    const events = (await (await admin.get(`/api/admin/audit?actorId=${id}&action=sign-out`)).json()).events;
    expect(events).toHaveLength(1);
    await context.close();
    await admin.dispose();
  });
});

test.describe('Users screen', () => {
  test.use({ storageState: storageStates.admin });

  test('admins correct a name and email', async ({ page, request, baseURL, playwright }) => {
    const account = { name: 'Jon Smiht', email: 'jon.smiht@centre.test', password: 'misspelt-advisor-password-1', role: 'advisor' };
    const { id } = await (await request.post('/api/admin/users', { data: account })).json();
    await page.goto('/admin/users');
    const row = page.locator(`[data-testid="account-row"][data-account-id="${id}"]`);

    await row.getByTestId('account-edit').click();
    const dialog = page.getByTestId('edit-account-dialog');
    await dialog.getByTestId('edit-account-email').fill(e2eAdmin.email);
    await dialog.getByTestId('edit-account-submit').click();
    await expect(dialog.getByTestId('edit-account-error')).toContainText(`Another account already has the email ${e2eAdmin.email}`);

    await dialog.getByTestId('edit-account-name').fill('John Smith');
    await dialog.getByTestId('edit-account-email').fill('John.Smith@centre.test');
    await dialog.getByTestId('edit-account-submit').click();
    await expect(dialog).not.toBeVisible();
    await expect(row).toHaveAttribute('data-email', 'john.smith@centre.test');
    await expect(row.locator('td').first()).toHaveText('John Smith');

    const visitor = await playwright.request.newContext({ baseURL });
    const signIn = await visitor.post('/api/auth/sign-in/email', { data: { email: 'john.smith@centre.test', password: account.password }, headers: { origin: baseURL! } });
    expect(signIn.status()).toBe(200);
    await visitor.dispose();

    const events = (await (await request.get(`/api/admin/audit?targetId=${id}&action=update`)).json()).events as { details: Record<string, unknown> }[];
    expect(events.map((event) => event.details)).toEqual([{ role: null, disabled: null, nameChanged: true, emailChanged: true }]);
    expect(JSON.stringify(events)).not.toContain('Smiht');
  });

  test('role changes only on a deliberate action', async ({ page, request }) => {
    const account = { name: 'Keyboard Advisor', email: 'keyboard@centre.test', password: 'keyboard-advisor-password-1', role: 'advisor' };
    const { id } = await (await request.post('/api/admin/users', { data: account })).json();
    await page.goto('/admin/users');
    const row = page.locator(`[data-testid="account-row"][data-account-id="${id}"]`);
    const change = row.getByTestId('account-role-change');
    const dialog = page.getByTestId('account-change-dialog');

    await change.focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await expect(dialog).not.toBeVisible();

    await page.keyboard.press('Enter');
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Make Keyboard Advisor an admin?');
    await page.keyboard.press('Escape');
    await expect(dialog).not.toBeVisible();
    await expect(row.getByTestId('account-role')).toHaveAttribute('data-role', 'advisor');

    await change.click();
    await dialog.getByTestId('confirm-dialog-confirm').click();
    await expect(row.getByTestId('account-role')).toHaveAttribute('data-role', 'admin');
    await expect(change).toBeFocused();
    await expect(change).toHaveText('Make advisor…');

    await change.click();
    await dialog.getByTestId('confirm-dialog-confirm').click();
    await expect(row.getByTestId('account-role')).toHaveAttribute('data-role', 'advisor');
  });

  test('own password reset warns of signing out', async ({ page }) => {
    await page.goto('/admin/users');
    const row = page.locator(`[data-testid="account-row"][data-email="${e2eAdmin.email}"]`);
    await row.getByTestId('account-reset-password').click();
    const dialog = page.getByTestId('reset-password-dialog');
    await expect(dialog.getByTestId('reset-password-self')).toContainText('signs you out on every browser and device, this one too');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).not.toBeVisible();
  });

  test('settings show the centre name', async ({ page }) => {
    await page.goto('/admin/settings');
    await expect(page.getByTestId('setting-centre-name-value')).toHaveText('Marrowgate Money Advice Centre');
    await expect(page.getByTestId('setting-centre-name')).toContainText('CENTRE_NAME');
    await expect(page.getByTestId('setting-centre-name-default')).toHaveCount(0);
  });

  test('erasure can be left to admins from the settings page', async ({ page }) => {
    await page.goto('/admin/settings');
    const erasure = page.getByTestId('setting-advisors-erase');
    await expect(erasure).toBeChecked();
    await erasure.click();
    await expect(page.getByTestId('setting-advisors-erase-state')).toHaveText('Now off: only admins erase clients.');
    await page.reload();
    await expect(erasure).not.toBeChecked();
    await erasure.click();
    await expect(page.getByTestId('setting-advisors-erase-state')).toHaveText('Now on: assigned advisors can erase their clients.');
  });
});

test('client list heading matches what it shows', async ({ page, browser }) => {
  await page.goto('/clients');
  await expect(page.getByTestId('clients-list').getByRole('heading', { level: 2 })).toHaveText('Clients you can open');

  const admin = await browser.newContext({ storageState: storageStates.admin });
  const adminPage = await admin.newPage();
  await adminPage.goto('/clients');
  await expect(adminPage.getByTestId('clients-list').getByRole('heading', { level: 2 })).toHaveText('All clients');
  await admin.close();
});
