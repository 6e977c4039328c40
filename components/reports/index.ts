export { DiaryEditor, type DiaryEditorProps } from './DiaryEditor';
export { diaryEditorMessages } from './messages';
export { isCopiedLine, vagueWordWithoutNumber, VAGUE_PLAN_WORDS } from '../../lib/reports/signals';
