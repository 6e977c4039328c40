export type BinaryOperator = '+' | '-' | '*' | '/' | '<' | '<=' | '>' | '>=' | '==' | '!=' | 'and' | 'or';

export type Node =
  | { type: 'number'; value: number; text: string; at: number }
  | { type: 'string'; value: string; at: number }
  | { type: 'boolean'; value: boolean; at: number }
  | { type: 'name'; name: string; at: number }
  | { type: 'unary'; op: '-' | 'not'; operand: Node; at: number }
  | { type: 'binary'; op: BinaryOperator; left: Node; right: Node; at: number }
  | { type: 'call'; callee: string; args: Node[]; at: number };
