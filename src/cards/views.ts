// View models: turn domain data into the flat data a card template binds. Every field a template
// names is always present (null when empty), so an unbound `${…}` always means a missing field.

import { randomUUID } from 'node:crypto';
import { section, t, type Language, type MessageKey } from '../i18n';
import type { School } from '../domain/school';
import { STEPS, stepStatuses, missingBeforeDecision, type Dossier, type Refusal, type Step } from '../domain';
import type { AccessRefusal } from '../app/dossier-service';
import type { DossierSummary } from '../store/store';

export type ViewData = Record<string, unknown>;

export function welcomeView(language: Language): ViewData {
  return { t: section(language, 'welcome') };
}

export function errorView(language: Language, message: MessageKey): ViewData {
  return { t: section(language, 'error'), message: t(language, message) };
}

/** What the user typed, kept when a form comes back, plus a message per field that needs fixing. */
export interface FormState {
  values: Record<string, unknown>;
  errors: Record<string, string>;
}

export const emptyForm: FormState = { values: {}, errors: {} };

/** Fill every named field, so the template always binds: typed values stay, the rest is null. */
function formFields(fields: readonly string[], state: FormState): { values: ViewData; errors: ViewData } {
  const values: ViewData = {};
  const errors: ViewData = {};
  for (const field of fields) {
    values[field] = state.values[field] ?? null;
    errors[field] = state.errors[field] ?? null;
  }
  return { values, errors };
}

function problemsText(language: Language, state: FormState): string {
  const problems = Object.values(state.errors);
  return problems.length === 0 ? '' : `${t(language, 'form.fixBelow')}\n\n- ${problems.join('\n- ')}`;
}

const NEW_DOSSIER_FIELDS = [
  'schoolId',
  'pupilReference',
  'group',
  'age',
  'birthYear',
  'firstDescription',
] as const;

export function newDossierView(language: Language, schools: readonly School[], state: FormState): ViewData {
  return {
    t: section(language, 'newDossier'),
    schools: schools.map((s) => ({ id: s.id, name: s.name })),
    ...formFields(NEW_DOSSIER_FIELDS, state),
    problems: Object.keys(state.errors),
    problemsText: problemsText(language, state),
    // A fresh id per card instance: pressing its button twice records once.
    submissionId: randomUUID(),
  };
}

/** A refusal of the meldcode's rules, in the user's words. */
export function refusalMessage(language: Language, refusal: Refusal): string {
  return t(language, `refusal.${refusal.code}` as MessageKey, {
    steps: stepList(language, refusal.missing ?? []),
  });
}

export function accessView(language: Language, refusal: AccessRefusal): ViewData {
  return { t: section(language, 'error'), message: t(language, `access.${refusal.code}`) };
}

function stepList(language: Language, steps: readonly Step[]): string {
  return steps.map((step) => t(language, `step.${step}`)).join(', ');
}

/** Dates as a Dutch or English reader expects them, in Dutch time. */
export function formatDate(language: Language, iso: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00Z`) : new Date(iso);
  return new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'Europe/Amsterdam',
  }).format(date);
}

export function myDossiersView(language: Language, dossiers: readonly DossierSummary[]): ViewData {
  return {
    t: section(language, 'myDossiers'),
    dossiers: dossiers.map((d) => ({
      id: d.id,
      schoolId: d.schoolId,
      number: d.number,
      pupilReference: d.pupilReference,
      lastActivity: formatDate(language, d.updatedAt),
    })),
  };
}

export type DossierNotice = 'opened';

export function dossierView(language: Language, dossier: Dossier, notice?: DossierNotice): ViewData {
  const statuses = stepStatuses(dossier);
  const missing = missingBeforeDecision(dossier);
  const noticeText =
    dossier.status === 'closed'
      ? t(language, 'dossier.closed')
      : notice === 'opened'
        ? t(language, 'dossier.opened')
        : (notice ?? '');
  return {
    t: section(language, 'dossier'),
    schoolId: dossier.schoolId,
    dossierId: dossier.id,
    title: t(language, 'dossier.title', { number: dossier.number }),
    subtitle: t(language, 'dossier.subtitle', {
      reference: dossier.pupil.reference,
      group: dossier.pupil.group,
      openedOn: formatDate(language, dossier.openedAt),
    }),
    notice: noticeText,
    noticeColor: dossier.status === 'closed' ? 'Warning' : 'Good',
    steps: STEPS.map((step) => ({
      step,
      name: t(language, `step.${step}`),
      status: t(language, `status.${statuses[step]}`),
    })),
    missing:
      missing.length > 0 && dossier.status === 'open'
        ? t(language, 'dossier.missing', { steps: stepList(language, missing) })
        : '',
  };
}
