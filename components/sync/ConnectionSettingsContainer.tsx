import { useCallback, useEffect, useState } from 'react';
import type { Messenger } from '../../lib/messaging/client';
import type { ConnectionStatus } from '../../lib/messaging/protocol';
import { ConnectionSettings } from './ConnectionSettings';

/** ConnectionSettings wired to the background through the typed messenger (options page). */
export function ConnectionSettingsContainer({ send, defaultBaseUrl }: { send: Messenger; defaultBaseUrl: string }) {
  const [status, setStatus] = useState<ConnectionStatus>();
  useEffect(() => {
    void send('connection.status', {}).then(setStatus, () => undefined);
  }, [send]);
  const onConnect = useCallback(async (input: { token: string; baseUrl?: string }) => send('connection.connect', input), [send]);
  const onDisconnect = useCallback(async () => send('connection.disconnect', {}), [send]);
  const onRelinkAsNew = useCallback(async () => send('connection.relinkAsNew', {}), [send]);
  return <ConnectionSettings status={status} onConnect={onConnect} onDisconnect={onDisconnect} onRelinkAsNew={onRelinkAsNew} defaultBaseUrl={defaultBaseUrl} />;
}
