import { defineMessages } from '../../lib/kernel/i18n';

/** Why a rule-set file or pasted JSON was not loaded into the form (lib/rules/load.ts › ruleSetShapeProblem). */
export const shapeMessages = defineMessages({
  en: {
    tooDeep: 'This rule set nests deeper than {limit} levels (at {path}), so nothing was loaded and the form is unchanged. A rule set nests a few blocks at most: check the file is the one you meant.',
    notList: 'In this rule set, "{field}" at {path} must be a list ([…]), so nothing was loaded and the form is unchanged. Fix that field and load the file again.',
    notObject: 'This file is JSON but not a rule set (it must be a JSON object), so nothing was loaded and the form is unchanged.',
  },
  'zh-CN': {
    tooDeep: '这个规则集嵌套超过 {limit} 层（位置：{path}），没有载入任何内容，表单保持不变。规则集最多只嵌套几层模块，请确认文件是否选对。',
    notList: '这个规则集中 {path} 处的“{field}”必须是列表（[…]），没有载入任何内容，表单保持不变。请修正该字段后重新载入文件。',
    notObject: '这个文件是 JSON，但不是规则集（必须是 JSON 对象），没有载入任何内容，表单保持不变。',
  },
});
