export { VisitCardForm, type VisitCardFormProps } from './VisitCardForm';
export { VisitCardList, type VisitCardListProps } from './VisitCardList';
export { VisitCardDetails } from './VisitCardDetails';
export { VisitCardPanel, type VisitCardPanelProps } from './VisitCardPanel';
export { PhotoDownscalerProvider } from './photo-downscaler';
export type { PhotoDownscaler } from './downscale-photo';
export { visitCardMessages } from './messages';
