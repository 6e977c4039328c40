export { RuleSetEditor, type RuleSetEditorProps } from './RuleSetEditor';
export { messages as ruleSetEditorMessages } from './messages';
