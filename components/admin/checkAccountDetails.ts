/** Problems with an account's name and email as typed, by field. */
export type AccountDetailProblems = { name?: string; email?: string };

/** Returns what is wrong with a name and an email typed for an account. The server checks both again. */
export function checkAccountDetails(name: string, email: string): AccountDetailProblems {
  const problems: AccountDetailProblems = {};
  if (!name.trim()) problems.name = 'Enter the person’s name.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) problems.email = 'Enter an email address, like name@example.org.';
  return problems;
}
