import { createRoot } from 'react-dom/client';
import { ExtensionRoot } from '../../components/app/ExtensionRoot';
import { PopupApp } from '../../components/popup/PopupApp';
import { SyncStatusContainer } from '../../components/sync-status';
import { captureIntelInActiveTab, openSidePanel, rememberCurrentWindow, setUpExtensionPage } from '../../lib/pages/extension-page';

const { db, browserLanguage, send } = setUpExtensionPage();
rememberCurrentWindow();
createRoot(document.getElementById('root')!).render(
  <ExtensionRoot db={db} browserLanguage={browserLanguage} send={send}>
    <PopupApp actions={{ openSidePanel, captureIntel: captureIntelInActiveTab }} syncStatus={<SyncStatusContainer send={send} variant="badge" />} />
  </ExtensionRoot>,
);
