export { Button } from './Button';
export { Field, FieldError, Checkbox, type FieldControlProps } from './Field';
export { LineListInput, cleanLines } from './LineListInput';
export { TagsInput } from './TagsInput';
export { SaveError, errorMessageOf } from './SaveError';
export { styles, palette, buttonStyles } from './styles';
export { uiMessages } from './messages';
