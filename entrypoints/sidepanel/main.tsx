import { createRoot } from 'react-dom/client';
import { ExtensionRoot } from '../../components/shell/ExtensionRoot';
import { SidePanelApp } from '../../components/pages/side-panel/SidePanelApp';
import { SyncStatusContainer } from '../../components/sync/index';
import { openOptionsPage, setUpExtensionPage } from '../../lib/host/extension-page';

const { db, browserLanguage, send } = setUpExtensionPage();
createRoot(document.getElementById('root')!).render(
  <ExtensionRoot db={db} browserLanguage={browserLanguage} send={send}>
    <SidePanelApp
      onOpenOptions={openOptionsPage}
      header={<SyncStatusContainer send={send} variant="badge" />}
      syncPanel={<SyncStatusContainer send={send} variant="panel" onReconnect={openOptionsPage} />}
    />
  </ExtensionRoot>,
);
