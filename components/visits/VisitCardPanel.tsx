import { useCallback, useMemo, useState, type ComponentProps } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { useLocale, useT } from '../shell/locale';
import { useDatabase, useDealers } from '../shell/database-context';
import { formatDay } from '../../lib/kernel/format';
import type { Author } from '../../lib/kernel/record';
import { canEditVisit } from '../../lib/visits/edit-rule';
import { dealerHistoryOf } from '../../lib/visits/history';
import { openVisit, saveVisitCard, type OpenedVisit } from '../../lib/visits/save';
import type { VisitCard } from '../../lib/visits/schema';
import { VisitCardDetails } from './VisitCardDetails';
import { VisitCardForm } from './VisitCardForm';
import { visitCardMessages } from './messages';

export interface VisitCardPanelProps {
  card: VisitCard;
  /** Who is looking: only the card's author may change it, and only until the day's report is in. */
  viewer: Author;
  dealerName: string;
  /** YYYY-MM-DD in the viewer's zone: the latest day a card may be moved to. */
  today: string;
  /** After a save (the card and its photos are written). */
  onSaved(): void;
  onClose(): void;
}

/**
 * An opened visit card: the form when `viewer` may still change it, else the card read-only with
 * the reason in one line. What it needs besides the card (its photos, its day's daily report) is
 * read when it opens; the decision is taken then and held — a report submitted meanwhile in
 * another window makes the save refuse, with the same sentence, rather than swap the form away
 * under the rep's fingers.
 */
export function VisitCardPanel(props: VisitCardPanelProps) {
  const db = useDatabase();
  const opened = useLiveQuery(() => openVisit(db, props.card), [db, props.card.id, props.card.visitDay, props.card.author.id]);
  if (!opened) return null;
  return <Decided {...props} opened={opened} />;
}

function Decided({ card, viewer, dealerName, today, onSaved, onClose, opened }: VisitCardPanelProps & { opened: OpenedVisit }) {
  const t = useT(visitCardMessages);
  const locale = useLocale();
  const db = useDatabase();
  // The first answer decides, and gives the form its photos; the read-only view follows live.
  const [first] = useState(opened);
  const rule = canEditVisit(card, first.dailyEntry ?? undefined, viewer.id);
  const day = formatDay(card.visitDay, locale, 'short');
  const loadHistory = useCallback((dealerId: string, visitDay: string) => dealerHistoryOf(db, dealerId, visitDay), [db]);
  const initialPhotos = useMemo(
    () => first.photos.map(({ id, mime, width, height, dataUrl, caption }) => ({ id, mime, width, height, dataUrl, ...(caption ? { caption } : {}) })),
    [first.photos],
  );

  if (!rule.editable) {
    return (
<VisitCardDetails card={card} dealerName={dealerName} photos={opened.photos} reason={rule.reason} onClose={onClose} />
    );
  }
  return (
    <>
      <h4 className="text-base font-semibold">{t('editing', { dealer: dealerName, day })}</h4>
      <VisitCardFormWithDealers
        initial={card}
        initialPhotos={initialPhotos}
        loadHistory={loadHistory}
        today={today}
        onSave={async (draft, photos) => {
          await saveVisitCard(db, draft, photos, { author: viewer });
          onSaved();
        }}
        onCancel={onClose}
      />
    </>
  );
}

/** The visit-card form with its dealer picker, whose list is read only once the form opens. */
export function VisitCardFormWithDealers(props: Omit<ComponentProps<typeof VisitCardForm>, 'dealers'>) {
  const dealers = useDealers();
  const options = useMemo(() => dealers?.map((d) => ({ id: d.id, name: d.name })), [dealers]);
  if (!options) return null;
  return <VisitCardForm {...props} dealers={options} />;
}
