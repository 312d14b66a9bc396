import { Type, type Static } from '@sinclair/typebox';

export const DiagnosticSchema = Type.Object(
  {
    code: Type.String({ description: 'Stable code, documented in docs/diagnostics.md.' }),
    severity: Type.Union([Type.Literal('error'), Type.Literal('warning')], { description: 'error fails the run; warning does not.' }),
    file: Type.String({ description: 'Repo-relative path of the file.' }),
    line: Type.Integer({ minimum: 1, description: '1-based line.' }),
    column: Type.Integer({ minimum: 1, description: '1-based column.' }),
    message: Type.String({ description: 'What is wrong: the field, what was expected, what was found.' }),
    hint: Type.Optional(Type.String({ description: 'How to fix it.' })),
  },
  { additionalProperties: false, description: 'One finding.' },
);
export type Diagnostic = Static<typeof DiagnosticSchema>;
