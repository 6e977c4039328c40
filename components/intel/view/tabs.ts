import { useCallback, useEffect, useState } from 'react';

/** The Intel view's tabs; each but the list has its own hash (#intel/timeline, #intel/prices, #intel/analysis). */
export const INTEL_TABS = ['list', 'timeline', 'prices', 'analysis'] as const;
export type IntelTab = (typeof INTEL_TABS)[number];

const TAB_HASH = /^#intel\/(timeline|prices|analysis)$/;

export function intelTabOf(hash: string): IntelTab {
  return (TAB_HASH.exec(hash)?.[1] as IntelTab | undefined) ?? 'list';
}

export function hashOfIntelTab(tab: IntelTab): string {
  return tab === 'list' ? '#intel' : `#intel/${tab}`;
}

/**
 * The open tab, kept in the hash so a link, the popup or a reload opens it; following the hash
 * when something else changes it while the view is open.
 */
export function useIntelTab(): [IntelTab, (tab: IntelTab) => void] {
  const [tab, setTab] = useState<IntelTab>(() => intelTabOf(location.hash));
  useEffect(() => {
    const onHash = () => {
      // Only a hash of this section moves the tab; #intel/new/<dealer> is the list's.
      if (location.hash === '#intel' || location.hash.startsWith('#intel/')) setTab(intelTabOf(location.hash));
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const choose = useCallback((next: IntelTab) => {
    setTab(next);
    if (location.hash !== hashOfIntelTab(next)) history.replaceState(null, '', hashOfIntelTab(next));
  }, []);
  return [tab, choose];
}
