// Every word a person reads comes from the language files (shared/i18n), never from code: this
// walks the console's sources and the desktop shell's menus, tray, notifications and dialogs (parsed
// with the bundler's own parser, oxc, through Vite) and lists user-visible literals: JSX text, text
// attributes (aria-label, title, placeholder…), strings shown as JSX children, menu and notice
// fields (label, title, body…), and any other string that reads like a sentence.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseAst } from 'vite';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The console, and the parts of the desktop shell that speak to the supervisor. */
const FILES = [
  ...sources(join(ROOT, 'renderer/src')),
  ...['menu.ts', 'tray.ts', 'attention.ts', 'notifications.ts', 'microphone-consent.ts', 'language.ts', 'index.ts'].map((file) => join(ROOT, 'electron/main', file)),
];

/** Attributes a person reads or hears. */
const TEXT_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-roledescription', 'aria-valuetext', 'aria-placeholder', 'title', 'placeholder', 'alt', 'label']);
/** Fields of menus, notifications and dialogs a person reads. */
const TEXT_FIELDS = new Set(['label', 'title', 'body', 'message', 'detail', 'buttons', 'text']);
/** Attributes whose strings are never read (class names, ids, types…). */
const CODE_ATTRIBUTES = new Set(['className', 'id', 'type', 'role', 'href', 'htmlFor', 'key', 'inputMode', 'autoComplete', 'lang', 'dateTime', 'rel', 'target', 'name', 'value']);

/** Strings that read like words but are code, each with why. */
const ALLOWED = new Map<string, string>([
  ['useBridge outside <BridgeContext.Provider>', 'a programming error, never shown'],
  ['(prefers-color-scheme: dark)', 'a media query'],
  ['stopped listening', 'a WebSocket close reason, for the server'],
  ['console closed', 'a WebSocket close reason, for the server'],
]);

const LETTER = /\p{L}/u;
/** Two words with a space between them: a sentence or a phrase. */
const PROSE = /\p{L}{2,}[,;:.!?'’]?\s+\p{L}{2,}/u;

type Node = { type: string; start: number; [key: string]: unknown };

interface Finding {
  file: string;
  line: number;
  text: string;
  why: string;
}

function findLiterals(file: string): Finding[] {
  const code = readFileSync(file, 'utf8');
  const ast = parseAst(code, { lang: file.endsWith('.tsx') ? 'tsx' : 'ts' }) as unknown as Node;
  const findings: Finding[] = [];
  const report = (node: Node, text: string, why: string) => {
    if (ALLOWED.has(text.trim())) return;
    findings.push({ file: relative(ROOT, file), line: code.slice(0, node.start).split('\n').length, text: text.trim(), why });
  };

  /** The strings in an expression as a person would see them: literals, template parts, both branches of a choice. */
  const shownStrings = (node: Node | null | undefined): [Node, string][] => {
    if (!node) return [];
    if (node.type === 'Literal' && typeof node.value === 'string') return [[node, node.value]];
    if (node.type === 'TemplateLiteral') return (node.quasis as Node[]).map((q) => [q, String((q.value as { cooked: string }).cooked)] as [Node, string]);
    if (node.type === 'ConditionalExpression') return [...shownStrings(node.consequent as Node), ...shownStrings(node.alternate as Node)];
    if (node.type === 'LogicalExpression') return shownStrings(node.right as Node);
    if (node.type === 'JSXExpressionContainer') return shownStrings(node.expression as Node);
    if (node.type === 'ArrayExpression') return (node.elements as Node[]).flatMap((e) => shownStrings(e));
    return [];
  };

  const visit = (node: Node, parents: Node[]): void => {
    const parent = parents.at(-1);
    switch (node.type) {
      case 'ImportDeclaration':
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration':
        if (node.source) return visitChildren({ ...node, source: null } as Node, parents);
        break;
      case 'TSLiteralType':
      case 'TSTypeAnnotation':
      case 'TSTypeAliasDeclaration':
      case 'TSInterfaceDeclaration':
        return; // types are never shown
      case 'JSXText':
        if (LETTER.test(String(node.value))) report(node, String(node.value), 'text in JSX');
        return;
      case 'JSXAttribute': {
        const name = (node.name as Node).name as string;
        if (CODE_ATTRIBUTES.has(name) || name.startsWith('data-')) return;
        if (TEXT_ATTRIBUTES.has(name)) {
          for (const [at, text] of shownStrings(node.value as Node)) if (LETTER.test(text)) report(at, text, `the ${name} attribute`);
          return;
        }
        break;
      }
      case 'JSXExpressionContainer':
        if (parent?.type === 'JSXElement' || parent?.type === 'JSXFragment') {
          for (const [at, text] of shownStrings(node.expression as Node)) if (LETTER.test(text)) report(at, text, 'a string shown in JSX');
          return visitChildren(node, parents, shownStrings(node.expression as Node).map(([at]) => at));
        }
        break;
      case 'Property': {
        const key = node.key as Node;
        const name = key.type === 'Identifier' ? (key.name as string) : key.type === 'Literal' ? String(key.value) : '';
        if (TEXT_FIELDS.has(name)) for (const [at, text] of shownStrings(node.value as Node)) if (LETTER.test(text)) report(at, text, `the ${name} field`);
        // Keys are names, not text.
        return visit(node.value as Node, [...parents, node]);
      }
      case 'CallExpression': {
        // The words' keys: t('board.empty.title'), i18n.t(`owner.${kind}`).
        const callee = node.callee as Node;
        const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' ? (callee.property as Node).name : '';
        if (name === 't' || name === 'words') return visitChildren({ ...node, arguments: (node.arguments as Node[]).slice(1) } as Node, parents);
        break;
      }
      case 'Literal':
        if (typeof node.value === 'string' && PROSE.test(node.value)) report(node, node.value, 'a sentence in code');
        return;
      case 'TemplateElement': {
        const text = (node.value as { cooked: string }).cooked;
        if (PROSE.test(text)) report(node, text, 'a sentence in code');
        return;
      }
    }
    visitChildren(node, parents);
  };

  const visitChildren = (node: Node, parents: Node[], skip: Node[] = []) => {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'type' || key === 'start' || key === 'end') continue;
      const children = Array.isArray(value) ? value : [value];
      for (const child of children) {
        if (child && typeof child === 'object' && typeof (child as Node).type === 'string' && !skip.includes(child as Node)) visit(child as Node, [...parents, node]);
      }
    }
  };

  visit(ast, []);
  // JSX class names are code even when built in a template (`btn ${active ? 'active' : ''}`).
  return findings.filter((f) => !/^[a-z][\w-]*( [a-z][\w-]*)*$/.test(f.text) || f.why !== 'a sentence in code');
}

describe('words in code', () => {
  it('are none: the console and the desktop shell take every word from the language files', () => {
    const findings = FILES.flatMap(findLiterals);
    expect(findings.map((f) => `${f.file}:${f.line} ${f.why}: ${JSON.stringify(f.text)}`)).toEqual([]);
  });

  it('are found where they are (the check itself works)', () => {
    const probe = join(ROOT, 'test/unit/architecture/fixtures/words-in-code.tsx');
    expect(findLiterals(probe).map((f) => f.text).sort()).toEqual(['File', 'Hello there', 'Live calls', 'Send', 'Sending', 'the engine did not answer: restart it']);
  });
});
