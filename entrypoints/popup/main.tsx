import { createRoot } from 'react-dom/client';
import { ExtensionRoot } from '../../components/shell/ExtensionRoot';
import { PopupApp } from '../../components/pages/popup/PopupApp';
import { SyncStatusContainer } from '../../components/sync/index';
import { captureIntelInActiveTab, captureIntelInSidePanel, openSidePanel, rememberCurrentWindow, setUpExtensionPage } from '../../lib/host/extension-page';

const { db, browserLanguage, send } = setUpExtensionPage();
rememberCurrentWindow();
createRoot(document.getElementById('root')!).render(
  <ExtensionRoot db={db} browserLanguage={browserLanguage} send={send}>
    <PopupApp actions={{ openSidePanel, captureIntel: captureIntelInActiveTab, captureInSidePanel: captureIntelInSidePanel }} syncStatus={<SyncStatusContainer send={send} variant="badge" />} />
  </ExtensionRoot>,
);
