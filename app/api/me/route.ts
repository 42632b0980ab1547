import { route } from '@/lib/http';

export const GET = route('user', async ({ user }) => Response.json(user));
