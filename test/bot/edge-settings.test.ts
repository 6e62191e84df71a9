// The settings of the Teams edge that issue 12 added: how long an export link lives, whether the
// App Service sign-in guards the downloads, and how long a claim on due reminders holds.

import { loadConfig, ConfigError } from '../../src/config';
import { SCHOOL } from '../support/teams';

const base = { SCHOOLS: JSON.stringify([SCHOOL]), DATA_DIR: '/tmp/meldcode' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...base, ...env });
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('the edge settings', () => {
  it('default to links of 10 minutes, no sign-in, and a claim lease of 5 minutes', () => {
    const config = loadConfig(base);
    expect(config.exports).toEqual({ linkMinutes: 10, requireSignIn: false });
    expect(config.reminderClaimLeaseSeconds).toBe(300);
  });

  it('read EXPORT_LINK_MINUTES, EXPORT_REQUIRE_SIGN_IN and REMINDER_CLAIM_LEASE_SECONDS', () => {
    const config = loadConfig({
      ...base,
      EXPORT_LINK_MINUTES: '3',
      EXPORT_REQUIRE_SIGN_IN: 'true',
      REMINDER_CLAIM_LEASE_SECONDS: '90',
    });
    expect(config.exports).toEqual({ linkMinutes: 3, requireSignIn: true });
    expect(config.reminderClaimLeaseSeconds).toBe(90);
  });

  it.each([
    [{ EXPORT_LINK_MINUTES: '0' }, 'EXPORT_LINK_MINUTES'],
    [{ EXPORT_LINK_MINUTES: '61' }, 'EXPORT_LINK_MINUTES'],
    [{ EXPORT_LINK_MINUTES: 'tien' }, 'EXPORT_LINK_MINUTES'],
    [{ EXPORT_REQUIRE_SIGN_IN: 'yes' }, 'EXPORT_REQUIRE_SIGN_IN'],
    // A lease shorter than a send may take would let two instances send the same reminder.
    [{ REMINDER_CLAIM_LEASE_SECONDS: '30' }, 'REMINDER_CLAIM_LEASE_SECONDS'],
    [{ REMINDER_CLAIM_LEASE_SECONDS: '3601' }, 'REMINDER_CLAIM_LEASE_SECONDS'],
  ])('refuses %j, naming the variable', (env, variable) => {
    expect(problemsOf(env).join('\n')).toContain(variable);
  });
});
