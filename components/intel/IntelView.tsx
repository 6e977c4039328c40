import { useState } from 'react';
import { useT } from '../shell/locale';
import { sidePanelMessages } from '../pages/side-panel/messages';
import { useDatabase, useDealers, useRecords, useSetting } from '../shell/database-context';
import { EmptyState } from '../shell/EmptyState';
import { IntelForm, IntelList } from './index';
import { saveRecord } from '../../lib/store/records';
import { today } from '../../lib/kernel/dates';

export function IntelView() {
  const t = useT(sidePanelMessages);
  const db = useDatabase();
  const items = useRecords('intelItems');
  const dealers = useDealers();
  const profile = useSetting('profile');
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState('');
  if (!items || !dealers || !profile) return null;
  const competitors = [...new Set(items.map((i) => i.competitorName))];

  return (
    <div className="fk-stack">
      <div className="fk-row">
        <h2>{t('intelTitle')}</h2>
        {!editing && (
          <button type="button" className="fk-button fk-button-primary" onClick={() => setEditing(true)}>
            {t('newIntel')}
          </button>
        )}
      </div>
      {notice && <p role="status">{notice}</p>}
      {editing && (
        <IntelForm
          competitors={competitors}
          dealers={dealers.map((d) => ({ id: d.id, name: d.name }))}
          today={today()}
          onSave={async (draft) => {
            await saveRecord(db, 'intelItems', draft, { author: { id: profile.id, name: profile.name } });
            setEditing(false);
            setNotice(t('saved'));
          }}
          onCancel={() => setEditing(false)}
        />
      )}
      {items.length === 0 && !editing ? (
        <EmptyState testId="empty-intel" title={t('intelEmptyTitle')} body={t('intelEmptyBody')} />
      ) : (
        <IntelList items={items} />
      )}
    </div>
  );
}
