export { IntelForm, type IntelFormProps } from './IntelForm';
export { IntelList, type IntelListProps } from './IntelList';
export { intelFormMessages } from './messages';
