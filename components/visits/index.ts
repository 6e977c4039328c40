export { VisitCardForm, type VisitCardFormProps } from './VisitCardForm';
export { VisitCardList, type VisitCardListProps } from './VisitCardList';
export { visitCardMessages } from './messages';
