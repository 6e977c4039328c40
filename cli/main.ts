import { parseArgs } from 'node:util';
import { UserError, type Io } from './io';
import { listRules, showRules, validateRules, type Lang } from './rules-commands';
import { scoreCommand, type Format } from './score-command';

const USAGE = `fieldkit — score assessments with Fieldkit's rule sets

  fieldkit rules list
  fieldkit rules show <id> [--json]
  fieldkit rules validate <file>
  fieldkit score --rules <id|file> --input <file.json|file.csv> [--format table|json|csv]

Options: --lang en|zh-CN (default en)`;

export async function main(argv: string[], io: Io): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        rules: { type: 'string' },
        input: { type: 'string' },
        format: { type: 'string', default: 'table' },
        lang: { type: 'string', default: 'en' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    const lang = values.lang === 'zh-CN' || values.lang === 'zh' ? 'zh-CN' : values.lang === 'en' ? 'en' : undefined;
    if (!lang) throw new UserError(`--lang must be en or zh-CN, got ${values.lang}`);
    const [command, sub, argument] = positionals;
    if (values.help || !command) {
      io.out.write(USAGE + '\n');
      return values.help ? 0 : 2;
    }
    if (command === 'rules') {
      if (sub === 'list') return listRules(io, lang as Lang);
      if (sub === 'show') return showRules(io, argument, lang as Lang, values.json ?? false);
      if (sub === 'validate') return validateRules(io, argument);
      throw new UserError(`unknown command "rules ${sub ?? ''}"\n\n${USAGE}`);
    }
    if (command === 'score') {
      const format = values.format as Format;
      if (!['table', 'json', 'csv'].includes(format)) throw new UserError(`--format must be table, json or csv, got ${values.format}`);
      return scoreCommand(io, { rules: values.rules, input: values.input, format, lang: lang as Lang });
    }
    throw new UserError(`unknown command "${command}"\n\n${USAGE}`);
  } catch (error) {
    if (error instanceof UserError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err.write(`${(error as Error).message}\n`);
      return error instanceof UserError ? 1 : 2;
    }
    throw error;
  }
}
