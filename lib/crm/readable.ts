/**
 * Helpers for a kind's readable rendering (`KindDefinition.crm.render`): the labelled lines a
 * CRM user without Fieldkit reads. CRM-agnostic; the adapter turns them into its own format.
 */
import type { ReadableLine } from '../store/kind';

/** A labelled line, or undefined when there is nothing to say. */
export function field(zh: string, en: string, value: unknown): ReadableLine | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return { label: { 'zh-CN': zh, en }, value: String(value).slice(0, 2000) };
}

export function listOf(values: readonly string[] | undefined): string | undefined {
  return values && values.length > 0 ? values.join('、') : undefined;
}

/** A day's activity sits at noon UTC on the CRM timeline, so no time zone moves it a day. */
export function noonOf(day: string): string {
  return `${day}T12:00:00.000Z`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
