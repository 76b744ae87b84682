import { parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import type { Finding } from '../findings/finding';
import { finding } from '../findings/finding';
import type { MapNode, SeqNode, ValueNode } from './ast';
import type { Limits } from './limits';
import { findExcessiveJsonNesting } from './limits';
import type { SyntaxDocument } from './syntaxDocument';
import { duplicateKeysOf, limitFinding } from './syntaxDocument';

const ERROR_HINTS: Partial<Record<string, string>> = {
  CommaExpected: 'Separate items and properties with a comma.',
  PropertyNameExpected: 'Property names are double-quoted strings.',
  ValueExpected: 'A value is missing (or there is a trailing comma, which JSON does not allow).',
  ColonExpected: 'A property name needs ":" before its value.',
  CloseBraceExpected: 'A "}" is missing.',
  CloseBracketExpected: 'A "]" is missing.',
  EndOfFileExpected: 'There is more text after the JSON value; a JSON file holds one value.',
  InvalidCommentToken: 'JSON does not allow comments; use a YAML plan for comments.',
  UnexpectedEndOfComment: 'JSON does not allow comments.',
  UnexpectedEndOfString: 'A closing double quote is missing.',
  InvalidSymbol: 'Strings need double quotes; true, false and null are lower-case.',
};

/** Parses a strict JSON text (no comments, no trailing commas) into one syntax document. Never throws. */
export function parseJsonText(text: string, limits: Limits): SyntaxDocument {
  const nesting = findExcessiveJsonNesting(text, limits);
  if (nesting) {
    return {
      start: 0,
      end: text.length,
      root: null,
      findings: [limitFinding(nesting.offset, nesting.length, nesting.message)],
      limited: true,
      index: 0,
    };
  }
  const errors: ParseError[] = [];
  const findings: Finding[] = [];
  let root: ValueNode | null = null;
  try {
    const tree = parseTree(text, errors, {
      disallowComments: true,
      allowTrailingComma: false,
      allowEmptyContent: false,
    });
    findings.push(...syntaxFindings(text, errors));
    // Inside the try too: the pre-scan bounds the depth, and nothing may escape as a crash besides.
    if (tree) root = convert(tree, findings);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      start: 0,
      end: text.length,
      root: null,
      findings: [limitFinding(0, 0, `The JSON parser gave up (${reason}); the file is not analysed.`)],
      limited: true,
      index: 0,
    };
  }
  return { start: 0, end: text.length, root, findings, limited: false, index: 0 };
}

function syntaxFindings(text: string, errors: readonly ParseError[]): Finding[] {
  // Two errors at one offset (a trailing comma: "property name expected" and "value expected") have one cause.
  const firstAtOffset = errors.filter((error, i) => i === 0 || errors[i - 1]!.offset !== error.offset);
  return firstAtOffset.map((error) => {
    const code = printParseErrorCode(error.error);
    const hint = ERROR_HINTS[code];
    const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
    const end = error.offset + Math.max(error.length, 1);
    return finding(
      'yaml-syntax',
      error.offset,
      Math.min(end, lineEnd(text, error.offset)),
      `JSON syntax: ${words}.${hint ? ` ${hint}` : ''}`,
    );
  });
}

function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  const end = newline === -1 ? text.length : newline;
  return Math.max(end > offset && text.charCodeAt(end - 1) === 13 ? end - 1 : end, offset + 1);
}

function convert(node: JsonNode, findings: Finding[]): ValueNode {
  const start = node.offset;
  const end = node.offset + node.length;
  switch (node.type) {
    case 'object': {
      const map: MapNode = { kind: 'map', start, end, pairs: [] };
      for (const property of node.children ?? []) {
        const [keyNode, valueNode] = property.children ?? [];
        if (!keyNode) continue;
        map.pairs.push({
          key: {
            kind: 'scalar',
            value: String(keyNode.value),
            start: keyNode.offset,
            end: keyNode.offset + keyNode.length,
          },
          value: valueNode ? convert(valueNode, findings) : null,
        });
      }
      if (map.pairs.length > 1) findings.push(...duplicateKeysOf(map));
      return map;
    }
    case 'array': {
      const seq: SeqNode = {
        kind: 'seq',
        start,
        end,
        items: (node.children ?? []).map((child) => convert(child, findings)),
      };
      return seq;
    }
    case 'string':
    case 'number':
    case 'boolean':
      return { kind: 'scalar', value: node.value as string | number | boolean, start, end };
    default:
      return { kind: 'scalar', value: null, start, end };
  }
}
