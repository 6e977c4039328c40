import type { CSSProperties } from 'react';

/**
 * Inline styles, in px: these components also mount inside a content-script shadow root, where
 * neither the page's stylesheet nor the extension's theme.css applies and the page's root font
 * size would change every rem.
 */
/** The design tokens of ./design.css, so inline styles follow light and dark too. */
export const palette = {
  accent: 'var(--fk-accent)',
  accentInk: 'var(--fk-accent-ink)',
  ink: 'var(--fk-ink)',
  muted: 'var(--fk-muted)',
  line: 'var(--fk-line)',
  soft: 'var(--fk-soft)',
  warn: 'var(--fk-warn)',
  warnSoft: 'var(--fk-warn-soft)',
  error: 'var(--fk-danger)',
  errorSoft: 'var(--fk-danger-soft)',
  bg: 'var(--fk-bg)',
} as const;

const control: CSSProperties = {
  boxSizing: 'border-box',
  font: 'inherit',
  fontSize: 14,
  color: palette.ink,
  background: palette.bg,
  border: `1px solid ${palette.line}`,
  borderRadius: 6,
  padding: '6px 8px',
  minHeight: 32,
  maxWidth: '100%',
};

export const styles = {
  form: { display: 'flex', flexDirection: 'column', gap: 12, fontSize: 14, lineHeight: 1.45, color: palette.ink } as CSSProperties,
  section: { display: 'flex', flexDirection: 'column', gap: 8 } as CSSProperties,
  fieldset: { border: `1px solid ${palette.line}`, borderRadius: 8, padding: '8px 12px 12px', margin: 0, display: 'flex', flexDirection: 'column', gap: 8, minWidth: 0 } as CSSProperties,
  legend: { fontWeight: 600, padding: '0 4px', fontSize: 14 } as CSSProperties,
  heading: { fontSize: 15, fontWeight: 600, margin: 0 } as CSSProperties,
  field: { display: 'flex', flexDirection: 'column', gap: 4, minWidth: 0 } as CSSProperties,
  label: { fontWeight: 600, fontSize: 13 } as CSSProperties,
  input: { ...control, width: '100%' } as CSSProperties,
  narrowInput: { ...control, width: 110 } as CSSProperties,
  select: { ...control, width: '100%' } as CSSProperties,
  textarea: { ...control, width: '100%', minHeight: 64, resize: 'vertical' } as CSSProperties,
  invalid: { borderColor: palette.error } as CSSProperties,
  row: { display: 'flex', gap: 8, alignItems: 'flex-end', flexWrap: 'wrap' } as CSSProperties,
  grid: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(140px, 1fr))', gap: 8 } as CSSProperties,
  checkboxLabel: { display: 'inline-flex', alignItems: 'center', gap: 6, minHeight: 28, cursor: 'pointer' } as CSSProperties,
  hint: { margin: 0, fontSize: 12, color: palette.muted } as CSSProperties,
  error: { margin: 0, fontSize: 13, color: palette.error } as CSSProperties,
  errorBox: { margin: 0, padding: '8px 10px', borderRadius: 6, background: palette.errorSoft, color: palette.error, fontSize: 13 } as CSSProperties,
  signal: { margin: 0, padding: '4px 8px', borderRadius: 6, background: palette.warnSoft, color: palette.warn, fontSize: 12 } as CSSProperties,
  badge: { display: 'inline-block', padding: '1px 6px', borderRadius: 10, background: palette.soft, border: `1px solid ${palette.line}`, fontSize: 12 } as CSSProperties,
  chip: { display: 'inline-flex', alignItems: 'center', gap: 4, padding: '2px 4px 2px 8px', borderRadius: 12, background: palette.soft, border: `1px solid ${palette.line}`, fontSize: 13 } as CSSProperties,
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 6 } as CSSProperties,
  listItem: { borderBottom: `1px solid ${palette.line}`, padding: '6px 0' } as CSSProperties,
  table: { width: '100%', borderCollapse: 'collapse', fontSize: 13 } as CSSProperties,
  cell: { textAlign: 'left', padding: '4px 6px', borderBottom: `1px solid ${palette.line}`, verticalAlign: 'top' } as CSSProperties,
  muted: { color: palette.muted } as CSSProperties,
  plainText: { whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0, padding: 8, background: palette.soft, borderRadius: 6, maxHeight: 160, overflow: 'auto', fontSize: 13 } as CSSProperties,
  /** Read by screen readers, not shown. */
  srOnly: { position: 'absolute', width: 1, height: 1, padding: 0, margin: -1, overflow: 'hidden', clip: 'rect(0, 0, 0, 0)', whiteSpace: 'nowrap', border: 0 } as CSSProperties,
  actions: { display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' } as CSSProperties,
} as const;

export const buttonStyles = {
  base: {
    font: 'inherit',
    fontSize: 14,
    border: `1px solid ${palette.line}`,
    background: palette.bg,
    color: palette.ink,
    borderRadius: 6,
    padding: '6px 12px',
    minHeight: 32,
    cursor: 'pointer',
  } as CSSProperties,
  primary: { background: palette.accent, borderColor: palette.accent, color: palette.accentInk } as CSSProperties,
  small: { padding: '2px 8px', minHeight: 26, fontSize: 13 } as CSSProperties,
  icon: { padding: '0 6px', minHeight: 24, minWidth: 24, fontSize: 14, lineHeight: 1, border: 'none', background: 'transparent' } as CSSProperties,
  disabled: { opacity: 0.6, cursor: 'default' } as CSSProperties,
};
