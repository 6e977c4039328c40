import { defineBackground } from 'wxt/utils/define-background';
import { getDatabase } from '../../lib/store/database';
import { setUpBackground } from '../../lib/host/background';
import { setUpSync } from '../../lib/host/sync';
import { setUpPanelHandlers } from '../../lib/host/panel';
import { hubSpotConnector } from '../../lib/crm/hubspot';

export default defineBackground({
  type: 'module',
  main() {
    const db = getDatabase();
    const sync = setUpSync({ db, crm: hubSpotConnector });
    setUpBackground({ db, extraHandlers: { ...sync.handlers, ...setUpPanelHandlers(db, sync) }, onRecordSaved: sync.kickDrain });
  },
});
