import { createContext, useContext, type ReactNode } from 'react';

/**
 * Where popovers and menus render. On extension pages that is the document body; inside a
 * content-script shadow root it must be the shadow container, or they would render unstyled in
 * the host page. The content-script host provides its container.
 */
const PortalContainer = createContext<HTMLElement | null>(null);

export function PortalContainerProvider({ container, children }: { container: HTMLElement | null; children: ReactNode }) {
  return <PortalContainer.Provider value={container}>{children}</PortalContainer.Provider>;
}

export function usePortalContainer(): HTMLElement | undefined {
  return useContext(PortalContainer) ?? undefined;
}
