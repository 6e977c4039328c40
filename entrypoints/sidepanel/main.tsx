import { createRoot } from 'react-dom/client';
import { ExtensionRoot } from '../../components/shell/ExtensionRoot';
import { SidePanelApp } from '../../components/pages/side-panel/SidePanelApp';
import { SyncStatusContainer } from '../../components/sync/index';
import { openOptionsPage, setUpExtensionPage } from '../../lib/host/extension-page';
import { nudgeRemindersOnChange } from '../../lib/host/reminders';

const { db, browserLanguage, send } = setUpExtensionPage();
// A report saved here wakes the worker so the badge and the next reminder follow at once.
nudgeRemindersOnChange(db);
createRoot(document.getElementById('root')!).render(
  <ExtensionRoot db={db} browserLanguage={browserLanguage} send={send}>
    <SidePanelApp
      onOpenOptions={openOptionsPage}
      onSyncNow={() => void send('sync.now', {}).catch(() => undefined)}
      header={<SyncStatusContainer send={send} variant="badge" />}
      syncPanel={<SyncStatusContainer send={send} variant="panel" onReconnect={openOptionsPage} />}
    />
  </ExtensionRoot>,
);
