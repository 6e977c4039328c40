import { createRoot } from 'react-dom/client';
import { ExtensionRoot } from '../../components/app/ExtensionRoot';
import { PopupApp } from '../../components/popup/PopupApp';
import { captureIntelInActiveTab, openSidePanel, rememberCurrentWindow, setUpExtensionPage } from '../../lib/pages/extension-page';

const { db, browserLanguage } = setUpExtensionPage();
rememberCurrentWindow();
createRoot(document.getElementById('root')!).render(
  <ExtensionRoot db={db} browserLanguage={browserLanguage}>
    <PopupApp actions={{ openSidePanel, captureIntel: captureIntelInActiveTab }} />
  </ExtensionRoot>,
);
