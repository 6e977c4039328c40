import { createRoot } from 'react-dom/client';
import { ExtensionRoot } from '../../components/app/ExtensionRoot';
import { SidePanelApp } from '../../components/side-panel/SidePanelApp';
import { openOptionsPage, setUpExtensionPage } from '../../lib/pages/extension-page';

const { db, browserLanguage } = setUpExtensionPage();
createRoot(document.getElementById('root')!).render(
  <ExtensionRoot db={db} browserLanguage={browserLanguage}>
    <SidePanelApp onOpenOptions={openOptionsPage} />
  </ExtensionRoot>,
);
